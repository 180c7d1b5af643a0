import Foundation

/// The terminal's settings as they were when nv started, put back on every way out: normal
/// exit, errors, EOF, and (from signal handlers) SIGTERM, SIGHUP and a forced Ctrl-C exit.
///
/// Readline restores its own changes whenever its line handler is removed; this is the
/// backstop for everything else (a display that left raw mode on, a signal mid-frame).
enum TerminalState {
    /// Saved by `save()` before any handler that reads it is installed; read-only afterwards,
    /// which is what makes reading it from a signal handler safe.
    nonisolated(unsafe) private static var saved = termios()
    nonisolated(unsafe) private static var hasSaved = false
    /// Whether stdout was a terminal at `save()`: the escapes that restore the cursor are
    /// written only then (into a pipe or a file they would be stray bytes in the output).
    nonisolated(unsafe) private static var outputIsTerminal = false

    /// Remembers stdin's terminal settings (does nothing when stdin is not a terminal).
    static func save() {
        hasSaved = tcgetattr(STDIN_FILENO, &saved) == 0
        outputIsTerminal = isatty(STDOUT_FILENO) != 0
    }

    /// Puts the saved settings back. Only async-signal-safe calls, so handlers may use it.
    /// TCSANOW, not TCSAFLUSH: flushing waits for output to drain, which never happens when
    /// the reader of the terminal (a closed window, a dead test harness) is gone.
    static func restore() {
        guard hasSaved else { return }
        _ = tcsetattr(STDIN_FILENO, TCSANOW, &saved)
    }

    /// Unblocks `signalNumber` for this thread and the threads it starts later.
    static func unblock(_ signalNumber: Int32) {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, signalNumber)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    /// Restores the terminal and ends the process at once with `status`, from a signal handler.
    static func restoreAndExit(_ status: Int32) -> Never {
        restore()
        // Show the cursor and end synchronized output, in case a frame was half drawn.
        if outputIsTerminal {
            let reset: StaticString = "\u{1B}[?25h\u{1B}[?2026l"
            _ = write(STDOUT_FILENO, reset.utf8Start, reset.utf8CodeUnitCount)
        }
        _exit(status)
    }

    /// Installs SIGTERM and SIGHUP handlers that restore the terminal before the process ends.
    static func restoreOnTermination() {
        for signalNumber in [SIGTERM, SIGHUP] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { signalNumber in
                TerminalState.restoreAndExit(128 + signalNumber)
            }
            sigemptyset(&action.sa_mask)
            sigaction(signalNumber, &action, nil)
            unblock(signalNumber)
        }
    }
}
