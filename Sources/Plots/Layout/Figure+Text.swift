extension Figure {
    /// Pixels a terminal cell stands for when a figure's preferred size in pixels is turned into
    /// cells (a common 8 x 16 cell), and when a text figure is built by a view that chooses its
    /// layout by width in pixels.
    public static let textCellWidth = 8, textCellHeight = 16

    /// The cells the figure was designed for: its preferred size in 8 x 16 px cells.
    public var preferredColumns: Int { max(1, preferredWidth / Self.textCellWidth) }
    public var preferredRows: Int { max(1, preferredHeight / Self.textCellHeight) }

    /// The figure in `columns` x `rows` terminal cells: its text drawing, or, for a figure that
    /// has none, its raster reduced to half blocks.
    public func renderText(columns: Int, rows: Int, style: TextStyle) -> CellGrid {
        let columns = min(max(columns, 1), 2000), rows = min(max(rows, 1), 2000)
        if let drawText { return drawText(columns, rows, style) }
        var grid = CellGrid(width: columns, height: rows)
        RasterCells.draw(render(width: columns * 4, height: rows * 8), into: &grid,
                         in: CellRect(x: 0, y: 0, width: columns, height: rows), style: style)
        return grid
    }

    /// A figure whose content is built when it is drawn, at the size asked for: `build` gets
    /// the pixel size (for text, the cells at 8 x 16 px each, so views that choose a layout by
    /// width choose the same in text) and returns the figure to draw, raster or text.
    public static func built(preferredWidth: Int, preferredHeight: Int,
                             build: @escaping @Sendable (_ width: Int, _ height: Int) -> Figure) -> Figure {
        Figure(preferredWidth: preferredWidth, preferredHeight: preferredHeight, draw: { width, height in
            build(width, height).render(width: width, height: height)
        }, drawText: { columns, rows, style in
            build(columns * textCellWidth, rows * textCellHeight).renderText(columns: columns, rows: rows, style: style)
        })
    }

    /// The text form of `grid(...)`: the title in bold on the first row, the panels in the same
    /// grid placement with one blank column between them, each under its bold title row. A
    /// panel whose chart has no text form shows its raster in half blocks.
    static func textGrid(columns: Int, rows: Int, gridRows: Int, gridColumns: Int, panels: [Panel], title: String?,
                         style: TextStyle) -> CellGrid {
        var grid = CellGrid(width: columns, height: rows)
        let layout = GridLayout(width: 4096, height: 4096, rows: gridRows, columns: gridColumns, panels: panels,
                                hasTitle: title != nil)
        var top = 0
        if let title {
            grid.putCentred(style.text(title), x: 0, y: 0, width: columns, bold: true)
            top = 1
        }
        let gap = 1
        let width = Double(columns + gap) / Double(layout.columns)
        let height = Double(rows - top) / Double(layout.rows)
        for slot in layout.slots {
            let x0 = Int((Double(slot.column) * width).rounded())
            let x1 = Int((Double(slot.column + slot.columnSpan) * width).rounded()) - gap
            let y0 = top + Int((Double(slot.row) * height).rounded())
            let y1 = top + Int((Double(slot.row + slot.rowSpan) * height).rounded())
            var rect = CellRect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
            let panel = panels[slot.panelIndex]
            if let text = panel.title, rect.height >= 2 {
                grid.putCentred(style.text(text), x: rect.x, y: rect.y, width: rect.width, bold: true)
                rect = rect.inset(top: 1)
            }
            guard let chart = panel.chart, !rect.isEmpty else { continue }
            drawPanelText(chart, into: &grid, in: rect, style: style)
        }
        return grid
    }

    /// One chart in text: its own text form, else its raster in half blocks.
    static func drawPanelText(_ chart: any Chart, into grid: inout CellGrid, in rect: CellRect, style: TextStyle) {
        if let text = chart as? any TextChart {
            text.drawText(into: &grid, in: rect, style: style)
            return
        }
        let width = rect.width * 4, height = rect.height * 8
        var raster = Raster(width: width, height: height, fill: Theme.light.background)
        chart.draw(into: &raster, in: Rect(x: 0, y: 0, width: Double(width), height: Double(height)), theme: .light)
        RasterCells.draw(raster, into: &grid, in: rect, style: style)
    }
}
