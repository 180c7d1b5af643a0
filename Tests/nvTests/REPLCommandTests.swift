import Testing
@testable import NVCommand

@Suite struct REPLCommandTests {
    @Test(arguments: [
        ("?print", REPLCommand.help(topic: "print", short: true)),
        ("  ? train ", .help(topic: "train", short: true)),
        ("?", .help(topic: nil)),
        (":help", .help(topic: nil)),
        (":help xor", .help(topic: "xor")),
        (":vars", .vars),
        (":clear", .clear),
        (":reset", .reset),
        (":doctor", .doctor),
        (":quit", .quit),
        (":q", .quit),
        (":load examples/a.nv", .load(path: "examples/a.nv")),
        (":load \"my file.nv\"", .load(path: "my file.nv")),
    ])
    func commands(_ line: String, _ expected: REPLCommand) {
        #expect(REPLCommand.parse(line) == expected)
    }

    @Test(arguments: ["x = 1", "print(\"?\")", "a ? b", "", "   "])
    func codeIsNotACommand(_ line: String) {
        #expect(REPLCommand.parse(line) == nil)
    }

    @Test(arguments: [
        (":frobnicate", "unknown command ':frobnicate'"),
        (":", "unknown command ':'"),
        (":load", ":load needs a file"),
        (":vars x", ":vars takes no argument, got 'x'"),
    ])
    func mistakesAreExplained(_ line: String, _ messageStart: String) {
        guard case .invalid(let message) = REPLCommand.parse(line) else {
            Issue.record("'\(line)' was not reported as invalid")
            return
        }
        #expect(message.hasPrefix(messageStart))
        if messageStart.hasPrefix("unknown") {
            for command in [":help", ":vars", ":load", ":reset", ":doctor", ":quit"] {
                #expect(message.contains(command))
            }
        }
    }
}

@Suite struct CompletionMatcherTests {
    @Test(arguments: [
        // Bare words replace the word readline is completing.
        ("lo", "net.lo", ["loss", "layers", "logits"], ["loss", "logits"]),
        ("ep", "train(net, ep", ["epochs:", "every:"], ["epochs:"]),
        ("", "net.", ["loss", "layers"], ["loss", "layers"]),
        // Candidates that repeat the text before the word are cut to the word.
        ("lo", "x = net.lo", ["net.loss", "net.layers"], ["loss"]),
        ("pr", "pr", ["print", "predict", "print"], ["print", "predict"]),
        ("zz", "zz", ["print"], []),
    ])
    func words(_ word: String, _ before: String, _ candidates: [String], _ expected: [String]) {
        #expect(CompletionMatcher.words(replacing: word, before: before, candidates: candidates) == expected)
    }
}

/// Shell habits get a pointer to the REPL's own command instead of "undefined variable".
@Suite struct REPLHintTests {
    @Test func shellWordsGetAHint() {
        #expect(REPLCommand.hint(forUndefinedWord: "clear")?.contains(":clear") == true)
        #expect(REPLCommand.hint(forUndefinedWord: " clear() ")?.contains(":clear") == true)
        #expect(REPLCommand.hint(forUndefinedWord: "exit")?.contains(":quit") == true)
        #expect(REPLCommand.hint(forUndefinedWord: "clear + 1") == nil)
        #expect(REPLCommand.hint(forUndefinedWord: "x") == nil)
    }
}
