/// Runs a lesson as a walkthrough in one session: for each step, the prose is written to the
/// session's display and the ```nv block is shown; `pause` is asked before the block runs (as
/// REPL entries: see `runBlock`) and
/// again after its output (its pictures as the REPL would show them, its last value echoed), so
/// that on a small terminal neither a tall picture pushes the prose away unread nor the next
/// prose pushes the picture away unseen.
///
/// The executable supplies `pause` (Enter / q on a terminal, nothing when piped); tests pass a
/// closure that records. Each block runs with its lines numbered as in the file, so an error
/// points at `lesson.md:LINE:COL`.
public struct LessonRunner {
    /// How a walkthrough ended.
    public enum Outcome {
        /// Every step ran.
        case finished
        /// The reader chose to stop (q) after `step` steps.
        case quit(afterStep: Int)
        /// A block failed; nothing after it ran.
        case failed(NVError)
    }

    /// A point where the walkthrough may wait for the reader.
    public struct Pause: Equatable, Sendable {
        public enum Moment: Equatable, Sendable {
            /// The step's prose and code are shown; its block has not run yet.
            case beforeRunning
            /// The block ran and its output is shown; more of the lesson follows.
            case afterRunning
        }
        public var moment: Moment
        /// The 1-based number of the step's block, and how many blocks the lesson has.
        public var step: Int
        public var total: Int
    }

    public var lesson: Lesson
    /// The file name used in error locations.
    public var name: String
    public var renderer: LessonRenderer

    public init(lesson: Lesson, name: String, renderer: LessonRenderer) {
        self.lesson = lesson
        self.name = name
        self.renderer = renderer
    }

    /// Runs every step in `session`. `pause` is called before each block runs and after its
    /// output unless nothing follows it; it returns false when the reader wants to stop.
    public func run(in session: Session, pause: (Pause) -> Bool) -> Outcome {
        let steps = lesson.steps
        let total = steps.filter { $0.code != nil }.count
        var done = 0
        for (index, step) in steps.enumerated() {
            if !step.prose.isEmpty { session.display.write(renderer.render(step.prose)) }
            guard let code = step.code else { continue }
            session.display.write(renderer.renderCode(code) + "\n")
            if !pause(Pause(moment: .beforeRunning, step: done + 1, total: total)) { return .quit(afterStep: done) }
            if let error = Self.runBlock(code, in: session, name: name) {
                // A block that shows a mistake on purpose (`# expect error: ...`) shows the error
                // as the REPL would, and the lesson goes on.
                guard let expected = code.expectedError,
                      ([error] + error.additional).contains(where: { $0.message.contains(expected) })
                else { return .failed(error) }
                session.display.write(error.rendered(color: renderer.color))
            }
            session.display.write("\n")
            done += 1
            if index < steps.count - 1, !pause(Pause(moment: .afterRunning, step: done, total: total)) {
                return .quit(afterStep: done)
            }
        }
        return .finished
    }

    /// Runs `code` as the REPL runs it pasted in: entry by entry (a line, or several while
    /// brackets or braces are open), each entry's value echoed and a figure shown. Each entry
    /// is preceded by as many empty lines as come before it in the file, so that line numbers
    /// in errors are the file's. Returns the first error; the entries after it do not run.
    public static func runBlock(_ code: Lesson.CodeBlock, in session: Session, name: String) -> NVError? {
        let lines = code.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var pending: [String] = []
        var firstLine = 0
        for (offset, line) in lines.enumerated() {
            if pending.isEmpty { firstLine = offset }
            pending.append(line)
            let source = pending.joined(separator: "\n")
            if offset < lines.count - 1, session.isIncomplete(source) { continue }
            pending = []
            guard !source.trimmingSpaces.isEmpty else { continue }
            let numbered = String(repeating: "\n", count: max(0, code.line - 1 + firstLine)) + source
            switch session.run(numbered, name: name) {
            case .success(let echo):
                if let echo { session.display.write(echo + "\n") }
            case .failure(let error):
                return error
            }
        }
        return nil
    }
}
