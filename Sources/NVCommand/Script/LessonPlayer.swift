import Foundation
import Interpreter
import Plots
import TerminalKit

/// `nv LESSON.md`: runs a lesson as a walkthrough (see `LessonRunner`) and turns the outcome into
/// an exit status like a script's: 0 when it ran to the end or the reader pressed q, 65/70 when
/// a block failed, 130 on Ctrl-C.
///
/// It pauses with a prompt line when stdin and stdout are both terminals and `--no-pause` was
/// not given: before a block runs (the prose and code are on screen), and after a block that
/// showed something (so its picture is seen before the next prose scrolls it away). Enter (or
/// space) goes on, q (or Esc, Ctrl-D) leaves. The key is read in `KeyboardMode`, which is
/// restored before anything else is printed and on every exit.
struct LessonPlayer {
    var options: SessionOptions
    var pauses: Bool

    /// Runs the lesson in `text`, named `name` in error locations.
    func run(text: String, name: String) -> Int32 {
        let environment = ProcessInfo.processInfo.environment
        let onTerminal = isatty(STDOUT_FILENO) != 0
        let color = ColorPolicy.allowed(isTerminal: onTerminal, environment: environment)
        let columns = onTerminal ? TTYPort().windowSize()?.columns ?? 80 : 80
        let renderer = LessonRenderer(width: min(max(columns - 1, 20), 80), color: color)
        let interactive = pauses && onTerminal && isatty(STDIN_FILENO) != 0

        TerminalState.save()
        TerminalState.restoreOnTermination()
        let interrupts = InterruptHandler.shared
        interrupts.install()
        defer {
            KeyboardMode.restore()
            TerminalState.restore()
        }

        let display = ObservedDisplay(makeDisplay(options: options))
        func freshSession() -> Session {
            let session = Session(display: display, options: options, interrupt: interrupts.evaluation)
            session.sourceDirectory = ScriptRunner.directory(of: name)
            return session
        }
        let session = freshSession()
        defer { ScriptRunner.finishRecordings(of: session) }
        let runner = LessonRunner(lesson: Lesson.parse(text), name: name, renderer: renderer)
        var interruptedAtPause = false
        interrupts.beginEvaluation()
        let outcome = runner.run(in: session, restart: freshSession, quiet: { quiet in
            display.muted = quiet
            if quiet { display.base.write("(replaying the blocks before it in a fresh session…)\n") }
        }) { pause in
            guard interactive else { return .next }
            let prompt: String
            switch pause.moment {
            case .beforeRunning:
                prompt = "step \(pause.step) of \(pause.total) · Enter: run it · e: edit · b: back · q: quit"
            case .afterRunning:
                // Nothing to look at (the block only defined things): go straight on.
                guard display.showedOutput else { return .next }
                prompt = "Enter: next step · r: run again · e: edit · b: back · q: quit"
            }
            interrupts.endEvaluation()
            let key = waitForKey(prompt: prompt, color: color, session: session, interrupts: interrupts)
            display.showedOutput = false
            defer { interrupts.beginEvaluation() }
            switch key {
            case .next: return .next
            case .quit: return .quit
            case .interrupted:
                interruptedAtPause = true
                return .quit
            case .rerun: return .rerun
            case .back: return .back
            case .edit:
                switch EditorLauncher.edit(pause.code) {
                case .success(let edited):
                    let code = edited.trimmingCharacters(in: .newlines)
                    return code.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? .rerun : .edited(code)
                case .failure(let problem):
                    writeStandardError(ErrorOutput.forStandardError().renderPlain(problem.message))
                    return .rerun
                }
            }
        }
        let interrupted = interrupts.endEvaluation() || interruptedAtPause
        switch outcome {
        case .finished:
            return 0
        case .quit:
            return interrupted ? 130 : 0
        case .failed(let error):
            writeStandardError(ErrorOutput.forStandardError().render(error))
            return interrupted ? 130 : error.exitCode
        }
    }

    /// What the reader answered at a pause.
    enum Key { case next, quit, interrupted, rerun, back, edit }

    /// Shows `prompt` on its own line and waits for Enter or q; the line is erased afterwards.
    func waitForKey(prompt: String, color: Bool, session: Session, interrupts: InterruptHandler) -> Key {
        let shown = color ? "\u{1B}[2m── \(prompt) ──\u{1B}[0m" : "── \(prompt) ──"
        session.display.write(shown)
        KeyboardMode.enter(descriptor: STDIN_FILENO)
        defer {
            KeyboardMode.restore()
            session.display.write("\r\u{1B}[2K")
        }
        var descriptors = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                           pollfd(fd: interrupts.wakeDescriptor, events: Int16(POLLIN), revents: 0)]
        while true {
            let ready = poll(&descriptors, nfds_t(descriptors.count), 250)
            if interrupts.takeWakeReasons().interrupted { return .interrupted }
            guard ready > 0, descriptors[0].revents != 0 else { continue }
            var bytes = [UInt8](repeating: 0, count: 16)
            let count = read(STDIN_FILENO, &bytes, bytes.count)
            if count == 0 { return .quit }  // the terminal closed
            guard count > 0 else { continue }
            // An escape sequence (an arrow key) arrives as several bytes at once; only a lone Esc quits.
            if bytes[0] == 0x1B { if count == 1 { return .quit } else { continue } }
            switch bytes[0] {
            case UInt8(ascii: "\r"), UInt8(ascii: "\n"), UInt8(ascii: " "): return .next
            case UInt8(ascii: "q"), UInt8(ascii: "Q"), 0x04: return .quit
            case UInt8(ascii: "r"), UInt8(ascii: "R"): return .rerun
            case UInt8(ascii: "b"), UInt8(ascii: "B"): return .back
            case UInt8(ascii: "e"), UInt8(ascii: "E"): return .edit
            default: continue
            }
        }
    }
}

/// The terminal display, noting whether a block showed anything: a picture, a live frame, or
/// text other than blank lines. While `muted` (the quiet replay after `b`), nothing is shown.
final class ObservedDisplay: Display {
    let base: Display
    /// Set by any visible output; the lesson player clears it at each pause.
    var showedOutput = false
    /// True while blocks are replayed to rebuild the session: output is dropped.
    var muted = false

    init(_ base: Display) { self.base = base }

    func write(_ text: String) {
        guard !muted else { return }
        if text.contains(where: { !$0.isWhitespace }) { showedOutput = true }
        base.write(text)
    }

    func show(_ figure: Figure) {
        guard !muted else { return }
        showedOutput = true
        base.show(figure)
    }

    func beginLive() { if !muted { base.beginLive() } }

    @discardableResult
    func updateLive(_ figure: Figure, force: Bool) -> Bool {
        guard !muted else { return false }
        showedOutput = true
        return base.updateLive(figure, force: force)
    }

    func endLive() { if !muted { base.endLive() } }
    func stopRequested() -> Bool { base.stopRequested() }
    func setStatus(_ line: String, force: Bool) { base.setStatus(line, force: force) }
    var animates: Bool { base.animates }
}
