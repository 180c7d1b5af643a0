/// The display's connection to the terminal: output, non-blocking key input, the keyboard mode,
/// the window size and a clock. `TTYPort` is the real one; tests use a recording fake.
public protocol TerminalPort: AnyObject {
    /// Writes bytes to the terminal (stdout), all of them, in order.
    func write(_ bytes: [UInt8])
    /// Bytes the user typed since the last call, without waiting (empty when none).
    func readAvailableInput() -> [UInt8]
    /// Switches the keyboard to unbuffered, unechoed input so a single `q` can be read while
    /// work runs; Ctrl-C keeps sending SIGINT.
    func enterKeyMode()
    /// Restores the keyboard mode saved by `enterKeyMode` (a no-op when not in key mode).
    func leaveKeyMode()
    /// The current window size, if the terminal reports one.
    func windowSize() -> WindowSize?
    /// Seconds on a monotonic clock.
    func now() -> Double
    /// Waits `seconds` (used only to let tmux catch up; see `FrameComposer`).
    func pause(seconds: Double)
    /// How many times the process was resumed after Ctrl-Z so far: when it changes, what the
    /// shell printed meanwhile stands below the live picture.
    func resumeCount() -> Int
}

extension TerminalPort {
    /// A port that cannot be suspended (a capture, a test) reports no resume.
    public func resumeCount() -> Int { 0 }
}
