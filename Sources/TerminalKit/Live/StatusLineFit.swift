/// Shortens a training status line to a window's width by leaving out what matters least,
/// rather than cutting its end off (at 100 columns "done in 59 ms (19% drawing)" lost its
/// tail, and a narrow window lost the loss).
///
/// A status line is segments separated by two spaces (`epoch 12300/40000 ▕███░░▏ loss 0.0123
/// 52.1k epochs/s  ETA 0.5 s`). In order, until it fits: the progress bar goes, then remarks in
/// parentheses ("(19% drawing)") and notes after a "·" ("· waiting for the display"), then rates (a segment with "/s"), then the word "epoch";
/// whatever is still too long is cut with "…".
public enum StatusLineFit {
    /// `line` in at most `columns` characters.
    public static func fit(_ line: String, columns: Int) -> String {
        let columns = max(1, columns)
        var text = line
        let steps: [(String) -> String] = [withoutBar, withoutRemarks, withoutNotes, withoutRates, withoutEpochWord]
        for step in steps where text.count > columns {
            text = step(text)
        }
        guard text.count > columns else { return text }
        guard columns > 2 else { return String(repeating: "…", count: columns) }
        var kept = text.prefix(columns - 2)
        while kept.last == " " { kept = kept.dropLast() }
        return kept + " …"
    }

    /// Removes a `▕…▏` bar and the space after it.
    static func withoutBar(_ line: String) -> String {
        guard let open = line.firstIndex(of: "▕"),
              let close = line[open...].firstIndex(of: "▏") else { return line }
        var end = line.index(after: close)
        if end < line.endIndex, line[end] == " " { end = line.index(after: end) }
        var start = open
        if start > line.startIndex, line[line.index(before: start)] == " ", end == line.endIndex {
            start = line.index(before: start)
        }
        return String(line[..<start] + line[end...])
    }

    /// Removes parenthesized remarks with the space before them.
    static func withoutRemarks(_ line: String) -> String {
        var text = line
        while let open = text.firstIndex(of: "("), let close = text[open...].firstIndex(of: ")") {
            var start = open
            if start > text.startIndex, text[text.index(before: start)] == " " { start = text.index(before: start) }
            text = String(text[..<start] + text[text.index(after: close)...])
        }
        return text
    }

    /// Removes the two-space segments that are a note ("· waiting for the display").
    static func withoutNotes(_ line: String) -> String {
        line.components(separatedBy: "  ").filter { !$0.hasPrefix("· ") }.joined(separator: "  ")
    }

    /// Removes the two-space segments that give a rate ("52.1k epochs/s", "900 img/s").
    static func withoutRates(_ line: String) -> String {
        line.components(separatedBy: "  ").filter { !$0.contains("/s") }.joined(separator: "  ")
    }

    /// "epoch 12300/40000" becomes "12300/40000".
    static func withoutEpochWord(_ line: String) -> String {
        line.hasPrefix("epoch ") ? String(line.dropFirst("epoch ".count)) : line
    }
}
