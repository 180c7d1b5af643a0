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

    public init(display: Display, options: SessionOptions = SessionOptions(),
                interrupt: StopFlag = StopFlag()) {
        self.display = display
        self.options = options
        self.interrupt = interrupt
    }

    /// Runs `source` (a REPL entry, a whole script, or a lesson block). `name` is used in error
    /// locations (a file path, or e.g. "<repl:3>").
    public func run(_ source: String, name: String) -> RunOutcome {
        .failure(NVError(kind: .runtime, message: "the interpreter is not built yet",
                         span: SourceSpan(start: 0, end: 0), file: name, source: source))
    }

    /// True when `source` ends inside an open bracket, brace or string, so the REPL should ask
    /// for a continuation line instead of reporting an error.
    public func isIncomplete(_ source: String) -> Bool { false }

    /// Completion candidates for the word that ends at `cursor` (a byte offset) in `line`:
    /// builtins and variables, members after a `.`, argument labels inside a call.
    public func completions(line: String, cursor: Int) -> [String] { [] }

    /// Names of the session's variables with a short description of each value (for `:vars`).
    public func variables() -> [(name: String, summary: String)] { [] }

    /// Forgets all variables and reseeds the generator (`:reset`).
    public func reset() {}

    /// The help text for a builtin or topic (`?name`, `help(name)`); nil if unknown.
    public func help(_ topic: String?) -> String? { nil }
}
