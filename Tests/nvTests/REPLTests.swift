import Foundation
import Testing

/// The REPL on a pseudo-terminal: what a person typing sees.
@Suite struct REPLTests {
    @Test func entriesAreNumberedEchoedAndContinued() throws {
        let terminal = try PseudoTerminal()
        #expect(terminal.waitFor(":help"))
        #expect(terminal.waitFor("nv[1]> "))
        terminal.type("1 + 2\n")
        #expect(terminal.waitFor("3\nnv[2]> "))
        terminal.type("fn sq(x) {\n")
        #expect(terminal.waitFor("  ...> "), "an open block asks for a continuation line")
        terminal.type("x * x\n")
        #expect(terminal.waitFor("  ...> "))
        terminal.type("}\n")
        #expect(terminal.waitFor("nv[3]> "))
        terminal.type("sq(12)\n")
        #expect(terminal.waitFor("144\nnv[4]> "))
        terminal.type(":quit\n")
        #expect(terminal.exitStatus() == 0)
    }

    @Test func errorsLeaveTheSessionUsable() throws {
        let terminal = try PseudoTerminal()
        terminal.type("x = 5\n")
        #expect(terminal.waitFor("nv[2]> "))
        terminal.type("1 +* 2\n")
        #expect(terminal.waitFor("<repl:2>:1:4: error:"))
        #expect(terminal.waitFor("1 +* 2\n   ^"))
        terminal.type("y = x + nothing\n")
        #expect(terminal.waitFor("<repl:3>:1:9: error:"))
        terminal.type("x * 2\n")
        #expect(terminal.waitFor("10\nnv[5]> "))
        terminal.type("\u{04}")
        #expect(terminal.exitStatus() == 0, "Ctrl-D on an empty line leaves")
    }

    @Test func commands() throws {
        let terminal = try PseudoTerminal()
        terminal.type("answer = 42\n")
        terminal.type(":vars\n")
        #expect(terminal.waitFor("answer"))
        #expect(terminal.waitFor("42"))
        terminal.type("?print\n")
        #expect(terminal.waitFor("print("))
        terminal.type(":nonsense\n")
        #expect(terminal.waitFor("unknown command ':nonsense'"))
        terminal.type(":reset\n")
        terminal.type(":vars\n")
        #expect(terminal.waitFor("no variables"))
        terminal.type(":q\n")
        #expect(terminal.exitStatus() == 0)
    }

    /// TERM=dumb shows escape sequences as garbage: no coloured prompt, no red "error:". The
    /// same session on a colour terminal has both, so the test can tell them apart.
    @Test(arguments: [("dumb", false), ("xterm-256color", true)])
    func colourOnlyWhereTheTerminalHasIt(_ term: String, _ coloured: Bool) throws {
        let terminal = try PseudoTerminal(environment: ["TERM": term, "NO_COLOR": nil])
        #expect(terminal.waitFor("nv[1]>"))
        terminal.type("1 +* 2\n")
        #expect(terminal.waitFor("error:"))
        terminal.type(":quit\n")
        #expect(terminal.exitStatus() == 0)
        #expect(terminal.output.contains("\u{1B}[1;32m") == coloured, "prompt colour on TERM=\(term)")
        #expect(terminal.output.contains("\u{1B}[1;31m") == coloured, "error colour on TERM=\(term)")
    }

    /// `clear` is a shell habit: the REPL says what to type; `:clear` erases the screen.
    @Test func clearIsExplainedAndColonClearClears() throws {
        let terminal = try PseudoTerminal(environment: ["TERM": "xterm"])
        #expect(terminal.waitFor("nv[1]> "))
        terminal.type("clear\n")
        #expect(terminal.waitFor("'clear' is not nv code: :clear clears the screen"))
        terminal.type(":clear\n")
        #expect(terminal.waitFor("\u{1B}[H\u{1B}[2J"))
        terminal.type("clear = 3\n")
        terminal.type("clear\n")
        #expect(terminal.waitFor("3\n"), "a variable named clear is code")
        terminal.type(":quit\n")
        #expect(terminal.exitStatus() == 0)
    }

    /// `?name` is the short form, `help("name")` the full one with the example.
    @Test func questionMarkIsShortHelp() throws {
        let terminal = try PseudoTerminal()
        terminal.type("?range\n")
        #expect(terminal.waitFor("range(start, end?, step: 1)\n  A list of numbers from start up to (not including) end.\nnv[1]> "))
        terminal.type("help(\"range\")\n")
        #expect(terminal.waitFor("example: range(0, 10, step: 2)"))
        terminal.type(":quit\n")
        #expect(terminal.exitStatus() == 0)
    }

    @Test func interruptStopsALoopAndKeepsState() throws {
        let terminal = try PseudoTerminal()
        terminal.type("n = 0\n")
        #expect(terminal.waitFor("nv[2]> "))
        // The loop prints a marker its echoed source does not contain; Ctrl-C goes only once
        // it is seen, so it always lands during the evaluation, never before it starts.
        terminal.type("while true { n = n + 1; if n == 1 { print(\"loop\" + \" started\") } }\n")
        #expect(terminal.waitFor("loop started"))
        terminal.interrupt()
        #expect(terminal.waitFor("interrupted"))
        #expect(terminal.waitFor("nv[3]> "))
        terminal.type("n > 0\n")
        #expect(terminal.waitFor("true\n"))
        terminal.interrupt()
        #expect(terminal.waitFor("nv[4]> "), "Ctrl-C at the prompt gives a fresh prompt")
        terminal.type(":quit\n")
        #expect(terminal.exitStatus() == 0)
    }

    @Test func historyOutlivesTheSession() throws {
        let history = try NVProcess.scratchFolder().appendingPathComponent("history").path
        do {
            let terminal = try PseudoTerminal(environment: ["NV_HISTORY": history])
            terminal.type("fn twice(x) {\nx * 2\n}\n")
            #expect(terminal.waitFor("nv[2]> "))
            terminal.type("twice(21)\n")
            // Wait for the prompt: a Ctrl-D typed ahead while the terminal is in cooked mode
            // (during evaluation) is taken by the terminal driver, as in any program.
            #expect(terminal.waitFor("42\nnv[3]> "))
            terminal.type("\u{04}")
            #expect(terminal.exitStatus() == 0)
        }
        let terminal = try PseudoTerminal(environment: ["NV_HISTORY": history])
        #expect(terminal.waitFor("nv[1]> "))
        // Ctrl-P twice: back past `twice(21)` to the three-line definition, recalled as one entry.
        terminal.type("\u{10}\u{10}\n")
        #expect(terminal.waitFor("nv[2]> "), "the recalled definition runs as one entry")
        terminal.type("twice(4)\n")
        #expect(terminal.waitFor("8\nnv[3]> "), "the definition from the first session is back")
        terminal.type("\u{04}")
        #expect(terminal.exitStatus() == 0)
    }
}
