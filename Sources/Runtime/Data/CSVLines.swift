import Foundation

/// Splits CSV text into numbered lines of cells: comma-separated, cells trimmed of spaces,
/// double-quoted cells may hold commas (`"a, b"`) and doubled quotes (`"say ""hi"""`). Lines
/// may end in LF, CRLF or CR; a UTF-8 byte-order mark at the start is ignored; blank lines and
/// lines starting with `#` are skipped. A quoted cell cannot span lines.
import Foundation

enum CSVLines {
    /// One line of cells and its 1-based line number in the file.
    struct Line {
        var number: Int
        var cells: [String]
    }

    /// The non-blank, non-comment lines of `text`.
    /// - Throws: `RuntimeError` naming the line of an unterminated quote.
    static func split(_ text: String, source: String) throws -> [Line] {
        // "\r\n" is one Character in Swift, so splitting on "\n" would never split a CRLF file.
        let body = text.hasPrefix("\u{FEFF}") ? text.dropFirst() : Substring(text)
        var lines: [Line] = []
        for (offset, raw) in body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            lines.append(Line(number: offset + 1, cells: try cells(of: line, source: source, line: offset + 1)))
        }
        return lines
    }

    /// The cells of one line.
    static func cells(of line: String, source: String, line number: Int) throws -> [String] {
        guard line.contains("\"") else {
            return line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        }
        let chars = Array(line)
        var cells: [String] = []
        var i = 0
        while true {
            while i < chars.count, chars[i] == " " || chars[i] == "\t" { i += 1 }
            var cell = ""
            if i < chars.count, chars[i] == "\"" {
                i += 1
                var closed = false
                while i < chars.count {
                    if chars[i] == "\"" {
                        if i + 1 < chars.count, chars[i + 1] == "\"" { cell.append("\""); i += 2; continue }
                        i += 1
                        closed = true
                        break
                    }
                    cell.append(chars[i]); i += 1
                }
                guard closed else { throw RuntimeError("\(source) line \(number): the quoted cell \(cells.count + 1) is not closed") }
                while i < chars.count, chars[i] == " " || chars[i] == "\t" { i += 1 }
                if i < chars.count, chars[i] != "," {
                    throw RuntimeError("\(source) line \(number): text after the closing quote of cell \(cells.count + 1)")
                }
            } else {
                while i < chars.count, chars[i] != "," { cell.append(chars[i]); i += 1 }
                cell = cell.trimmingCharacters(in: .whitespaces)
            }
            cells.append(cell)
            guard i < chars.count else { break }
            i += 1  // the comma
        }
        return cells
    }
}
