import Foundation
import Interpreter
import Runtime

/// How the executable reports problems on stderr: language errors through the interpreter's
/// `ErrorRenderer` (`file:line:col: error: message`, the source line, a caret, the call chain),
/// and problems without a source location (an unreadable file, a bad `:command`) as one
/// `nv: error: ...` line. Colour only when stderr is a terminal and `NO_COLOR` is unset.
struct ErrorOutput {
    /// Use ANSI colour (bold location, red `error:`, green caret).
    var useColor: Bool

    /// The settings for this process's stderr.
    static func forStandardError(environment: [String: String] = ProcessInfo.processInfo.environment)
        -> ErrorOutput
    {
        ErrorOutput(useColor: isatty(STDERR_FILENO) != 0 && environment["NO_COLOR"] == nil)
    }

    /// The full report of a language error (and the further errors it carries), ending in a
    /// newline.
    func render(_ error: NVError) -> String {
        ErrorRenderer.render(error, color: useColor)
    }

    /// A one-line message that has no source location, e.g. `nv: error: cannot read 'x.nv'`.
    /// Control characters in it (from a file name, say) are shown as escapes.
    func renderPlain(_ message: String) -> String {
        let message = VisibleText.escapeKeepingLines(message)
        return useColor ? "\u{1B}[1mnv:\u{1B}[0m \u{1B}[1;31merror:\u{1B}[0m \(message)\n" : "nv: error: \(message)\n"
    }
}
