/// Where an axes ended up: its plot area in pixels and the scales from data to it. Layers use
/// it to turn data into points.
public struct AxesFrame: Sendable {
    /// The inside of the axes, where data is drawn.
    public var plotArea: Rect
    /// Data x to position across the plot area.
    public var xScale: Scale
    /// Data y to position up the plot area.
    public var yScale: Scale

    /// A frame mapping the two scales onto `plotArea`.
    public init(plotArea: Rect, xScale: Scale, yScale: Scale) {
        self.plotArea = plotArea; self.xScale = xScale; self.yScale = yScale
    }

    /// The pixel x of data value `x` (NaN when it cannot be shown).
    @inline(__always)
    public func pixelX(_ x: Double) -> Double { plotArea.minX + xScale.position(x) * plotArea.width }

    /// The pixel y of data value `y`; y grows upwards in data, downwards in pixels.
    @inline(__always)
    public func pixelY(_ y: Double) -> Double { plotArea.maxY - yScale.position(y) * plotArea.height }

    /// The pixel position of data point (`x`, `y`); non-finite when it cannot be shown, which
    /// polylines treat as a gap.
    @inline(__always)
    public func point(_ x: Double, _ y: Double) -> Point { Point(pixelX(x), pixelY(y)) }
}
