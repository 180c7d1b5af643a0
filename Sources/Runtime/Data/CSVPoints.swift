import Foundation

/// Reads a user's 2D points from CSV: three comma-separated columns x, y, label per line,
/// label 0 or 1; an optional header line (a first line whose x is not a number); blank lines
/// and lines starting with `#` are skipped. Lines may end in LF, CRLF (Windows) or CR, and a
/// UTF-8 byte-order mark at the start is ignored. Every error names the file and the line, and
/// quotes the offending cell with control characters escaped (see `visible`).
public enum CSVPoints {
    /// Parses CSV text; `source` names it in messages.
    /// - Throws: `RuntimeError` naming the line for a wrong column count, a value that is not a
    ///   number, or a label other than 0/1; also for a file without points.
    public static func parse(_ text: String, source: String) throws -> Dataset {
        var points = [Float](), labels = [Int]()
        var sawData = false
        // "\r\n" is one Character in Swift, so splitting on "\n" would never split a CRLF file.
        let body = text.hasPrefix("\u{FEFF}") ? text.dropFirst() : Substring(text)
        for (offset, rawLine) in body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let lineNumber = offset + 1
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            if !sawData, let first = fields.first, Float(first) == nil {
                sawData = true  // a header: the first non-blank line, not numeric
                continue
            }
            sawData = true
            guard fields.count == 3 else {
                throw RuntimeError("\(source) line \(lineNumber): expected 3 columns (x, y, label), got \(fields.count)")
            }
            var values = [Float]()
            for (column, name) in zip(fields, ["x", "y", "label"]) {
                guard let v = Float(column), v.isFinite else {
                    throw RuntimeError("\(source) line \(lineNumber): \(name) '\(visible(column, limit: 40))' is not a number")
                }
                values.append(v)
            }
            guard values[2] == 0 || values[2] == 1 else {
                throw RuntimeError("\(source) line \(lineNumber): label \(visible(fields[2], limit: 40)) must be 0 or 1")
            }
            points.append(values[0]); points.append(values[1]); labels.append(Int(values[2]))
        }
        guard !labels.isEmpty else { throw RuntimeError("\(source): no points found") }
        return Dataset(unchecked: points, labels: labels, name: source)
    }

    /// Reads and parses the file at `path`.
    /// - Throws: `RuntimeError` when the file cannot be read or is not valid UTF-8, or as `parse`.
    public static func read(path: String) throws -> Dataset {
        let data = try RegularFile.read(path, what: "csv", limit: 256 << 20)
        guard let text = String(data: data, encoding: .utf8) else {
            throw RuntimeError("csv: '\(visible(path, limit: 200))' is not UTF-8 text")
        }
        return try parse(text, source: visible(path, limit: 200))
    }
}
