extension ContingencyTable: TextChart {
    /// A table: the class names as a header, one row per cluster named `c0`, `c1`... in its
    /// colour, counts on the shaded cells.
    public func drawText(into grid: inout CellGrid, in rect: CellRect, style: TextStyle) {
        let rows = counts.count, columns = classCount
        guard rows > 0, columns > 0, rect.height >= 2 else { return }
        let names = names().map { CellGrid.cut(style.text($0), to: 7) }
        let digits = counts.flatMap { $0 }.map { String($0).count }.max() ?? 1
        let nameWidth = 4
        let cellWidth = max(digits + 1, min(8, (rect.width - nameWidth) / columns))
        guard nameWidth + cellWidth * columns <= rect.width else {
            MessageChart("too narrow for\n\(rows) x \(columns) counts").drawText(into: &grid, in: rect, style: style)
            return
        }
        let left = rect.x + nameWidth
        for (j, name) in names.enumerated() {
            grid.putRight(CellGrid.cut(name, to: cellWidth - 1), end: left + (j + 1) * cellWidth, y: rect.y,
                          color: TextStyle.muted)
        }
        for i in 0..<min(rows, rect.height - 1) {
            let y = rect.y + 1 + i
            grid.put("c\(i)", x: rect.x, y: y, color: style.ink(ClassPalette.color(i)), bold: true)
            for j in 0..<columns {
                let fill = ConfusionMatrix.blues.color(at: share(i, j))
                let x = left + j * cellWidth
                if style.color { grid.fill(CellRect(x: x, y: y, width: cellWidth, height: 1), background: fill) }
                let count = j < counts[i].count ? counts[i][j] : 0
                grid.putRight(String(count), end: x + cellWidth, y: y,
                              color: style.color ? ConfusionMatrix.textColor(on: fill, theme: .light) : nil,
                              background: style.color ? fill : nil, bold: share(i, j) >= 0.5)
            }
        }
    }
}
