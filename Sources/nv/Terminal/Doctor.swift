import Foundation
import Interpreter
import Plots
import TerminalKit

/// `nv --doctor` and `:doctor`: what the terminal was detected to support, with a test picture
/// in each mode that works.
func doctorReport(options: SessionOptions) -> String {
    let port = TTYPort()
    let capabilities = TerminalProbe.detect(requested: options.graphics, port: port)
    var report = DoctorReport.text(capabilities: capabilities, requested: options.graphics,
                                   maxWidth: options.maxWidth)
    for mode in DoctorReport.demonstrationModes(capabilities) {
        var shown = capabilities
        shown.mode = mode
        if mode == .ascii { shown.colors = .none }
        let capture = CapturePort(base: port)
        let display = TerminalDisplay(capabilities: shown, port: capture,
                                      encoders: .plots(for: shown), maxWidth: options.maxWidth,
                                      live: false, framesDirectory: nil,
                                      firstImageID: firstKittyImageID(), reportError: { _ in })
        display.write("\n\(mode.rawValue):\n")
        display.show(TestPicture.figure)
        report += String(decoding: capture.captured, as: UTF8.self)
    }
    return report
}
