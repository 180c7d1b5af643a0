import Foundation
import Plots
import Runtime
import Testing
@testable import Interpreter

@Suite struct NVErrorTests {
    @Test func exitCodes() {
        let span = SourceSpan(start: 0, end: 1)
        #expect(NVError(kind: .syntax, message: "", span: span, file: "f", source: "x").exitCode == 65)
        #expect(NVError(kind: .runtime, message: "", span: span, file: "f", source: "x").exitCode == 70)
    }
}

/// The REPL logic: state across runs, echo, continuation lines, completion, help, variables.
@Suite struct SessionTests {
    func echo(_ outcome: RunOutcome) -> String? {
        if case .success(let echo) = outcome { return echo }
        return "failed"
    }

    @Test func requiredExamples() {
        #expect(output(of: "fn fib(n) { if n < 2 { n } else { fib(n - 1) + fib(n - 2) } }; print(fib(20))") == "6765\n")
        #expect(output(of: "print(\"x = \\(1 + 2)\")") == "x = 3\n")
    }

    @Test func globalsPersistAndUnderscoreIsLastResult() {
        let (session, _) = makeSession()
        #expect(echo(session.run("x = 20", name: "<repl:1>")) == .some(nil))
        #expect(echo(session.run("x + 1", name: "<repl:2>")) == "21")
        #expect(echo(session.run("_ * 2", name: "<repl:3>")) == "42")
        #expect(echo(session.run("print(1)", name: "<repl:4>")) == .some(nil))
        #expect(echo(session.run("_", name: "<repl:5>")) == "42")
    }

    @Test(arguments: [
        ("[1, 2, 3]", "[1, 2, 3]"), ("\"hi\"", "\"hi\""), ("(x: 1, y: \"a\")", "(x: 1, y: \"a\")"),
        ("fn add(a, b) { a + b }; add", "<fn add(a, b)>"), ("2.50", "2.5"), ("-0.0", "0"), ("1e16", "1e+16"),
        ("3 == 3", "true"), ("0..<4", "0..<4"), ("sqrt(-1)", "nan"), ("exp(1000)", "inf"), ("len", "<builtin len(value)>"),
        ("\"a\\nb\"", "\"a\\nb\""),
    ])
    func echoIsTheValueDescription(_ source: String, _ expected: String) {
        let (session, _) = makeSession()
        #expect(echo(session.run(source, name: "t")) == expected)
    }

    @Test func errorsLeaveTheSessionUsable() {
        let (session, display) = makeSession()
        _ = session.run("total = 5", name: "1")
        if case .success = session.run("total = total + nope", name: "2") { Issue.record("should fail") }
        if case .success = session.run("x = (", name: "3") { Issue.record("should fail") }
        _ = session.run("print(total)", name: "4")
        #expect(display.text == "5\n")
    }

    @Test(arguments: [
        ("f(1,", true), ("fn f() {", true), ("\"abc", true), ("[1, 2", true), ("print(\"\\(1 + \")", true),
        ("x = 1 +", true), ("if x {\n  print(1)\n", true), ("x = 1", false), ("x = )", false), ("x = (1))", false),
        ("}", false), ("x = (1 +* 2", false), ("", false),
    ])
    func incompleteInput(_ source: String, _ incomplete: Bool) {
        let (session, _) = makeSession()
        #expect(session.isIncomplete(source) == incomplete, "\(source)")
    }

    @Test func multiLineFunctionThroughContinuation() {
        let (session, display) = makeSession()
        var buffer = ""
        for line in ["fn greet(name) {", "  print(\"hi \\(name)\")", "}"] {
            buffer += (buffer.isEmpty ? "" : "\n") + line
            if session.isIncomplete(buffer) { continue }
            _ = session.run(buffer, name: "repl")
            buffer = ""
        }
        _ = session.run("greet(\"ada\")", name: "repl")
        #expect(display.text == "hi ada\n")
    }

    @Test func completions() {
        let (session, _) = makeSession()
        _ = session.run("net = (loss: 0.5, layers: [1], inner: (depth: 2))\nnetwork_size = 3\nfn train(net, epochs, every) { nil }", name: "t")
        #expect(session.completions(line: "ne", cursor: 2) == ["neighbours", "net", "network_size"])
        #expect(session.completions(line: "sq", cursor: 2) == ["sqrt"])
        #expect(session.completions(line: "print(net.l", cursor: 11) == ["layers", "loss"])
        #expect(session.completions(line: "net.inner.d", cursor: 11) == ["depth"])
        #expect(session.completions(line: "train(net, ep", cursor: 13) == ["epochs:"])
        #expect(session.completions(line: "range(1, s", cursor: 10).prefix(2) == ["start:", "step:"])
        #expect(session.completions(line: "print(\"ne", cursor: 9) == [])
        #expect(session.completions(line: "whi", cursor: 3) == ["while"])
        #expect(session.completions(line: "x.", cursor: 2) == [])
    }

    @Test func variablesResetAndSeed() {
        let (session, _) = makeSession()
        _ = session.run("b = [1, 2]\na = \"x\"\nlen = 3", name: "t")
        let names = session.variables().map(\.name)
        #expect(names == ["a", "b", "len"])
        #expect(session.variables().first?.summary == "string \"x\"")
        _ = session.run("r1 = rand()", name: "t")
        session.reset()
        #expect(session.variables().isEmpty)
        _ = session.run("r2 = rand()", name: "t")
        #expect(failure(of: "b", in: session)?.message == "undefined variable 'b'")
        #expect(failure(of: "len(\"ab\") == 2 or nope", in: session) == nil)
    }

    @Test func seedRepeatsTheStream() {
        #expect(output(of: "seed(7); a = randn(3); seed(7); print(a == randn(3))") == "true\n")
        #expect(output(of: "seed(7); a = rand(); seed(8); print(a == rand())") == "false\n")
    }

    @Test func help() throws {
        let (session, _) = makeSession()
        let overview = try #require(session.help(nil))
        for builtin in session.builtins {
            #expect(overview.contains(HelpText.shortSignature(builtin)))
            #expect(session.help(builtin.name)?.contains(builtin.signature) == true)
        }
        #expect(overview.contains("  plot(…)  "))
        for area in ["core:", "math:", "lists:", "random:"] { #expect(overview.contains(area)) }
        #expect(session.help("range") == "range(start, end?, step: 1)\n  A list of numbers from start up to (not including) end; range(n) counts 0..<n.\n  example: range(0, 10, step: 2)")
        #expect(session.help("nope") == nil)
        for required in ["print", "len", "type", "range", "seed", "help", "rand", "randn", "abs", "sqrt", "exp", "log",
                         "sin", "cos", "tanh", "min", "max", "sum", "mean", "round", "floor", "append", "map", "filter"] {
            #expect(session.help(required) != nil, "\(required)")
        }
    }

    /// `?name` at the REPL is the short form: the signature and one line, never the example;
    /// `help("name")` stays the full one.
    @Test func shortHelpIsTheSignatureAndOneLine() throws {
        let (session, _) = makeSession()
        #expect(session.shortHelp("xor") == "xor(hidden: 3, lr: 0.1, seed?, numpy_seed?)\n  The original XOR network: 2 inputs, `hidden` sigmoid units, 1 sigmoid output, trained on the XOR truth table.")
        #expect(session.shortHelp("plot") == "plot(x, y?, labels?, log: false, title?, xlabel?, ylabel?, width: 640, height: 420)\n  A line chart: plot(ys) against 0, 1, 2…, plot(xs, ys) against xs.")
        #expect(session.shortHelp("nope") == nil)
        for builtin in session.builtins {
            let short = try #require(session.shortHelp(builtin.name))
            #expect(short.split(separator: "\n").count == 2, "\(builtin.name)")
            #expect(short != session.help(builtin.name), "\(builtin.name)")
            #expect(!short.contains("example:"), "\(builtin.name)")
        }
    }

    @Test func everyBuiltinExampleRuns() {
        let (session, _) = makeSession()
        // A verb several model families answer has each family's example too.
        let all = session.builtins.flatMap { [$0] + $0.implementations.map(\.builtin) }
        for builtin in all {
            if case .failure(let error) = session.run(builtin.example, name: builtin.name) {
                Issue.record("\(builtin.name): \(error.message)")
            }
        }
    }

    @Test func figureValuesAreShownNotEchoed() {
        let (session, display) = makeSession()
        let figure = Figure(preferredWidth: 4, preferredHeight: 3) { width, height in Raster(width: width, height: height) }
        session.define("picture", .figure(figure))
        #expect(echo(session.run("picture", name: "t")) == .some(nil))
        #expect(display.shown.count == 1)
        #expect(echo(session.run("x = picture", name: "t")) == .some(nil))
        #expect(display.shown.count == 1)
    }

    /// The interrupt is raised from inside the running loop (its first `print` reaches the
    /// display), so it always comes after `run` cleared the flag: no timing, no race. The step
    /// budget turns a lost interrupt into a failure instead of a hang.
    @Test func interruptStopsALoopAndKeepsState() {
        let display = InterruptingDisplay()
        let session = Session(display: display, options: SessionOptions(graphics: .none))
        display.flag = session.interrupt
        _ = session.run("count = 0", name: "t")
        session.stepBudget = 50_000_000
        let outcome = session.run("while true { count += 1; if count == 1 { print(\"started\") } }", name: "t")
        guard case .failure(let error) = outcome else {
            Issue.record("expected an interruption")
            return
        }
        #expect(error.message == "interrupted")
        #expect(display.text == "started\n")
        // The flag is polled every `pollInterval` steps, so the loop stops within two polls.
        if case .number(let count)? = session.value(of: "count") {
            #expect(count > 1 && count <= Double(1 + 2 * Machine.pollInterval), "\(count)")
        } else {
            Issue.record("count lost")
        }
        session.stepBudget = nil
        #expect(echo(session.run("1 + 1", name: "t")) == "2")
    }

    /// A loop of builtin calls answers Ctrl-C at the next call, not `pollInterval` calls later
    /// (a loop of `mnist()` loads took 20 s to stop).
    @Test func interruptStopsALoopOfBuiltinsAtTheNextCall() {
        let display = InterruptingDisplay()
        let session = Session(display: display, options: SessionOptions(graphics: .none))
        display.flag = session.interrupt
        _ = session.run("count = 0", name: "t")
        let outcome = session.run("while count < 100000 { count += 1; print(count) }", name: "t")
        guard case .failure(let error) = outcome else {
            Issue.record("expected an interruption")
            return
        }
        #expect(error.message == "interrupted")
        #expect(display.text == "1\n")
        if case .number(let count)? = session.value(of: "count") {
            #expect(count == 2)
        } else {
            Issue.record("count lost")
        }
    }

    @Test func stepBudgetBoundsEndlessPrograms() {
        let (session, _) = makeSession()
        session.stepBudget = 100_000
        #expect(failure(of: "while true { }", in: session)?.message.contains("step budget") == true)
        #expect(failure(of: "fn f() { while true { } }; f()", in: session)?.message.contains("step budget") == true)
    }
}

/// A display that raises the session's interrupt flag when the program first prints, as a
/// Ctrl-C pressed while the program runs would.
private final class InterruptingDisplay: Display {
    var flag: StopFlag?
    var text = ""

    func write(_ text: String) {
        self.text += text
        flag?.raise()
    }
    func show(_ figure: Figure) {}
    func beginLive() {}
    func updateLive(_ figure: Figure, force: Bool) -> Bool { true }
    func endLive() {}
    func stopRequested() -> Bool { false }
}
