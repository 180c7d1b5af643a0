/// The line where a sampled field crosses one level — the 0.5 line of a probability field is
/// the decision boundary — found by marching squares and drawn on an `Axes`.
///
/// Limits: each grid cell is cut by straight segments between the crossing points on its edges
/// (linear interpolation along the edge), so the line is as smooth as the grid is fine; in a
/// saddle cell (corners alternate above/below) the two segments are paired one fixed way.
/// Cells with a non-finite corner are skipped.
public struct ContourLayer: PlotLayer {
    /// values: [rows, columns], row 0 at y = `y.lowerBound`, samples on both ends of each
    /// range (as `GridField` lays them out).
    public var values: [Double]
    /// Samples across and up.
    public var columns: Int
    public var rows: Int
    /// The data extents of the first and last samples on each axis.
    public var x: ClosedRange<Double>
    public var y: ClosedRange<Double>
    /// The value the line follows.
    public var level: Double
    /// The line's colour and width in pixels.
    public var color: RGBA
    public var width: Double
    /// The legend label; nil for none.
    public var label: String?

    /// The `level` line of `values` sampled at the corners of a `columns` x `rows` grid over
    /// `x` by `y`.
    public init(values: [Double], columns: Int, rows: Int, x: ClosedRange<Double>,
                y: ClosedRange<Double>, level: Double = 0.5, color: RGBA = RGBA(20, 20, 20),
                width: Double = 1.5, label: String? = nil) {
        self.values = values; self.columns = columns; self.rows = rows; self.x = x; self.y = y
        self.level = level; self.color = color; self.width = width; self.label = label
    }

    /// The segments of the line in data coordinates.
    public var segments: [(Point, Point)] {
        guard columns >= 2, rows >= 2, values.count == columns * rows, level.isFinite else { return [] }
        let dx = (x.upperBound - x.lowerBound) / Double(columns - 1)
        let dy = (y.upperBound - y.lowerBound) / Double(rows - 1)
        var result: [(Point, Point)] = []
        for i in 0..<(rows - 1) {
            for j in 0..<(columns - 1) {
                // corners counter-clockwise from bottom-left: v0 (j, i), v1 (j+1, i), v2 (j+1, i+1), v3 (j, i+1)
                let v = [values[i * columns + j], values[i * columns + j + 1],
                         values[(i + 1) * columns + j + 1], values[(i + 1) * columns + j]]
                guard v.allSatisfy(\.isFinite) else { continue }
                let corners = [Point(Double(j), Double(i)), Point(Double(j + 1), Double(i)),
                               Point(Double(j + 1), Double(i + 1)), Point(Double(j), Double(i + 1))]
                var crossings: [Point] = []
                for e in 0..<4 {
                    let a = v[e], b = v[(e + 1) % 4]
                    guard (a < level) != (b < level) else { continue }
                    let t = (level - a) / (b - a)
                    let p = corners[e], q = corners[(e + 1) % 4]
                    crossings.append(Point(x.lowerBound + (p.x + t * (q.x - p.x)) * dx,
                                           y.lowerBound + (p.y + t * (q.y - p.y)) * dy))
                }
                if crossings.count >= 2 { result.append((crossings[0], crossings[1])) }
                if crossings.count == 4 { result.append((crossings[2], crossings[3])) }
            }
        }
        return result
    }

    /// The grid's extent.
    public func bounds(logY: Bool) -> DataBounds? {
        guard x.lowerBound.isFinite, x.upperBound.isFinite, y.lowerBound.isFinite, y.upperBound.isFinite,
              !logY || y.lowerBound > 0 else { return nil }
        return DataBounds(x: x, y: y, padX: false, padY: false)
    }

    /// Draws every segment.
    public func draw(into raster: inout Raster, frame: AxesFrame, theme: Theme) {
        for (a, b) in segments {
            raster.line(from: frame.point(a.x, a.y), to: frame.point(b.x, b.y), width: width, color: color)
        }
    }

    /// One line entry when labelled.
    public var legendEntries: [LegendEntry] {
        guard let label else { return [] }
        return [LegendEntry(label: label, color: color, swatch: .line(width: width, dash: nil))]
    }
}
