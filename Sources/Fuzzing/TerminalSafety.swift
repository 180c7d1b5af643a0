/// The property "no control character from file data reaches the terminal": text nv shows about
/// a file (its error messages, echoed values, what builtins write) may hold newlines and tabs,
/// but no ESC, no other C0 control, no DEL and no C1 control (U+0080–U+009F, the 8-bit CSI/OSC).
public enum TerminalSafety {
    /// The first forbidden control character in `text` and a visibly escaped excerpt around it,
    /// or nil when the text is safe.
    public static func violation(in text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        guard let at = scalars.firstIndex(where: isForbidden) else { return nil }
        let excerpt = scalars[max(0, at - 40)..<min(scalars.count, at + 40)]
        let visible = excerpt.map { isForbidden($0) || $0 == "\n" ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined()
        return "U+\(String(scalars[at].value, radix: 16, uppercase: true)) in: \(visible)"
    }

    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: false
        case 0x00...0x1F, 0x7F, 0x80...0x9F: true
        default: false
        }
    }
}
