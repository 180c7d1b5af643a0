extension ConfusionMatrix: TextChart {
    /// The matrix as a table: a header row of predicted classes, a row per true class, each count
    /// printed in its cell over the cell's colour (white on dark cells). When the counts do not
    /// fit the width, the cells narrow to their colour alone (shade characters without colour).
    public func drawText(into grid: inout CellGrid, in rect: CellRect, style: TextStyle) {
        if let problem {
            MessageChart(problem).drawText(into: &grid, in: rect, style: style)
            return
        }
        let n = counts.count
        let names = (classNames ?? (0..<n).map(String.init)).map { CellGrid.cut(style.text($0), to: 6) }
        let nameWidth = max(names.map(\.count).max() ?? 1, style.unicode ? 6 : 6)
        let digits = max(counts.flatMap { $0 }.map { String($0).count }.max() ?? 1, names.map(\.count).max() ?? 1)
        var cellWidth = digits + 1
        let room = rect.width - nameWidth - 1
        if cellWidth * n > room { cellWidth = digits }
        if cellWidth * n > room { cellWidth = max(1, room / max(1, n)) }
        let showCounts = cellWidth >= digits
        let header = rect.height >= n + 2 ? 2 : (rect.height >= n + 1 ? 1 : 0)
        let rowsShown = min(n, rect.height - header)
        guard rowsShown > 0, cellWidth >= 1 else { return }
        if rowsShown < n || !showCounts, style.color {
            drawColours(into: &grid, in: rect, cellWidth: min(cellWidth, 2))
            return
        }
        let left = rect.x + nameWidth + 1
        if header == 2 {
            grid.put(style.text("predicted →"), x: left, y: rect.y, color: TextStyle.muted, limit: rect.maxX - left)
        }
        if header >= 1 {
            grid.put(style.text("true ↓"), x: rect.x, y: rect.y + header - 1, color: TextStyle.muted, limit: nameWidth)
            if cellWidth >= (names.map(\.count).max() ?? 1) {
                for (j, name) in names.enumerated() {
                    grid.putRight(name, end: left + (j + 1) * cellWidth, y: rect.y + header - 1)
                }
            }
        }
        let positions = cellPositions
        for i in 0..<rowsShown {
            let y = rect.y + header + i
            grid.putRight(names[i], end: left - 1, y: y)
            for j in 0..<n {
                let fill = colormap.color(at: positions[i][j])
                let x = left + j * cellWidth
                if style.color {
                    grid.fill(CellRect(x: x, y: y, width: cellWidth, height: 1), background: fill)
                } else if !showCounts {
                    grid[x, y] = CellGrid.Cell(DotCanvas.shadeCharacter(fill, unicode: style.unicode))
                }
                if showCounts {
                    let text = String(counts[i][j])
                    let color: RGBA? = style.color ? ConfusionMatrix.textColor(on: fill, theme: .light) : nil
                    grid.putRight(text, end: x + cellWidth, y: y, color: color, background: style.color ? fill : nil,
                                  bold: i == j)
                }
            }
        }
    }

    /// The matrix as colour alone, in half blocks (two matrix rows a text row) when the rows
    /// do not fit, the class names of every other row on the left.
    private func drawColours(into grid: inout CellGrid, in rect: CellRect, cellWidth: Int) {
        let n = counts.count
        let pixelRows = max(1, min(2, (rect.height * 2) / n))
        let names = (classNames ?? (0..<n).map(String.init)).map { CellGrid.cut($0, to: 4) }
        let left = rect.x + (names.map(\.count).max() ?? 1) + 1
        var canvas = DotCanvas(columns: n * cellWidth, rows: (n * pixelRows + 1) / 2)
        let positions = cellPositions
        for i in 0..<n {
            for j in 0..<n {
                for p in 0..<pixelRows {
                    for c in 0..<cellWidth { canvas.paint(j * cellWidth + c, i * pixelRows + p, colormap.color(at: positions[i][j])) }
                }
            }
        }
        canvas.draw(into: &grid, x: left, y: rect.y, style: .color)
        for i in 0..<n where (i * pixelRows) % 2 == 0 || pixelRows == 2 {
            grid.putRight(names[i], end: left - 1, y: rect.y + i * pixelRows / 2)
        }
        grid.put("true ↓ predicted →", x: rect.x, y: rect.y + canvas.rows, color: TextStyle.muted, limit: rect.width)
    }
}
