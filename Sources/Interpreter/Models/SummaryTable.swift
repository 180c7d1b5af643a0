/// A model summary's table (layer, module, output shape, parameters) as aligned text lines,
/// shared by every model kind's summary.
enum SummaryTable {
    /// Columns padded to their widest cell; the last one (parameter counts) aligned right.
    static func lines(_ rows: [[String]]) -> [String] {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column == columns - 1 ? padding + cell : cell + padding
            }.joined(separator: "  ")
        }
    }
}
