extension ClassCells: TextPlotLayer {
    /// Each half-block pixel painted with the region under its centre (without colour nothing
    /// is painted: shades of gray would not tell ten classes apart, the markers do).
    public func drawText(on canvas: inout DotCanvas, frame: TextFrame, style: TextStyle) {
        guard style.color, columns > 0, rows > 0, classes.count >= rows * columns else { return }
        let pixelRows = canvas.rows * 2
        for py in 0..<pixelRows {
            let dataY = frame.dataY(py, of: pixelRows)
            let r = Int(((dataY - y.lowerBound) / (y.upperBound - y.lowerBound) * Double(rows)).rounded(.down))
            guard r >= 0 && r < rows else { continue }
            for px in 0..<canvas.columns {
                let dataX = frame.dataX(px, of: canvas.columns)
                let c = Int(((dataX - x.lowerBound) / (x.upperBound - x.lowerBound) * Double(columns)).rounded(.down))
                guard c >= 0 && c < columns else { continue }
                let k = classes[r * columns + c]
                if k >= 0 { canvas.paint(px, py, color(k)) }
            }
        }
    }
}
