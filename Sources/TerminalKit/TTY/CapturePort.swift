/// A port that keeps what is written instead of sending it, for output that is assembled first
/// and printed later (`nv --doctor` returns its test pictures as one string). Window size and
/// clock come from `base`; there is no keyboard.
public final class CapturePort: TerminalPort {
    /// Everything written so far.
    public private(set) var captured: [UInt8] = []
    private let base: TerminalPort?

    public init(base: TerminalPort?) {
        self.base = base
    }

    public func write(_ bytes: [UInt8]) { captured += bytes }
    public func readAvailableInput() -> [UInt8] { [] }
    public func enterKeyMode() {}
    public func leaveKeyMode() {}
    public func windowSize() -> WindowSize? { base?.windowSize() }
    public func now() -> Double { base?.now() ?? 0 }
    /// Captured output is printed in one piece later, so waiting now would change nothing.
    public func pause(seconds: Double) {}
}
