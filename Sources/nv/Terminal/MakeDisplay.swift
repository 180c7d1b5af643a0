import Foundation
import Interpreter
import Plots

/// Builds the display for this process: graphics protocol, text rendering, or plain output,
/// from the options and what the terminal can do.
func makeDisplay(options: SessionOptions) -> Display {
    PlainDisplay()
}

/// Text only: writes output to stdout and says that a figure was made.
final class PlainDisplay: Display {
    func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
    func show(_ figure: Figure) {
        write("[figure \(figure.preferredWidth)x\(figure.preferredHeight)]\n")
    }
    func beginLive() {}
    func updateLive(_ figure: Figure, force: Bool) -> Bool { false }
    func endLive() {}
    func stopRequested() -> Bool { false }
}
