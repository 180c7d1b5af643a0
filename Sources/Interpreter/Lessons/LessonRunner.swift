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
        /// The code of the block (as edited, if it was): what `e` opens in the editor.
        public var code: String = ""
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

    /// What the reader answered at a pause.
    public enum Answer: Equatable, Sendable {
        /// Go on: run the block (before) or show the next step (after).
        case next
        /// Stop the walkthrough.
        case quit
        /// Run the block just shown again (before it ran: run it).
        case rerun
        /// Go back one block: a fresh session replays the blocks before it, quietly, and the
        /// walkthrough shows it again, not yet run.
        case back
        /// Run this edited version of the block instead (the walkthrough keeps the edit).
        case edited(String)
    }

    /// Runs every step in `session`. `pause` is called before each block runs and after its
    /// output unless nothing follows it; it returns false when the reader wants to stop.
    public func run(in session: Session, pause: (Pause) -> Bool) -> Outcome {
        run(in: session, restart: { session }, quiet: { _ in }) { pause($0) ? .next : .quit }
    }

    /// Runs every step, starting in `first`, asking `answer` at each pause (see `Answer`).
    /// `restart` gives a fresh session for `back`; `quiet` is told when the replay of the blocks
    /// before the target starts (true) and ends (false), so the display can stay silent.
    public func run(in first: Session, restart: () -> Session, quiet: (Bool) -> Void,
                    answer: (Pause) -> Answer) -> Outcome {
        let steps = lesson.steps
        let total = steps.filter { $0.code != nil }.count
        var session = first
        var edits: [Int: Lesson.CodeBlock] = [:]
        var index = 0
        var done = 0
        func block(at step: Int) -> Lesson.CodeBlock? { edits[step] ?? steps[step].code }
        /// Runs `code`; the error that ends the walkthrough, if any.
        func execute(_ code: Lesson.CodeBlock) -> NVError? {
            guard let error = Self.runBlock(code, in: session, name: name) else { return nil }
            // A block that shows a mistake on purpose (`# expect error: ...`) shows the error as
            // the REPL would, and the lesson goes on.
            guard let expected = code.expectedError,
                  ([error] + error.additional).contains(where: { $0.message.contains(expected) })
            else { return error }
            session.display.write(error.rendered(color: renderer.color))
            return nil
        }
        /// Goes back to the block before step `current` (or restarts it when it is the first).
        func rewind(from current: Int) -> NVError? {
            let target = (0..<current).last { steps[$0].code != nil } ?? current
            session = restart()
            quiet(true)
            defer { quiet(false) }
            done = 0
            for step in 0..<target {
                guard let code = block(at: step) else { continue }
                if let error = execute(code) { return error }
                done += 1
            }
            index = target
            return nil
        }
        /// Shows an edited block and keeps the edit for replays.
        func edit(_ text: String, at step: Int) -> Lesson.CodeBlock {
            var code = block(at: step)!
            code.text = text
            edits[step] = code
            session.display.write(renderer.renderCode(code) + "\n")
            return code
        }

        steps: while index < steps.count {
            let step = steps[index]
            if !step.prose.isEmpty { session.display.write(renderer.render(step.prose)) }
            guard var code = block(at: index) else {
                index += 1
                continue
            }
            session.display.write(renderer.renderCode(code) + "\n")
            switch answer(Pause(moment: .beforeRunning, step: done + 1, total: total, code: code.text)) {
            case .quit: return .quit(afterStep: done)
            case .back:
                if let error = rewind(from: index) { return .failed(error) }
                continue steps
            case .edited(let text): code = edit(text, at: index)
            case .next, .rerun: break
            }
            if let error = execute(code) { return .failed(error) }
            session.display.write("\n")
            done += 1
            while index < steps.count - 1 {
                switch answer(Pause(moment: .afterRunning, step: done, total: total, code: code.text)) {
                case .next: break
                case .quit: return .quit(afterStep: done)
                case .back:
                    if let error = rewind(from: index) { return .failed(error) }
                    continue steps
                case .rerun:
                    session.display.write(renderer.renderCode(code) + "\n")
                    if let error = execute(code) { return .failed(error) }
                    session.display.write("\n")
                    continue
                case .edited(let text):
                    code = edit(text, at: index)
                    if let error = execute(code) { return .failed(error) }
                    session.display.write("\n")
                    continue
                }
                break
            }
            index += 1
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
