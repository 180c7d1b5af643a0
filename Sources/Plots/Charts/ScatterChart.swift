/// Points on shared axes, coloured by class with the class palette (or one colour), optionally
/// sized per point. Each marker has a thin ring in the plot background colour so points stay
/// visible over a heatmap and over each other.
///
/// Points with a non-finite coordinate are skipped. Sizes are radii in pixels, clamped to
/// 0.5...30; a missing or non-finite size uses `radius`. Negative class indices wrap the palette.
public struct ScatterChart: PlotLayer {
    /// The x coordinates (pairs beyond the shorter of xs/ys are ignored).
    public var xs: [Double]
    /// The y coordinates.
    public var ys: [Double]
    /// The class of each point (palette index); nil draws every point in `color`.
    public var classes: [Int]?
    /// Legend names for classes; class k is called `classNames[k]`, or "class k" without one.
    public var classNames: [String]?
    /// Per-point marker radii in pixels.
    public var sizes: [Double]?
    /// The colour when there are no classes; nil takes the first palette colour.
    public var color: RGBA?
    /// The default marker radius in pixels.
    public var radius: Double
    /// The legend label when there are no classes.
    public var label: String?

    /// Points at (`xs`, `ys`); see the properties for the options.
    public init(xs: [Double], ys: [Double], classes: [Int]? = nil, classNames: [String]? = nil,
                sizes: [Double]? = nil, color: RGBA? = nil, radius: Double = 3.5, label: String? = nil) {
        self.xs = xs; self.ys = ys; self.classes = classes; self.classNames = classNames
        self.sizes = sizes; self.color = color; self.radius = radius; self.label = label
    }

    var count: Int { min(xs.count, ys.count) }

    public func bounds(logY: Bool) -> DataBounds? {
        var xLo = Double.infinity, xHi = -Double.infinity, yLo = Double.infinity, yHi = -Double.infinity
        for i in 0..<count {
            let x = xs[i], y = ys[i]
            guard x.isFinite, y.isFinite, !logY || y > 0 else { continue }
            xLo = min(xLo, x); xHi = max(xHi, x); yLo = min(yLo, y); yHi = max(yHi, y)
        }
        guard xLo <= xHi else { return nil }
        return DataBounds(x: xLo...xHi, y: yLo...yHi, padX: true, padY: true)
    }

    func pointColor(_ i: Int) -> RGBA {
        if let classes, i < classes.count { return ClassPalette.color(classes[i]) }
        return color ?? ClassPalette.color(0)
    }

    public func draw(into raster: inout Raster, frame: AxesFrame, theme: Theme) {
        for i in 0..<count {
            let p = frame.point(xs[i], ys[i])
            guard p.isFinite else { continue }
            var r = radius
            if let sizes, i < sizes.count, sizes[i].isFinite { r = sizes[i] }
            r = min(30, max(0.5, r))
            raster.fillCircle(center: p, radius: r + 1, color: theme.plotBackground)
            raster.fillCircle(center: p, radius: r, color: pointColor(i))
        }
    }

    public var legendEntries: [LegendEntry] {
        guard let classes else {
            return label.map { [LegendEntry(label: $0, color: pointColor(0), swatch: .marker)] } ?? []
        }
        let present = Set(classes.prefix(count)).sorted()
        return present.map { k in
            let name = classNames.flatMap { k >= 0 && k < $0.count ? $0[k] : nil } ?? "class \(k)"
            return LegendEntry(label: name, color: ClassPalette.color(k), swatch: .marker)
        }
    }
}
