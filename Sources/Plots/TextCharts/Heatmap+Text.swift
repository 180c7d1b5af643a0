extension Heatmap: TextPlotLayer {
    /// The grid as half-block pixels: each pixel takes the value at its centre (nearest cell,
    /// or interpolated between cell centres for `.bilinear`), NaN in gray.
    public func drawText(on canvas: inout DotCanvas, frame: TextFrame, style: TextStyle) {
        guard isValid else { return }
        let (lo, hi) = Raster.valueRange(values, range)
        let span = hi - lo
        let height = canvas.rows * 2
        for py in 0..<height {
            let y = frame.dataY(py, of: height)
            let v = (y - self.y.lowerBound) / (self.y.upperBound - self.y.lowerBound) * Double(rows)
            guard v >= 0, v <= Double(rows) else { continue }
            for px in 0..<canvas.columns {
                let x = frame.dataX(px, of: canvas.columns)
                let u = (x - self.x.lowerBound) / (self.x.upperBound - self.x.lowerBound) * Double(columns)
                guard u >= 0, u <= Double(columns) else { continue }
                let value = sample(u, v)
                let color = value.isFinite ? colormap.color(at: span > 0 ? (value - lo) / span : 0.5) : RGBA(128, 128, 128)
                canvas.paint(px, py, color)
            }
        }
    }

    /// The value at (u, v) in cell units from the bottom-left corner.
    private func sample(_ u: Double, _ v: Double) -> Double {
        func at(_ c: Int, _ r: Int) -> Double { values[min(rows - 1, max(0, r)) * columns + min(columns - 1, max(0, c))] }
        guard interpolation == .bilinear, columns > 1, rows > 1 else {
            return at(Int(u.rounded(.down)), Int(v.rounded(.down)))
        }
        let fu = min(max(u - 0.5, 0), Double(columns - 1)), fv = min(max(v - 0.5, 0), Double(rows - 1))
        let c = min(Int(fu), columns - 2), r = min(Int(fv), rows - 2)
        let tu = fu - Double(c), tv = fv - Double(r)
        let bottom = at(c, r) * (1 - tu) + at(c + 1, r) * tu
        let top = at(c, r + 1) * (1 - tu) + at(c + 1, r + 1) * tu
        return bottom * (1 - tv) + top * tv
    }
}
