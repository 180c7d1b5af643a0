/// Points drawn as rings (a hollow marker in the class colour with a dark outline), so a second
/// set of points — the test set over the training set — reads as different at a glance and in
/// grayscale. Points with a non-finite coordinate are skipped.
public struct RingScatter: PlotLayer {
    /// The coordinates (pairs beyond the shorter array are ignored).
    public var xs: [Double]
    public var ys: [Double]
    /// The class of each point (palette index); nil draws every point in the first colour.
    public var classes: [Int]?
    /// The ring radius in pixels.
    public var radius: Double
    /// The legend label; nil for none.
    public var label: String?

    /// Rings at (`xs`, `ys`) coloured by `classes`.
    public init(xs: [Double], ys: [Double], classes: [Int]? = nil, radius: Double = 4, label: String? = nil) {
        self.xs = xs; self.ys = ys; self.classes = classes; self.radius = radius; self.label = label
    }

    /// The finite extent of the points, padded like a scatter.
    public func bounds(logY: Bool) -> DataBounds? {
        var xLo = Double.infinity, xHi = -Double.infinity, yLo = Double.infinity, yHi = -Double.infinity
        for i in 0..<min(xs.count, ys.count) where xs[i].isFinite && ys[i].isFinite && (!logY || ys[i] > 0) {
            xLo = min(xLo, xs[i]); xHi = max(xHi, xs[i]); yLo = min(yLo, ys[i]); yHi = max(yHi, ys[i])
        }
        guard xLo <= xHi, yLo <= yHi else { return nil }
        return DataBounds(x: xLo...xHi, y: yLo...yHi, padX: true, padY: true)
    }

    /// Each point: a dark outer ring, then the class-coloured ring inside it.
    public func draw(into raster: inout Raster, frame: AxesFrame, theme: Theme) {
        let outline = theme.text
        for i in 0..<min(xs.count, ys.count) where xs[i].isFinite && ys[i].isFinite {
            let center = frame.point(xs[i], ys[i])
            let color = ClassPalette.color(classes.flatMap { $0.indices.contains(i) ? $0[i] : nil } ?? 0)
            raster.strokeCircle(center: center, radius: radius + 1, color: outline, lineWidth: 1)
            raster.strokeCircle(center: center, radius: radius - 0.5, color: color, lineWidth: 2)
        }
    }

    /// One marker entry when labelled.
    public var legendEntries: [LegendEntry] {
        guard let label else { return [] }
        return [LegendEntry(label: label, color: RGBA(90, 90, 90), swatch: .ring)]
    }
}
