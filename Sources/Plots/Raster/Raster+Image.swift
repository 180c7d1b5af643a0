/// Scaled images: an RGBA raster, or a grid of numbers through a colormap (heatmaps, digits,
/// feature maps). Source pixel centres map to `rect` so that the source exactly fills it.
extension Raster {
    /// Draws `source` scaled to fill `rect`, blending by the source's alpha.
    public mutating func drawImage(_ source: Raster, in rect: Rect,
                                   interpolation: Interpolation = .nearest) {
        guard source.width > 0, source.height > 0 else { return }
        let colors = (0..<(source.width * source.height)).map { source[$0 % source.width, $0 / source.width] }
        drawColors(colors, columns: source.width, rows: source.height, in: rect,
                   interpolation: interpolation)
    }

    /// Draws `values` — row-major, `rows` x `columns`, row 0 at the top — scaled to fill
    /// `rect`, each value coloured by `colormap` after mapping `range` to [0, 1].
    ///
    /// `range` defaults to the finite values' min...max; when they are all equal the single
    /// value maps to the middle of the map. NaN and infinite values are drawn in `missing`.
    /// A mismatched count (values.count != rows * columns) draws nothing: callers check
    /// shapes and report them; this layer only refuses to read out of bounds.
    public mutating func drawValues(_ values: [Double], columns: Int, rows: Int, in rect: Rect,
                                    colormap: Colormap, range: ClosedRange<Double>? = nil,
                                    interpolation: Interpolation = .nearest,
                                    missing: RGBA = RGBA(200, 200, 200)) {
        guard columns > 0, rows > 0, Self.cellCount(columns, rows) == values.count else { return }
        let (lo, hi) = Self.valueRange(values, range)
        let scale = hi > lo ? 1 / (hi - lo) : 0
        switch interpolation {
        case .nearest:
            let colors = values.map { $0.isFinite ? colormap.fastColor(at: ($0 - lo) * scale) : missing }
            drawColors(colors, columns: columns, rows: rows, in: rect, interpolation: .nearest)
        case .bilinear:
            // Interpolate the numbers, not the colours, so a diverging map passes through white.
            let normalized = values.map { $0.isFinite ? ($0 - lo) * scale : Double.nan }
            drawBilinearValues(normalized, columns: columns, rows: rows, in: rect,
                               colormap: colormap, missing: missing)
        }
    }

    /// `drawValues` for Float32 data (tensors hold Float). Disfavoured so that array literals
    /// pick the Double version.
    @_disfavoredOverload
    public mutating func drawValues(_ values: [Float], columns: Int, rows: Int, in rect: Rect,
                                    colormap: Colormap, range: ClosedRange<Double>? = nil,
                                    interpolation: Interpolation = .nearest,
                                    missing: RGBA = RGBA(200, 200, 200)) {
        drawValues(values.map(Double.init), columns: columns, rows: rows, in: rect,
                   colormap: colormap, range: range, interpolation: interpolation, missing: missing)
    }

    /// columns x rows, or -1 when the product overflows (so it never equals a real count).
    static func cellCount(_ columns: Int, _ rows: Int) -> Int {
        let (product, overflow) = columns.multipliedReportingOverflow(by: rows)
        return overflow ? -1 : product
    }

    /// The (lo, hi) used to normalise values: the given range, or the finite min...max, widened
    /// symmetrically when degenerate so a constant field shows the map's middle colour.
    static func valueRange(_ values: [Double], _ range: ClosedRange<Double>?) -> (Double, Double) {
        if let range, range.lowerBound.isFinite, range.upperBound.isFinite {
            return range.upperBound > range.lowerBound
                ? (range.lowerBound, range.upperBound)
                : (range.lowerBound - 0.5, range.lowerBound + 0.5)
        }
        var lo = Double.infinity, hi = -Double.infinity
        for v in values where v.isFinite { lo = min(lo, v); hi = max(hi, v) }
        if lo > hi { return (0, 1) }
        return hi > lo ? (lo, hi) : (lo - 0.5, lo + 0.5)
    }

    /// The destination pixels `rect` covers inside the clip, and for each the source column /
    /// row its centre falls in (nearest) or the fractional source coordinate (bilinear).
    private func sampling(_ rect: Rect, columns: Int, rows: Int)
        -> (box: PixelBox, u: [Double], v: [Double])? {
        guard !rect.isEmpty, rect.minX.isFinite, rect.minY.isFinite,
              rect.maxX.isFinite, rect.maxY.isFinite else { return nil }
        let box = pixelBox(for: rect, within: clip)
        guard !box.isEmpty else { return nil }
        let u = (box.minX..<box.maxX).map { (Double($0) + 0.5 - rect.minX) / rect.width * Double(columns) }
        let v = (box.minY..<box.maxY).map { (Double($0) + 0.5 - rect.minY) / rect.height * Double(rows) }
        return (box, u, v)
    }

    /// Draws a `rows` x `columns` grid of colours into `rect`.
    private mutating func drawColors(_ colors: [RGBA], columns: Int, rows: Int, in rect: Rect,
                                     interpolation: Interpolation) {
        guard let (box, u, v) = sampling(rect, columns: columns, rows: rows) else { return }
        let w = width
        pixels.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            for (j, y) in (box.minY..<box.maxY).enumerated() {
                var p = base + (y * w + box.minX) * 4
                for i in 0..<u.count {
                    let color: RGBA
                    switch interpolation {
                    case .nearest:
                        let sx = clampedInt(u[i], 0, columns - 1), sy = clampedInt(v[j], 0, rows - 1)
                        color = colors[sy * columns + sx]
                    case .bilinear:
                        color = Self.bilinear(colors, columns, rows, u[i] - 0.5, v[j] - 0.5)
                    }
                    Paint(color).blend(into: p, alpha: Int(color.a))
                    p += 4
                }
            }
        }
    }

    /// Bilinear interpolation of colours at fractional source position (x, y).
    private static func bilinear(_ c: [RGBA], _ columns: Int, _ rows: Int,
                                 _ x: Double, _ y: Double) -> RGBA {
        let cx = min(max(x, 0), Double(columns - 1)), cy = min(max(y, 0), Double(rows - 1))
        let x0 = Int(cx), y0 = Int(cy)
        let x1 = min(x0 + 1, columns - 1), y1 = min(y0 + 1, rows - 1)
        let fx = cx - Double(x0), fy = cy - Double(y0)
        let a = c[y0 * columns + x0], b = c[y0 * columns + x1]
        let d = c[y1 * columns + x0], e = c[y1 * columns + x1]
        func mix(_ p: UInt8, _ q: UInt8, _ r: UInt8, _ s: UInt8) -> UInt8 {
            let top = Double(p) + (Double(q) - Double(p)) * fx
            let bottom = Double(r) + (Double(s) - Double(r)) * fx
            return UInt8(min(255, max(0, (top + (bottom - top) * fy).rounded())))
        }
        return RGBA(mix(a.r, b.r, d.r, e.r), mix(a.g, b.g, d.g, e.g),
                    mix(a.b, b.b, d.b, e.b), mix(a.a, b.a, d.a, e.a))
    }

    /// Bilinear interpolation of normalised values, coloured after interpolating. A sample that
    /// touches a NaN takes its nearest cell's value (so gaps stay sharp-edged, not spreading).
    private mutating func drawBilinearValues(_ t: [Double], columns: Int, rows: Int, in rect: Rect,
                                             colormap: Colormap, missing: RGBA) {
        guard let (box, u, v) = sampling(rect, columns: columns, rows: rows) else { return }
        let w = width
        let lookup = colormap.lookup.map(Paint.init)
        let missingPaint = Paint(missing)
        // Per destination column: the two source columns and the weight between them.
        let x0s = u.map { Int(min(max($0 - 0.5, 0), Double(columns - 1))) }
        let x1s = x0s.map { min($0 + 1, columns - 1) }
        let fxs = zip(u, x0s).map { min(max($0 - 0.5, 0), Double(columns - 1)) - Double($1) }
        let nearestX = u.map { clampedInt($0, 0, columns - 1) }
        // rowValues: [columns] the source interpolated vertically to the current pixel row, so
        // each pixel needs only the horizontal step.
        var rowValues = [Double](repeating: 0, count: columns)
        pixels.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            for (j, y) in (box.minY..<box.maxY).enumerated() {
                let cy = min(max(v[j] - 0.5, 0), Double(rows - 1))
                let y0 = Int(cy), y1 = min(y0 + 1, rows - 1), fy = cy - Double(y0)
                for c in 0..<columns {
                    let above = t[y0 * columns + c]
                    rowValues[c] = above + (t[y1 * columns + c] - above) * fy
                }
                let nearestRow = clampedInt(v[j], 0, rows - 1) * columns
                var p = base + (y * w + box.minX) * 4
                for i in 0..<u.count {
                    let left = rowValues[x0s[i]]
                    var value = left + (rowValues[x1s[i]] - left) * fxs[i]
                    if value.isNaN { value = t[nearestRow + nearestX[i]] }
                    let paint = value.isNaN ? missingPaint : lookup[clampedInt(value * 255 + 0.5, 0, 255)]
                    paint.blend(into: p, alpha: paint.a)
                    p += 4
                }
            }
        }
    }
}
