import Plots
import Runtime

/// Settings an entry point (REPL, script, lesson, `-e`) passes to a session.
public struct SessionOptions: Sendable {
    public var graphics: GraphicsMode
    /// Seed of the session's random generator; nil picks a fixed default so runs repeat.
    public var seed: UInt64?
    /// When set, every figure frame is also written as a numbered PNG into this directory.
    public var framesDirectory: String?
    /// Upper bound on the width of images, in pixels.
    public var maxWidth: Int?
    /// False for `--no-live`: training shows only its final picture.
    public var live: Bool

    public init(graphics: GraphicsMode = .auto, seed: UInt64? = nil, framesDirectory: String? = nil,
                maxWidth: Int? = nil, live: Bool = true) {
        self.graphics = graphics
        self.seed = seed
        self.framesDirectory = framesDirectory
        self.maxWidth = maxWidth
        self.live = live
    }
}

/// The result of running one chunk of source.
public enum RunOutcome {
    /// It ran; `echo` is the text the REPL prints for the last expression's value (nil when the
    /// chunk ended in a statement or the value is nil).
    case success(echo: String?)
    /// It failed; the session is still usable.
    case failure(NVError)
}

/// One interpreter session: the global variables, the random generator, the display.
/// The REPL keeps one session for its lifetime; a script runs in a fresh one.
public final class Session {
    public let display: Display
    public let options: SessionOptions
    /// Raised by the executable's SIGINT handler; evaluation stops at the next check with an
    /// "interrupted" error and the session's state intact.
    public let interrupt: StopFlag
    /// The session's random generator: `rand`, `randn` and every builtin that needs
    /// randomness draw from it; `seed(n)` and `reset()` restart it.
    public var generator: SeededGenerator
    /// The seed the generator last started from (`--seed N`, `seed(n)`, or the default). A model
    /// built without `seed:` starts from this seed rather than from the running generator, so
    /// `xor(hidden: 2)` is the same network whatever the session drew before.
    public private(set) var seed: UInt64
    /// The directory of the script or lesson this session runs (nil in the REPL, for `-e` and
    /// stdin): relative paths a builtin reads are also looked up from it (`InputPath`).
    public var sourceDirectory: String?
    /// Every builtin of this session, in help order.
    public let builtins: [Builtin]
    /// The model families this session knows (`ModelFamilies.standard`).
    let families: [ModelFamily]
    /// When set, a run stops with an error after about this many loop iterations and calls
    /// (tests and the fuzzer use it to bound programs that never end).
    public var stepBudget: Int? {
        get { machine.stepBudget }
        set { machine.stepBudget = newValue }
    }

    let globals = Globals()
    /// True while a chunk runs (a builtin such as a future `load` may run another inside it).
    private var isRunning = false
    let machine: Machine

    /// The default seed when the options give none.
    static let defaultSeed: UInt64 = 42

    public convenience init(display: Display, options: SessionOptions = SessionOptions(),
                            interrupt: StopFlag = StopFlag()) {
        self.init(display: display, options: options, interrupt: interrupt, families: ModelFamilies.standard)
    }

    /// A session knowing the model `families` (the standard ones, or in tests one more).
    init(display: Display, options: SessionOptions, interrupt: StopFlag, families: [ModelFamily]) {
        self.display = display
        self.options = options
        self.interrupt = interrupt
        self.seed = options.seed ?? Session.defaultSeed
        self.generator = SeededGenerator(seed: seed)
        self.families = families
        self.builtins = BuiltinRegistry.all(families: families)
        self.machine = Machine(interrupt: interrupt)
        machine.session = self
        defineBuiltins()
    }

    private func defineBuiltins() {
        for builtin in builtins { globals.cell(builtin.name).value = .builtin(builtin) }
    }

    /// Runs `source` (a REPL entry, a whole script, or a lesson block). `name` is used in error
    /// locations (a file path, or e.g. "<repl:3>").
    public func run(_ source: String, name: String) -> RunOutcome {
        interrupt.clear()
        return LargeStack.run { floor in
            let savedFloor = machine.stackFloor
            machine.stackFloor = floor
            defer { machine.stackFloor = savedFloor }
            return runHere(source, name: name)
        }
    }

    /// The value of a global variable, if defined (for the executable and tests).
    public func value(of name: String) -> Value? { globals.cells[name]?.value }

    /// Sets a global variable, as `name = value` would (for entry points and tests).
    public func define(_ name: String, _ value: Value) { globals.cell(name).value = value }

    private func runHere(_ source: String, name: String) -> RunOutcome {
        let text = SourceText(name: name, text: source)
        let (program, issues) = Parser.parse(source)
        if let error = Session.syntaxError(issues, text) { return .failure(error) }
        let compiler = Compiler(globals: globals, machine: machine, source: text, program: program)
        let code = compiler.compileProgram(program)
        if let error = Session.syntaxError(compiler.issues, text) { return .failure(error) }
        if !isRunning {
            machine.depth = 0
            machine.ticks = Machine.pollInterval
            machine.stepsUsed = 0
        }
        let wasRunning = isRunning
        isRunning = true
        defer { isRunning = wasRunning }
        let result: Value
        do throws(Unwind) {
            result = try code(Frame.make(parent: nil, count: 0))
        } catch {
            switch error {
            case .failure(let failure): return .failure(failure.nvError)
            case .returning(let value): result = value
            case .breakLoop, .continueLoop: result = .null
            }
        }
        switch result {
        case .null:
            return .success(echo: nil)
        case .figure(let figure):
            globals.cell("_").value = result
            display.show(figure.figure)
            return .success(echo: nil)
        default:
            globals.cell("_").value = result
            return .success(echo: result.description)
        }
    }

    /// One error for a list of syntax issues: the first, carrying the others. Its kind is
    /// `.incomplete` when every issue is only that the input ended too early.
    static func syntaxError(_ issues: [SyntaxIssue], _ text: SourceText) -> NVError? {
        guard let first = issues.first else { return nil }
        let kind: NVError.Kind = issues.allSatisfy(\.atEndOfInput) ? .incomplete : .syntax
        func error(_ issue: SyntaxIssue) -> NVError {
            NVError(kind: kind, message: issue.message, span: issue.span, file: text.name, source: text.text)
        }
        var primary = error(first)
        primary.additional = issues.dropFirst().map(error)
        return primary
    }

    /// True when `source` ends inside an open bracket, brace or string, so the REPL should ask
    /// for a continuation line instead of reporting an error.
    public func isIncomplete(_ source: String) -> Bool {
        let issues = LargeStack.run { _ in Parser.parse(source).issues }
        return !issues.isEmpty && issues.allSatisfy(\.atEndOfInput)
    }

    /// Completion candidates for the word that ends at `cursor` (a byte offset) in `line`:
    /// builtins and variables, members after a `.`, argument labels inside a call.
    /// Each candidate is the whole word that replaces the identifier fragment before the cursor
    /// (labels end with `:`, e.g. `epochs:`).
    public func completions(line: String, cursor: Int) -> [String] {
        Completer(session: self).completions(line: line, cursor: cursor)
    }

    /// Names of the session's variables with a short description of each value (for `:vars`).
    /// Builtins are not listed unless a variable replaced one.
    public func variables() -> [(name: String, summary: String)] {
        globals.defined.compactMap { name, value in
            if case .builtin(let builtin) = value, builtin.name == name { return nil }
            return (name, "\(value.typeName) \(value.description(maxCharacters: 60))")
        }
    }

    /// Forgets all variables and reseeds the generator (`:reset`).
    public func reset() {
        // Nested values free through a worklist (ValueRelease); the large stack is kept for
        // whatever else a value's deinit may do.
        LargeStack.run { _ in globals.removeAll() }
        defineBuiltins()
        reseed(options.seed ?? Session.defaultSeed)
    }

    /// Restarts the generator from `seed` (`seed(n)`, `:reset`); models built without `seed:`
    /// start from it from now on.
    public func reseed(_ seed: UInt64) {
        self.seed = seed
        generator = SeededGenerator(seed: seed)
    }

    /// The help text for a builtin or topic (`?name`, `help(name)`); nil if unknown.
    /// `help(nil)` is an overview listing every builtin by area.
    public func help(_ topic: String?) -> String? {
        guard let topic, !topic.isEmpty else { return HelpText.overview(builtins) }
        return builtins.first { $0.name == topic }?.helpText
    }

    /// The short help for a builtin (`?name`): its signature and the first sentence of its doc.
    public func shortHelp(_ topic: String) -> String? {
        builtins.first { $0.name == topic }?.shortHelpText
    }
}
