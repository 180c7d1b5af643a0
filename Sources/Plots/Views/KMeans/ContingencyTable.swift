/// Clusters against the true classes: one row per cluster (its name in the cluster colour), one
/// column per class, each cell's count printed over a shade of its share of the row — a good
/// clustering has one dark cell per row. Unlike `ConfusionMatrix` the table need not be square.
public struct ContingencyTable: Chart {
    /// counts: [clusters, classes].
    public var counts: [[Int]]
    /// Column names (the classes); nil numbers them.
    public var classNames: [String]?

    public init(counts: [[Int]], classNames: [String]? = nil) {
        self.counts = counts; self.classNames = classNames
    }

    var classCount: Int { counts.map(\.count).max() ?? 0 }

    func names() -> [String] {
        (0..<classCount).map { j in classNames.flatMap { $0.indices.contains(j) ? $0[j] : nil } ?? String(j) }
    }

    /// Share of row `i` in column `j` (0 for an empty row).
    func share(_ i: Int, _ j: Int) -> Double {
        let total = counts[i].reduce(0, +)
        return total > 0 && j < counts[i].count ? Double(counts[i][j]) / Double(total) : 0
    }

    public func draw(into raster: inout Raster, in rect: Rect, theme: Theme) {
        let rows = counts.count, columns = classCount
        guard rows > 0, columns > 0, ChartMessage.isDrawable(rect) else { return }
        let font = Font.small
        let left = Double(6 * font.cellWidth)
        let top = Double(2 * font.lineHeight)
        let cellWidth = min(Double(11 * font.cellWidth), (rect.width - left) / Double(columns))
        let names = names().map { Legend.truncated($0, columns: max(1, Int(cellWidth) / font.cellWidth - 1)) }
        let cellHeight = min(Double(2 * font.lineHeight), (rect.height - top) / Double(rows))
        guard cellWidth >= 8, cellHeight >= 4 else { return }
        let x0 = rect.x + left, y0 = rect.y + top
        raster.drawText("class →", x: x0, y: rect.y + 2, font: font, color: theme.mutedText, anchor: .topLeft)
        for (j, name) in names.enumerated() {
            raster.drawText(name, x: x0 + (Double(j) + 0.5) * cellWidth, y: y0 - 2, font: font, color: theme.text,
                            anchor: .bottom)
        }
        for i in 0..<rows {
            let y = y0 + Double(i) * cellHeight
            raster.drawText("c\(i)", x: x0 - 6, y: y + cellHeight / 2, font: font, color: ClassPalette.color(i), anchor: .right)
            for j in 0..<columns {
                let fill = ConfusionMatrix.blues.color(at: share(i, j))
                let cell = Rect(x: x0 + Double(j) * cellWidth, y: y, width: cellWidth - 1, height: cellHeight - 1)
                raster.fillRect(cell, color: fill)
                if cellHeight >= Double(font.lineHeight) {
                    let count = j < counts[i].count ? counts[i][j] : 0
                    raster.drawText(String(count), x: cell.midX, y: cell.midY, font: font,
                                    color: ConfusionMatrix.textColor(on: fill, theme: theme), anchor: .center)
                }
            }
        }
    }
}
