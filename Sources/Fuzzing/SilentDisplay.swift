import Interpreter
import Plots

/// The display a fuzz input runs against: keeps the text nv writes (up to a cap, so a program
/// printing in a loop cannot fill the memory) and draws nothing.
public final class SilentDisplay: Display {
    static let cap = 1 << 20
    public private(set) var text = ""

    public init() {}

    public func write(_ text: String) {
        if self.text.utf8.count < SilentDisplay.cap { self.text += text }
    }
    public func show(_ figure: Figure) {}
    public func beginLive() {}
    public func updateLive(_ figure: Figure, force: Bool) -> Bool { true }
    public func endLive() {}
    public func stopRequested() -> Bool { false }
}
