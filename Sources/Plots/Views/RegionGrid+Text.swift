/// The text forms of the region grids (`ClassCells`, `ClassRegions`): each half-block pixel
/// painted with the cell under its centre. Without colour nothing is painted: shades of gray
/// would not tell ten classes apart, the markers do.
enum RegionGridText {
    /// Paints `canvas` from a grid of `columns` x `rows` cells over `x` × `y` (row 0 at the
    /// bottom); `color(i)` is the colour of cell `i`, nil to leave it empty.
    static func paint(on canvas: inout DotCanvas, frame: TextFrame, style: TextStyle, columns: Int, rows: Int,
                      x: ClosedRange<Double>, y: ClosedRange<Double>, color: (Int) -> RGBA?) {
        guard style.color, columns > 0, rows > 0, x.upperBound > x.lowerBound, y.upperBound > y.lowerBound else { return }
        let pixelRows = canvas.rows * 2
        for py in 0..<pixelRows {
            let dataY = frame.dataY(py, of: pixelRows)
            let r = Int(((dataY - y.lowerBound) / (y.upperBound - y.lowerBound) * Double(rows)).rounded(.down))
            guard r >= 0 && r < rows else { continue }
            for px in 0..<canvas.columns {
                let dataX = frame.dataX(px, of: canvas.columns)
                let c = Int(((dataX - x.lowerBound) / (x.upperBound - x.lowerBound) * Double(columns)).rounded(.down))
                guard c >= 0 && c < columns, let shade = color(r * columns + c) else { continue }
                canvas.paint(px, py, shade)
            }
        }
    }
}

extension ClassCells: TextPlotLayer {
    public func drawText(on canvas: inout DotCanvas, frame: TextFrame, style: TextStyle) {
        guard classes.count >= rows * columns else { return }
        RegionGridText.paint(on: &canvas, frame: frame, style: style, columns: columns, rows: rows, x: x, y: y) { i in
            classes[i] >= 0 ? color(classes[i]) : nil
        }
    }
}

extension ClassRegions: TextPlotLayer {
    public func drawText(on canvas: inout DotCanvas, frame: TextFrame, style: TextStyle) {
        guard isValid else { return }
        RegionGridText.paint(on: &canvas, frame: frame, style: style, columns: columns, rows: rows, x: x, y: y) { i in
            color(class: classes[i], confidence: confidence[i])
        }
    }
}
