import Foundation
import Interpreter

/// Formats an `NVError` for a person: `file:line:col: error: message`, the source line, and a
/// caret under the span; then one note per call in the error's call chain.
///
/// This is the executable's one place that turns errors into text, so it can be swapped for the
/// interpreter's own renderer in a single edit. Spans are UTF-8 byte offsets and may point
/// anywhere (past the end, inside a multi-byte character): they are clamped, never trusted.
/// Columns count characters, and the caret line copies the tabs of the source line so it lines
/// up; East Asian wide characters and emoji still shift it, since a terminal's cell width for
/// them is not known here.
struct ErrorRenderer {
    /// Use ANSI colour (clang's scheme: bold location, red `error:`, green caret).
    var useColor: Bool
    /// At most this many calls of a call chain are shown; deep recursion would print thousands.
    var maxCallChainNotes = 8

    /// Colour for messages written to stderr: only when it is a terminal and `NO_COLOR` is unset.
    static func forStandardError(environment: [String: String] = ProcessInfo.processInfo.environment)
        -> ErrorRenderer
    {
        ErrorRenderer(useColor: isatty(STDERR_FILENO) != 0 && environment["NO_COLOR"] == nil)
    }

    /// The full report of `error`, ending in a newline.
    func render(_ error: NVError) -> String {
        var text = block(label: "error", labelColor: "31", message: error.message, file: error.file,
                         span: error.span, source: error.source)
        for call in error.callChain.prefix(maxCallChainNotes) {
            text += block(label: "note", labelColor: "36", message: "in a call to '\(call.function)'",
                          file: call.file, span: call.span, source: call.source)
        }
        let hidden = error.callChain.count - maxCallChainNotes
        if hidden > 0 {
            text += "... and \(hidden) more call\(hidden == 1 ? "" : "s")\n"
        }
        return text
    }

    /// A one-line message that has no source location, e.g. `nv: cannot read 'x.nv': ...`.
    func renderPlain(_ message: String) -> String {
        "\(paint("nv:", "1")) \(paint("error:", "1;31")) \(message)\n"
    }

    private func block(label: String, labelColor: String, message: String, file: String,
                       span: SourceSpan, source: String) -> String
    {
        let place = SourcePlace(span: span, source: source)
        let location = "\(file):\(place.line):\(place.column):"
        var text = "\(paint(location, "1")) \(paint(label + ":", "1;" + labelColor)) \(paint(message, "1"))\n"
        text += place.lineText + "\n"
        text += place.caretIndent + paint(place.caret, "1;32") + "\n"
        return text
    }

    private func paint(_ text: String, _ sgr: String) -> String {
        useColor ? "\u{1B}[\(sgr)m\(text)\u{1B}[0m" : text
    }
}

/// Where a byte span falls in a source text: 1-based line and column, the line's text, and the
/// caret that marks the span on that line.
struct SourcePlace {
    var line: Int
    var column: Int
    var lineText: String
    /// Spaces and tabs that put the caret under the span's first character.
    var caretIndent: String
    /// `^` followed by `~` for the rest of the span on this line.
    var caret: String

    init(span: SourceSpan, source: String) {
        let bytes = Array(source.utf8)
        var start = min(max(span.start, 0), bytes.count)
        // An error at the very end of a file that ends in a newline belongs to the last line,
        // not to the empty line after it.
        if start == bytes.count, start > 0, bytes[start - 1] == UInt8(ascii: "\n") {
            start -= 1
        }
        let end = min(max(span.end, start), bytes.count)
        let lineStart = bytes[..<start].lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        var lineEnd = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
        let spanEndOnLine = min(end, lineEnd)
        if lineEnd > lineStart, bytes[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }

        let before = String(decoding: bytes[lineStart..<start], as: UTF8.self)
        let marked = String(decoding: bytes[start..<max(start, min(spanEndOnLine, lineEnd))], as: UTF8.self)
        line = bytes[..<start].reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        column = before.count + 1
        lineText = String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self)
        caretIndent = String(before.map { $0 == "\t" ? "\t" : " " })
        caret = "^" + String(repeating: "~", count: max(marked.count - 1, 0))
    }
}
