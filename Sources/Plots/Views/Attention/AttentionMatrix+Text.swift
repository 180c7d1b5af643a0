extension AttentionMatrix: TextChart {
    /// The map as a table of coloured cells, queries down the left and keys along the top, each
    /// cell two or three columns wide with its value (hundredths) where it fits; without colour
    /// the cells are shade characters. Masked cells are "·".
    public func drawText(into grid: inout CellGrid, in rect: CellRect, style: TextStyle) {
        if let problem {
            MessageChart(problem).drawText(into: &grid, in: rect, style: style)
            return
        }
        let rowNames = rowLabels.map { CellGrid.cut(style.text($0), to: 4) }
        let columnNames = columnLabels.map { style.text($0) }
        let nameWidth = max(1, rowNames.map(\.count).max() ?? 1)
        let room = rect.width - nameWidth - 1
        let cellWidth = percent && room >= 3 * columns ? 3 : (room >= 2 * columns ? 2 : 1)
        let header = off ? 2 : 1
        let shownRows = min(rows, rect.height - header)
        guard shownRows > 0, room >= columns else {
            MessageChart("too small").drawText(into: &grid, in: rect, style: style)
            return
        }
        let left = rect.x + nameWidth + 1
        if off { grid.put("head off (ablated)", x: left, y: rect.y, color: TextStyle.muted, limit: rect.width - nameWidth - 1) }
        for (j, name) in columnNames.enumerated() {
            grid.putRight(CellGrid.cut(name, to: cellWidth), end: left + (j + 1) * cellWidth, y: rect.y + header - 1, color: TextStyle.muted)
        }
        for i in 0..<shownRows {
            let y = rect.y + header + i
            grid.putRight(rowNames[i], end: left - 1, y: y, color: TextStyle.muted)
            for j in 0..<columns {
                let x = left + j * cellWidth
                guard let color = fill(i, j) else {
                    grid.putRight("·", end: x + cellWidth, y: y, color: TextStyle.muted)
                    continue
                }
                if style.color {
                    grid.fill(CellRect(x: x, y: y, width: cellWidth, height: 1), background: color)
                    let text = cellText(i, j)
                    if text.count < cellWidth {
                        grid.putRight(text, end: x + cellWidth, y: y, color: ConfusionMatrix.textColor(on: color, theme: .light), background: color)
                    }
                } else {
                    let shade = DotCanvas.shadeCharacter(color, unicode: style.unicode)
                    grid.put(String(repeating: String(shade), count: cellWidth), x: x, y: y)
                }
            }
        }
    }
}
