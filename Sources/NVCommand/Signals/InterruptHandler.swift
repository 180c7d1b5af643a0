import Foundation
import Interpreter
import Runtime
import Synchronization
import TerminalKit

/// Turns SIGINT (Ctrl-C), SIGCONT (back from Ctrl-Z) and SIGWINCH (window resized) into flags
/// the program polls, so a Ctrl-C never kills nv.
///
/// At the prompt, a Ctrl-C wakes the line editor (a byte on `wakeDescriptor`, which it polls
/// next to stdin) and it clears the line; a SIGCONT wakes it to put the terminal back in
/// readline's mode, since the shell left it in its own while nv was stopped; a SIGWINCH wakes
/// it to let readline re-measure the window and redraw the line. During an evaluation it raises `evaluation`, the
/// session's `StopFlag`, and the evaluator stops at its next check with its state intact.
/// Further presses while that winds down only raise the flag again; only the
/// `forcedExitPresses`-th press of one evaluation (an evaluation that never checks the flag)
/// restores the terminal and exits with 130, so a learner is never stuck.
final class InterruptHandler: Sendable {
    /// The one handler of the process: a signal handler cannot capture context, so it reaches
    /// its state through this global. Created before `install()` so the handler never runs
    /// Swift's lazy global initialisation.
    static let shared = InterruptHandler()

    /// Presses within one evaluation after which nv gives up waiting and exits.
    static let forcedExitPresses = 5

    /// Raised on every Ctrl-C; passed to the session as its `interrupt`.
    let evaluation = StopFlag()
    private let evaluating = Atomic<Bool>(false)
    private let interruptedAtPrompt = Atomic<Bool>(false)
    private let continued = Atomic<Bool>(false)
    private let resized = Atomic<Bool>(false)
    private let presses = Atomic<Int>(0)
    private let pipeEnds: (read: Int32, write: Int32)

    private init() {
        var ends: [Int32] = [-1, -1]
        if pipe(&ends) == 0 {
            for end in ends {
                _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
                _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            }
        }
        pipeEnds = (ends[0], ends[1])
    }

    /// Readable after one of the signals arrived; the line editor polls it next to stdin.
    var wakeDescriptor: Int32 { pipeEnds.read }

    /// Installs the SIGINT handler (without SA_RESTART, so a blocking poll returns at once)
    /// and unblocks SIGINT, which a parent may have left blocked: the signal mask is inherited
    /// across exec, and threads nv starts later (the interpreter's big-stack thread) inherit it
    /// from this one.
    func install() {
        _ = Suspension.shared
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in InterruptHandler.shared.signalArrived() }
        sigemptyset(&action.sa_mask)
        sigaction(SIGINT, &action, nil)
        TerminalState.unblock(SIGINT)
        var resume = sigaction()
        resume.__sigaction_handler.sa_handler = { _ in InterruptHandler.shared.continueArrived() }
        sigemptyset(&resume.sa_mask)
        sigaction(SIGCONT, &resume, nil)
        var resize = sigaction()
        resize.__sigaction_handler.sa_handler = { _ in InterruptHandler.shared.resizeArrived() }
        sigemptyset(&resize.sa_mask)
        resize.sa_flags = SA_RESTART
        sigaction(SIGWINCH, &resize, nil)
    }

    /// Marks the start of an evaluation: earlier presses are forgotten.
    func beginEvaluation() {
        drain()
        evaluation.clear()
        presses.store(0, ordering: .relaxed)
        evaluating.store(true, ordering: .relaxed)
    }

    /// Marks its end; returns whether a Ctrl-C arrived during it.
    @discardableResult
    func endEvaluation() -> Bool {
        evaluating.store(false, ordering: .relaxed)
        let interrupted = evaluation.isRaised
        drain()
        evaluation.clear()
        return interrupted
    }

    /// Forgets pending wake-ups and signals (before a new prompt).
    func drain() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(pipeEnds.read, &buffer, buffer.count) > 0 {}
        interruptedAtPrompt.store(false, ordering: .relaxed)
        continued.store(false, ordering: .relaxed)
        resized.store(false, ordering: .relaxed)
    }

    /// What woke the line editor, each reported once.
    func takeWakeReasons() -> (interrupted: Bool, continued: Bool, resized: Bool) {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(pipeEnds.read, &buffer, buffer.count) > 0 {}
        return (interruptedAtPrompt.exchange(false, ordering: .relaxed),
                continued.exchange(false, ordering: .relaxed),
                resized.exchange(false, ordering: .relaxed))
    }

    /// The signal handler's body: only atomics and write(2), both async-signal-safe.
    private func signalArrived() {
        evaluation.raise()
        interruptedAtPrompt.store(true, ordering: .relaxed)
        wake()
        guard evaluating.load(ordering: .relaxed) else { return }
        let count = presses.add(1, ordering: .relaxed).newValue
        if count >= Self.forcedExitPresses {
            let message: StaticString = "\nnv: evaluation did not stop; exiting\n"
            _ = write(STDERR_FILENO, message.utf8Start, message.utf8CodeUnitCount)
            TerminalState.restoreAndExit(130)
        }
    }

    /// SIGCONT's handler: async-signal-safe like the other. Live training may have had the
    /// keyboard in key mode when Ctrl-Z came; that mode is put back first.
    private func continueArrived() {
        KeyboardMode.resumeFromSignal()
        continued.store(true, ordering: .relaxed)
        wake()
    }

    /// SIGWINCH's handler: async-signal-safe like the others.
    private func resizeArrived() {
        resized.store(true, ordering: .relaxed)
        wake()
    }

    private func wake() {
        var byte: UInt8 = 0
        _ = write(pipeEnds.write, &byte, 1)
    }
}
