/// Where the panels of a figure grid go in a raster of a given size: a pure computation, so
/// it can be tested without drawing.
///
/// The figure has an 8 px outer margin, the overall title (if any) in a band at the top, and
/// 12 px gaps between cells; cells share the remaining width and height equally. Panels with
/// an explicit row/column go there; the others fill free cells row by row. When panels do not
/// fit the grid, rows are added (up to 256 rows; panels beyond are not shown); a panel that
/// overlaps one already placed is moved to the next free cell.
public struct GridLayout: Equatable, Sendable {
    /// A panel's rectangles: the whole cell block, its title band, and the chart's area.
    public struct Slot: Equatable, Sendable {
        public var panelIndex: Int
        public var frame: Rect
        public var titleBand: Rect?
        public var chartArea: Rect
        /// The grid cell of the top-left corner and the cells covered (text figures lay out
        /// the same placement in terminal cells).
        public var row = 0, column = 0, rowSpan = 1, columnSpan = 1
    }

    /// The outer margin and the gap between cells, in pixels.
    public static let margin = 8.0
    public static let gap = 12.0

    /// The grid actually used (rows grow when panels do not fit).
    public var rows: Int
    public var columns: Int
    /// The overall title band, if the figure has a title.
    public var titleBand: Rect?
    /// One slot per placed panel, in panel order.
    public var slots: [Slot]

    /// Lays out `panels` in a `rows` x `columns` grid (≤ 0 picks a near-square grid) filling
    /// `width` x `height` pixels.
    public init(width: Int, height: Int, rows: Int, columns: Int, panels: [Panel], hasTitle: Bool) {
        let count = max(panels.count, 1)
        var cols = columns > 0 ? columns : Int(Double(count).squareRoot().rounded(.up))
        cols = min(cols, 64)
        var rowCount = rows > 0 ? rows : (count + cols - 1) / cols
        rowCount = min(rowCount, 64)
        // occupied: [rowCount, cols], grown by whole rows when needed.
        var occupied = [[Bool]](repeating: [Bool](repeating: false, count: cols), count: rowCount)
        var cells: [(index: Int, row: Int, column: Int, rowSpan: Int, columnSpan: Int)] = []
        func fits(_ r: Int, _ c: Int, _ rs: Int, _ cs: Int) -> Bool {
            guard r >= 0, r < 256, c >= 0, c <= cols - cs else { return false }
            while occupied.count < r + rs { occupied.append([Bool](repeating: false, count: cols)) }
            for i in r..<(r + rs) { for j in c..<(c + cs) where occupied[i][j] { return false } }
            return true
        }
        func take(_ index: Int, _ r: Int, _ c: Int, _ rs: Int, _ cs: Int) {
            for i in r..<(r + rs) { for j in c..<(c + cs) { occupied[i][j] = true } }
            cells.append((index, r, c, rs, cs))
        }
        let ordered = panels.indices.filter { panels[$0].row != nil && panels[$0].column != nil }
            + panels.indices.filter { panels[$0].row == nil || panels[$0].column == nil }
        var firstOpenRow = 0   // rows above it are full: auto placement starts here
        for index in ordered where occupied.count <= 256 {
            let p = panels[index]
            let cs = min(max(1, p.columnSpan), cols), rs = min(max(1, p.rowSpan), 64)
            if let r = p.row, let c = p.column, fits(r, c, rs, cs) { take(index, r, c, rs, cs); continue }
            var placed = false
            while firstOpenRow < occupied.count && !occupied[firstOpenRow].contains(false) { firstOpenRow += 1 }
            var r = firstOpenRow
            while !placed && r < 256 {
                for c in 0...(cols - cs) where fits(r, c, rs, cs) { take(index, r, c, rs, cs); placed = true; break }
                r += 1
            }
        }
        rowCount = max(rowCount, occupied.count)
        self.rows = rowCount
        self.columns = cols

        let m = Self.margin, g = Self.gap
        var top = m
        if hasTitle {
            let band = Double(Font.large.lineHeight) + 8
            titleBand = Rect(x: m, y: m, width: max(0, Double(width) - 2 * m), height: band)
            top += band + 4
        } else {
            titleBand = nil
        }
        let cellWidth = max(0, (Double(width) - 2 * m - g * Double(cols - 1)) / Double(cols))
        let cellHeight = max(0, (Double(height) - top - m - g * Double(rowCount - 1)) / Double(rowCount))
        slots = cells.sorted { $0.index < $1.index }.map { cell in
            // Round both edges (not origin and size) so neighbours never overlap the margins.
            let x0 = m + Double(cell.column) * (cellWidth + g)
            let x1 = x0 + cellWidth * Double(cell.columnSpan) + g * Double(cell.columnSpan - 1)
            let y0 = top + Double(cell.row) * (cellHeight + g)
            let y1 = y0 + cellHeight * Double(cell.rowSpan) + g * Double(cell.rowSpan - 1)
            let frame = Rect(x: x0.rounded(), y: y0.rounded(), width: x1.rounded() - x0.rounded(),
                             height: y1.rounded() - y0.rounded())
            guard panels[cell.index].title != nil else {
                return Slot(panelIndex: cell.index, frame: frame, titleBand: nil, chartArea: frame,
                            row: cell.row, column: cell.column, rowSpan: cell.rowSpan, columnSpan: cell.columnSpan)
            }
            let band = Double(Font.large.lineHeight) + 6
            return Slot(panelIndex: cell.index, frame: frame,
                        titleBand: Rect(x: frame.minX, y: frame.minY, width: frame.width, height: band),
                        chartArea: frame.inset(top: band),
                        row: cell.row, column: cell.column, rowSpan: cell.rowSpan, columnSpan: cell.columnSpan)
        }
    }
}
