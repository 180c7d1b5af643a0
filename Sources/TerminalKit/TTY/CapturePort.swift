/// A port that keeps what is written instead of sending it, for output that is assembled first
/// and printed later (`nv --doctor` returns its test pictures as one string). Window size and
/// clock come from `base`; there is no keyboard.
public final class CapturePort: TerminalPort {
    /// Everything written so far.
    public private(set) var captured: [UInt8] = []
    private let base: TerminalPort?
    private let maxColumns: Int?

    /// `maxColumns` narrows the window `base` reports (pictures sized from it get narrower).
    public init(base: TerminalPort?, maxColumns: Int? = nil) {
        self.base = base
        self.maxColumns = maxColumns
    }

    public func write(_ bytes: [UInt8]) { captured += bytes }
    public func readAvailableInput() -> [UInt8] { [] }
    public func enterKeyMode() {}
    public func leaveKeyMode() {}
    public func windowSize() -> WindowSize? {
        guard var size = base?.windowSize() else { return nil }
        if let maxColumns, size.columns > maxColumns {
            size.pixelWidth = size.pixelWidth * maxColumns / max(1, size.columns)
            size.columns = maxColumns
        }
        return size
    }
    public func now() -> Double { base?.now() ?? 0 }
    /// Captured output is printed in one piece later, so waiting now would change nothing.
    public func pause(seconds: Double) {}
}
