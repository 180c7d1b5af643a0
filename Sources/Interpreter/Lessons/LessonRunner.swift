/// Runs a lesson as a walkthrough in one session: for each step, the prose is written to the
/// session's display, then the ```nv block is shown and run (its pictures appear as the REPL
/// would show them, its last value is echoed), then `pause` decides whether to go on.
///
/// The executable supplies `pause` (Enter / q on a terminal, nothing when piped); tests pass a
/// closure that counts. Each block runs with its lines numbered as in the file, so an error
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

    public var lesson: Lesson
    /// The file name used in error locations.
    public var name: String
    public var renderer: LessonRenderer

    public init(lesson: Lesson, name: String, renderer: LessonRenderer) {
        self.lesson = lesson
        self.name = name
        self.renderer = renderer
    }

    /// Runs every step in `session`. `pause(done, total)` is called after each step that ran a
    /// block, except the last; it returns false when the reader wants to stop.
    public func run(in session: Session, pause: (_ done: Int, _ total: Int) -> Bool) -> Outcome {
        let steps = lesson.steps
        let total = steps.filter { $0.code != nil }.count
        var done = 0
        for step in steps {
            if !step.prose.isEmpty { session.display.write(renderer.render(step.prose)) }
            guard let code = step.code else { continue }
            session.display.write(renderer.renderCode(code) + "\n")
            switch session.run(Self.numbered(code), name: name) {
            case .success(let echo):
                if let echo { session.display.write(echo + "\n") }
            case .failure(let error):
                return .failed(error)
            }
            session.display.write("\n")
            done += 1
            if done < total, !pause(done, total) { return .quit(afterStep: done) }
        }
        return .finished
    }

    /// The block's code preceded by as many empty lines as come before it in the file, so that
    /// line numbers in errors are the file's.
    static func numbered(_ code: Lesson.CodeBlock) -> String {
        String(repeating: "\n", count: max(0, code.line - 1)) + code.text
    }
}
