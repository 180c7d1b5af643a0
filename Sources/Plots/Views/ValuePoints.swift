/// Points coloured by a number through a colormap (a regression's targets on its fitted
/// surface), each with a dark outline so a point stays visible on a field of its own colour.
/// Points with a non-finite coordinate are skipped; a non-finite value is drawn gray.
public struct ValuePoints: PlotLayer {
    /// The coordinates (pairs beyond the shorter array are ignored).
    public var xs: [Double], ys: [Double]
    /// The value of each point, coloured by `colormap` over `range`.
    public var values: [Double]
    public var colormap: Colormap
    public var range: ClosedRange<Double>
    /// The marker radius in pixels; `hollow` draws rings (test points) instead of dots.
    public var radius: Double
    public var hollow: Bool
    /// The legend label; nil for none.
    public var label: String?

    /// Points at (`xs`, `ys`) coloured by `values`.
    public init(xs: [Double], ys: [Double], values: [Double], colormap: Colormap, range: ClosedRange<Double>,
                radius: Double = 3, hollow: Bool = false, label: String? = nil) {
        self.xs = xs; self.ys = ys; self.values = values; self.colormap = colormap; self.range = range
        self.radius = radius; self.hollow = hollow; self.label = label
    }

    public func bounds(logY: Bool) -> DataBounds? {
        ScatterChart(xs: xs, ys: ys).bounds(logY: logY)
    }

    func color(_ i: Int) -> RGBA {
        guard i < values.count, values[i].isFinite else { return RGBA(160, 160, 160) }
        let span = range.upperBound - range.lowerBound
        return colormap.color(at: span > 0 ? (values[i] - range.lowerBound) / span : 0.5)
    }

    public func draw(into raster: inout Raster, frame: AxesFrame, theme: Theme) {
        for i in 0..<min(xs.count, ys.count) where xs[i].isFinite && ys[i].isFinite {
            let p = frame.point(xs[i], ys[i])
            guard p.isFinite else { continue }
            if hollow {
                raster.strokeCircle(center: p, radius: radius + 1, color: theme.text, lineWidth: 1)
                raster.strokeCircle(center: p, radius: radius - 0.5, color: color(i), lineWidth: 2)
            } else {
                raster.fillCircle(center: p, radius: radius + 1, color: theme.text)
                raster.fillCircle(center: p, radius: radius, color: color(i))
            }
        }
    }

    public var legendEntries: [LegendEntry] {
        guard let label else { return [] }
        return [LegendEntry(label: label, color: colormap.color(at: 1), swatch: .marker)]
    }
}
