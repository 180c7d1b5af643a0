/// Text that came from a file (a CSV cell, a config key, a tensor name, a path...) made safe to
/// show in a terminal: every control character is written as an escape, and long text is cut.
///
/// A file someone sent may hold `ESC ] 52 ; …` (a clipboard write), `ESC ] 8` (a link),
/// `ESC ] 0` (the window title), `ESC [ 2 J` (clear the screen), the 8-bit CSI U+009B, or bidi
/// overrides that make text read differently from what it is. None of it may reach the
/// terminal as is, so every message or rendering that quotes data goes through `visible`.
/// The escapes are nv's own string-literal escapes (`\n`, `\t`, `\r`, `\0`, `\u{1b}`), so what
/// the user sees could be typed back as the same string.
public enum VisibleText {
    /// Quotes longer than this many characters are cut, with a note of how much was left out.
    public static let defaultLimit = 120

    /// `text` with control characters escaped, cut after `limit` characters with
    /// "… (N more characters)".
    public static func escape(_ text: some StringProtocol, limit: Int = defaultLimit) -> String {
        var out = ""
        var shown = 0
        var index = text.startIndex
        while index < text.endIndex, shown < limit {
            for scalar in text[index].unicodeScalars { append(scalar, to: &out) }
            shown += 1
            index = text.index(after: index)
        }
        guard index < text.endIndex else { return out }
        let rest = text[index...].count
        return out + "… (\(rest) more character\(rest == 1 ? "" : "s"))"
    }

    /// Whether `scalar` is shown as an escape: C0 controls and DEL, C1 controls (U+0080–U+009F,
    /// which some terminals obey as 8-bit CSI, OSC, ...), and the bidi controls and line
    /// separators that reorder or break the text around them.
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// Appends `scalar` to `out`, escaped when it needs to be.
    public static func append(_ scalar: Unicode.Scalar, to out: inout String) {
        switch scalar {
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        case "\r": out += "\\r"
        case "\0": out += "\\0"
        default:
            if needsEscape(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }

    /// `text` whole, with control characters escaped except newlines and tabs: for text that
    /// is already nv's own (an error message, a source line) but may quote data.
    public static func escapeKeepingLines(_ text: some StringProtocol) -> String {
        guard hasControls(text) else { return String(text) }
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\t" { out.unicodeScalars.append(scalar) } else { append(scalar, to: &out) }
        }
        return out
    }

    /// Whether `text` holds anything `escape` would change (other than cutting it).
    public static func hasControls(_ text: some StringProtocol) -> Bool {
        text.unicodeScalars.contains(where: needsEscape)
    }
}

/// `text` from a file, safe for the terminal: control characters escaped, cut after `limit`
/// characters. Use it wherever data is quoted in a message: `"unknown key '\(visible(key))'"`.
public func visible(_ text: some StringProtocol, limit: Int = VisibleText.defaultLimit) -> String {
    VisibleText.escape(text, limit: limit)
}
