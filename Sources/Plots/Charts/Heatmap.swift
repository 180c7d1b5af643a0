/// A grid of values over a rectangle of data space, coloured by a colormap, with a colour bar:
/// a probability field under scatter points (decision boundaries), a loss surface, a matrix.
///
/// `values` is row-major, `rows` x `columns`, and row 0 is the BOTTOM row (y = y.lowerBound),
/// as when a field is computed with y increasing; each value fills one cell of
/// `(x.upperBound - x.lowerBound) / columns` by `(y.upperBound - y.lowerBound) / rows`.
/// A shape that does not match the count draws nothing (the layer reports no data); NaN cells
/// are drawn gray. On a log y axis the cells are placed by their log positions.
public struct Heatmap: PlotLayer {
    /// values: [rows, columns], row 0 at the bottom.
    public var values: [Double]
    /// Cells across.
    public var columns: Int
    /// Cells up.
    public var rows: Int
    /// The data x extent the grid covers.
    public var x: ClosedRange<Double>
    /// The data y extent the grid covers.
    public var y: ClosedRange<Double>
    /// The colours, from `range.lowerBound` to `range.upperBound`.
    public var colormap: Colormap
    /// The values at the colormap's two ends; nil uses the finite min...max.
    public var range: ClosedRange<Double>?
    /// Smooth (bilinear, default: probability fields) or blocky (nearest: matrices).
    public var interpolation: Interpolation
    /// The colour bar's label; nil for none.
    public var label: String?
    /// Whether the axes show a colour bar for this layer.
    public var showColorBar: Bool

    /// A heatmap of `values` (see the type's notes on shape and row order).
    public init(values: [Double], columns: Int, rows: Int, x: ClosedRange<Double>,
                y: ClosedRange<Double>, colormap: Colormap = .viridis, range: ClosedRange<Double>? = nil,
                interpolation: Interpolation = .bilinear, label: String? = nil, showColorBar: Bool = true) {
        self.values = values; self.columns = columns; self.rows = rows; self.x = x; self.y = y
        self.colormap = colormap; self.range = range; self.interpolation = interpolation
        self.label = label; self.showColorBar = showColorBar
    }

    var isValid: Bool {
        columns > 0 && rows > 0 && Raster.cellCount(columns, rows) == values.count
            && x.lowerBound.isFinite && x.upperBound.isFinite && y.lowerBound.isFinite && y.upperBound.isFinite
    }

    public func bounds(logY: Bool) -> DataBounds? {
        guard isValid, !logY || y.lowerBound > 0 else { return nil }
        return DataBounds(x: x, y: y, padX: false, padY: false)
    }

    public func draw(into raster: inout Raster, frame: AxesFrame, theme: Theme) {
        guard isValid else { return }
        // Flip so row 0 (bottom in data) becomes the last row drawn (bottom in pixels).
        var flipped: [Double] = []
        flipped.reserveCapacity(values.count)
        for row in stride(from: rows - 1, through: 0, by: -1) {
            flipped.append(contentsOf: values[(row * columns)..<((row + 1) * columns)])
        }
        let topLeft = frame.point(x.lowerBound, y.upperBound)
        let bottomRight = frame.point(x.upperBound, y.lowerBound)
        guard topLeft.isFinite, bottomRight.isFinite else { return }
        let (lo, hi) = Raster.valueRange(values, range)
        raster.drawValues(flipped, columns: columns, rows: rows,
                          in: Rect(x: topLeft.x, y: topLeft.y, width: bottomRight.x - topLeft.x,
                                   height: bottomRight.y - topLeft.y),
                          colormap: colormap, range: lo...hi, interpolation: interpolation)
    }

    public var colorScale: ColorScale? {
        guard showColorBar, isValid else { return nil }
        let (lo, hi) = Raster.valueRange(values, range)
        return ColorScale(colormap: colormap, range: lo...hi, label: label)
    }
}
