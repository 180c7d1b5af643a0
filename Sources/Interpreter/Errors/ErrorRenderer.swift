import Runtime

/// Prints errors the way compilers do:
///
///     script.nv:3:7: error: undefined variable 'nett'
///     print(nett.loss)
///           ^~~~
///       in report, called at script.nv:9:1
///
/// Lines and columns count from 1; columns count characters (not bytes). The caret line
/// repeats the tabs of the source line so the caret lands under the right character in any
/// tab width. ANSI colour only when asked (the executable decides: a TTY and no NO_COLOR).
public enum ErrorRenderer {
    /// At most this many call-chain lines are printed (repeats of one call site fold into one).
    static let maxCallLines = 12
    /// Longer source lines are cut to a window of this many characters around the error.
    static let maxLineWidth = 120

    /// The full text for `error` and the errors it carries, ending with a newline.
    public static func render(_ error: NVError, color: Bool) -> String {
        ([error] + error.additional).map { renderOne($0, color: color) }.joined()
    }

    /// Line and column (1-based, column in characters) of a byte offset into `source`.
    public static func location(of offset: Int, in source: String) -> (line: Int, column: Int) {
        let line = lineContaining(offset, in: source)
        return (line.number, line.prefix.count + 1)
    }

    private static func renderOne(_ error: NVError, color: Bool) -> String {
        let bold = color ? "\u{1B}[1m" : "", red = color ? "\u{1B}[1;31m" : ""
        let green = color ? "\u{1B}[1;32m" : "", dim = color ? "\u{1B}[2m" : "", reset = color ? "\u{1B}[0m" : ""
        let line = lineContaining(error.span.start, in: error.source)
        let label = "error"
        var out = "\(bold)\(error.file):\(line.number):\(line.prefix.count + 1):\(reset) "
        // Messages quote data with `visible` already; this is the last guard that no control
        // character from a file (or a source line) reaches the terminal.
        out += "\(red)\(label):\(reset) \(bold)\(VisibleText.escapeKeepingLines(error.message))\(reset)\n"
        var shownText = VisibleText.escapeKeepingLines(line.text)
        var shownPrefix = VisibleText.escapeKeepingLines(line.prefix)
        if shownText.count > maxLineWidth {
            let skip = max(0, shownPrefix.count - maxLineWidth / 2)
            shownText = (skip > 0 ? "..." : "") + String(shownText.dropFirst(skip).prefix(maxLineWidth))
            shownPrefix = (skip > 0 ? "..." : "") + String(shownPrefix.dropFirst(skip))
        }
        out += shownText + "\n"
        let padding = String(shownPrefix.map { $0 == "\t" ? "\t" : " " })
        let spanEnd = min(max(error.span.end, error.span.start + 1), line.endOffset)
        let underlined = min(max(1, line.characterCount(from: error.span.start, to: spanEnd)),
                             max(1, shownText.count - shownPrefix.count))
        out += padding + green + "^" + String(repeating: "~", count: underlined - 1) + reset + "\n"
        var calls: [(text: String, times: Int)] = []
        for call in error.callChain {
            let site = lineContaining(call.span.start, in: call.source)
            let text = "in \(call.function), called at \(call.file):\(site.number):\(site.prefix.count + 1)"
            if calls.last?.text == text { calls[calls.count - 1].times += 1 } else { calls.append((text, 1)) }
        }
        for call in calls.prefix(maxCallLines) {
            let repeated = call.times > 1 ? " (\(call.times) times)" : ""
            out += "\(dim)  \(call.text)\(repeated)\(reset)\n"
        }
        if calls.count > maxCallLines { out += "\(dim)  ... and \(calls.count - maxCallLines) more calls\(reset)\n" }
        return out
    }

    /// The line around a byte offset: its number, its text, and the text before the offset.
    private struct Line {
        var number: Int
        var text: String
        var prefix: String
        var startOffset: Int
        var endOffset: Int
        let bytes: [UInt8]

        func characterCount(from start: Int, to end: Int) -> Int {
            guard start < end, start >= startOffset, end <= bytes.count else { return 1 }
            return String(decoding: bytes[start..<end], as: UTF8.self).count
        }
    }

    private static func lineContaining(_ offset: Int, in source: String) -> Line {
        let bytes = Array(source.utf8)
        let offset = min(max(offset, 0), bytes.count)
        var start = offset
        while start > 0 && bytes[start - 1] != UInt8(ascii: "\n") { start -= 1 }
        var end = offset
        while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
        let number = bytes[..<start].reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        var text = String(decoding: bytes[start..<end], as: UTF8.self)
        if text.hasSuffix("\r") { text.removeLast() }
        return Line(number: number, text: text, prefix: String(decoding: bytes[start..<offset], as: UTF8.self),
                    startOffset: start, endOffset: end, bytes: bytes)
    }
}

extension NVError {
    /// This error as `ErrorRenderer` prints it.
    public func rendered(color: Bool) -> String { ErrorRenderer.render(self, color: color) }
}
