import Foundation
import Interpreter
import Plots
import TerminalKit

/// Builds the display for this process: graphics protocol, text rendering, or plain output,
/// from the options and what the terminal can do (see `TerminalProbe` for the queries; they
/// take at most 200 ms, and none are sent when stdout is not a terminal). `--frames` is written
/// by the session (`PNGFrameSink`), which sees every frame, not by the display, which drops some.
func makeDisplay(options: SessionOptions) -> Display {
    let port = TTYPort()
    let capabilities = TerminalProbe.detect(requested: options.graphics, port: port)
    return TerminalDisplay(capabilities: capabilities, port: port,
                           encoders: .plots(for: capabilities), maxWidth: options.maxWidth,
                           live: options.live, framesDirectory: nil,
                           firstImageID: firstKittyImageID(),
                           reportError: { FileHandle.standardError.write(Data($0.utf8)) })
}

/// The first kitty image id of this process, spread by the process id so that two nv runs in
/// the same kitty window do not replace each other's pictures in the scrollback.
func firstKittyImageID() -> UInt32 {
    let spread = UInt32(truncatingIfNeeded: getpid()) &* 2_654_435_761
    return max(1, spread & 0x7FFF_FF00)
}
