import Foundation
import Interpreter
import Runtime

/// How the executable reports problems on stderr: language errors through the interpreter's
/// `ErrorRenderer` (`file:line:col: error: message`, the source line, a caret, the call chain),
/// and problems without a source location (an unreadable file, a bad `:command`) as one
/// `nv: error: ...` line. Colour only as `ColorPolicy` allows (a terminal, no `NO_COLOR`, not dumb).
struct ErrorOutput {
    /// Use ANSI colour (bold location, red `error:`, green caret).
    var useColor: Bool

    /// The settings for this process's stderr.
    static func forStandardError(environment: [String: String] = ProcessInfo.processInfo.environment)
        -> ErrorOutput
    {
        ErrorOutput(useColor: ColorPolicy.allowed(fileDescriptor: STDERR_FILENO, environment: environment))
    }

    /// The full report of a language error (and the further errors it carries), ending in a
    /// newline.
    func render(_ error: NVError) -> String {
        ErrorRenderer.render(error, color: useColor)
    }

    /// A one-line message that has no source location, e.g. `nv: error: cannot read 'x.nv'`;
    /// `program` names who reports it (`nv mnist infer: error: ...`). Control characters in it
    /// (from a file name, say) are shown as escapes.
    func renderPlain(_ message: String, program: String = "nv") -> String {
        let message = VisibleText.escapeKeepingLines(message)
        return useColor ? "\u{1B}[1m\(program):\u{1B}[0m \u{1B}[1;31merror:\u{1B}[0m \(message)\n" : "\(program): error: \(message)\n"
    }

    /// A language error raised inside a program nv wrote for a command (`nv mnist infer`): the
    /// messages only, named after the command, without a location in code the user never saw.
    func renderAsCommand(_ error: NVError, command: String) -> String {
        ([error] + error.additional).map { renderPlain($0.message, program: command) }.joined()
    }
}
