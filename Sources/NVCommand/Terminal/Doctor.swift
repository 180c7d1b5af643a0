import Foundation
import Interpreter
import Plots
import TerminalKit

/// `nv --doctor` and `:doctor`: what the terminal was detected to support, with a test picture
/// in each mode that works.
func doctorReport(options: SessionOptions) -> String {
    let port = TTYPort()
    let capabilities = TerminalProbe.detect(requested: options.graphics, port: port)
    return DoctorReport.full(capabilities: capabilities, requested: options.graphics,
                             maxWidth: options.maxWidth, base: port,
                             firstImageID: firstKittyImageID(), encoders: { .plots(for: $0) })
}
