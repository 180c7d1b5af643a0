import Foundation
import Interpreter

/// Switches a terminal's input to unbuffered, unechoed mode and guarantees it is switched back:
/// on `restore()`, at process exit, and when a signal ends or suspends the process.
///
/// The saved settings live in process globals because a signal handler can reach nothing else;
/// the handler only calls async-signal-safe functions (`tcsetattr`, `write`, `signal`, `raise`).
/// Ctrl-C still sends SIGINT (ISIG stays on): the executable's handler turns it into a stop
/// request. If nobody handles SIGINT, this installs a handler that restores the terminal and
/// then dies of the signal as usual.
public enum KeyboardMode {
    /// Puts `descriptor` in noncanonical, no-echo mode with reads that return at once.
    /// Returns false (and changes nothing) when it is not a terminal. Calling it twice is fine.
    @discardableResult
    public static func enter(descriptor: Int32) -> Bool {
        guard savedDescriptor < 0 else { return true }
        var original = termios()
        guard tcgetattr(descriptor, &original) == 0 else { return false }
        var raw = original
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 0
            cc[Int(VTIME)] = 0
        }
        savedSettings = original
        savedDescriptor = descriptor
        installHandlers()
        guard tcsetattr(descriptor, TCSANOW, &raw) == 0 else {
            savedDescriptor = -1
            return false
        }
        return true
    }

    /// Restores the settings saved by `enter`; a no-op when not entered.
    public static func restore() {
        guard savedDescriptor >= 0 else { return }
        var settings = savedSettings
        tcsetattr(savedDescriptor, TCSANOW, &settings)
        savedDescriptor = -1
    }

    /// True between `enter` and `restore`.
    public static var isActive: Bool { savedDescriptor >= 0 }

    /// `fg` after Ctrl-Z, for an executable that owns SIGCONT itself (so `enter` did not install
    /// its own handler there): call it from that handler. It puts the terminal back in key mode
    /// if Ctrl-Z interrupted it, and re-arms the Ctrl-Z handler. Async-signal-safe.
    public static func resumeFromSignal() {
        reenterAfterResume(SIGCONT)
    }

    private static func installHandlers() {
        guard !handlersInstalled else { return }
        handlersInstalled = true
        _ = Suspension.shared
        atexit { restoreFromSignal() }
        for signalNumber in [SIGTERM, SIGHUP, SIGQUIT] {
            installIfDefault(signalNumber, handler: restoreAndDie)
        }
        installIfDefault(SIGINT, handler: restoreAndDie)
        installIfDefault(SIGTSTP, handler: restoreAndSuspend)
        installIfDefault(SIGCONT, handler: reenterAfterResume)
    }

    /// Installs `handler` only where the signal still has its default action, so a handler the
    /// executable installed (SIGINT -> stop flag) is left alone.
    private static func installIfDefault(_ signalNumber: Int32,
                                         handler: @convention(c) (Int32) -> Void) {
        var current = sigaction()
        guard sigaction(signalNumber, nil, &current) == 0 else { return }
        guard current.__sigaction_handler.sa_handler == nil else { return }
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        sigaction(signalNumber, &action, nil)
    }
}

nonisolated(unsafe) private var savedSettings = termios()
nonisolated(unsafe) private var savedDescriptor: Int32 = -1
nonisolated(unsafe) private var suspendedDescriptor: Int32 = -1
nonisolated(unsafe) private var handlersInstalled = false

/// Restores the saved terminal settings and shows the cursor; async-signal-safe.
private func restoreFromSignal() {
    guard savedDescriptor >= 0 else { return }
    var settings = savedSettings
    tcsetattr(savedDescriptor, TCSANOW, &settings)
    let showCursor: [UInt8] = [0x1B, 0x5B, 0x3F, 0x32, 0x35, 0x68]  // ESC [ ? 2 5 h
    _ = showCursor.withUnsafeBytes { Foundation.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
}

/// Ends the process the way the signal would have, after putting the terminal back.
private func restoreAndDie(_ signalNumber: Int32) {
    restoreFromSignal()
    savedDescriptor = -1
    signal(signalNumber, SIG_DFL)
    raise(signalNumber)
}

/// Ctrl-Z during live output: restore the terminal for the shell, then stop as usual.
private func restoreAndSuspend(_ signalNumber: Int32) {
    Suspension.shared.stopping()
    if savedDescriptor >= 0 {
        restoreFromSignal()
        suspendedDescriptor = savedDescriptor
    }
    signal(SIGTSTP, SIG_DFL)
    raise(SIGTSTP)
}

/// `fg` after Ctrl-Z: back to key mode if the process was in it, and re-arm the Ctrl-Z handler.
private func reenterAfterResume(_ signalNumber: Int32) {
    Suspension.shared.resumed()
    if suspendedDescriptor >= 0 {
        var raw = savedSettings
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 0
            cc[Int(VTIME)] = 0
        }
        tcsetattr(suspendedDescriptor, TCSANOW, &raw)
        suspendedDescriptor = -1
    }
    var action = sigaction()
    action.__sigaction_handler.sa_handler = restoreAndSuspend
    sigemptyset(&action.sa_mask)
    action.sa_flags = SA_RESTART
    sigaction(SIGTSTP, &action, nil)
}
