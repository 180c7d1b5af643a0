/// One line of a line chart.
public struct LineSeries: Sendable {
    /// The legend label; nil leaves the series out of the legend.
    public var label: String?
    /// The x values; nil means 0, 1, 2, ... (epochs, steps).
    public var xs: [Double]?
    /// The y values; NaN and infinity are gaps.
    public var ys: [Double]
    /// The colour; nil takes the class palette colour of the series' index.
    public var color: RGBA?
    /// The line width in pixels.
    public var width: Double
    /// Dash pattern in pixels (see `Raster.line`), nil for solid.
    public var dash: [Double]?

    /// A series through `ys` (at `xs`, or 0, 1, 2, ...).
    public init(_ ys: [Double], xs: [Double]? = nil, label: String? = nil, color: RGBA? = nil,
                width: Double = 1.5, dash: [Double]? = nil) {
        self.ys = ys; self.xs = xs; self.label = label; self.color = color
        self.width = width; self.dash = dash
    }

    /// How many points the series has: with xs given, pairs beyond the shorter array are
    /// ignored (builtins check lengths and report a mismatch before drawing).
    var count: Int { xs.map { min($0.count, ys.count) } ?? ys.count }

    @inline(__always)
    func x(_ i: Int) -> Double { xs?[i] ?? Double(i) }
}
