/// A pair of numeric axes with layers drawn on them: the frame, nice ticks with labels, light
/// grid lines, axis labels, an optional log y axis, a legend for the layers that have one and a
/// colour bar for the first layer with a colour scale.
///
/// Layout, inside the given rect: y tick labels and the rotated y label on the left, x tick
/// labels and the x label below, a colour bar (if any) on the right; the plot area takes the
/// rest. Tick counts follow the plot area's size (about one per 40 px vertically, fewer when x
/// labels would collide). With no finite data at all the frame is drawn with "no data" in it.
public struct Axes: Chart {
    /// The layers, drawn in order (first at the bottom).
    public var layers: [any PlotLayer]
    /// The label under the x axis; nil for none.
    public var xLabel: String?
    /// The label left of the y axis, reading upwards; nil for none.
    public var yLabel: String?
    /// Fixed x extent; nil fits the data.
    public var xRange: ClosedRange<Double>?
    /// Fixed y extent; nil fits the data.
    public var yRange: ClosedRange<Double>?
    /// Base-10 log y axis; values ≤ 0 are gaps.
    public var logY: Bool
    /// Light grid lines at the ticks.
    public var grid: Bool
    /// Where the legend goes; nil hides it.
    public var legend: Legend.Placement?
    /// Fixed x ticks with their own labels (class names, layer names); nil picks nice ticks.
    /// Ticks outside the axis range are dropped; crowded labels are thinned to every k-th.
    public var customXTicks: [AxisTick]?
    /// Fixed y ticks with their own labels; nil picks nice ticks.
    public var customYTicks: [AxisTick]?
    /// One data unit is as long on x as on y (a circle of points looks round): the axis with
    /// room to spare gets a wider range, centred on the data. Ignored with a log y axis.
    public var equalAspect = false

    /// Axes showing `layers`; every option can also be changed afterwards.
    public init(_ layers: [any PlotLayer] = [], xLabel: String? = nil, yLabel: String? = nil,
                xRange: ClosedRange<Double>? = nil, yRange: ClosedRange<Double>? = nil,
                logY: Bool = false, grid: Bool = true, legend: Legend.Placement? = .best,
                customXTicks: [AxisTick]? = nil, customYTicks: [AxisTick]? = nil) {
        self.layers = layers; self.xLabel = xLabel; self.yLabel = yLabel
        self.xRange = xRange; self.yRange = yRange; self.logY = logY; self.grid = grid
        self.legend = legend
        self.customXTicks = customXTicks; self.customYTicks = customYTicks
    }

    /// A tick at `value` labelled `label`, for axes whose positions mean categories.
    public struct AxisTick: Sendable {
        public var value: Double
        public var label: String

        /// A tick at `value` labelled `label`.
        public init(_ value: Double, _ label: String) { self.value = value; self.label = label }
    }

    /// The custom ticks inside `scale`'s range, as a tick set.
    static func tickSet(_ custom: [AxisTick], _ scale: Scale) -> TickSet {
        let lo = min(scale.lower, scale.upper), hi = max(scale.lower, scale.upper)
        let inside = custom.filter { $0.value.isFinite && $0.value >= lo && $0.value <= hi }
        return TickSet(values: inside.map(\.value), labels: inside.map(\.label))
    }

    /// Ticks chosen for one axis: values, their labels, and pixel positions.
    struct TickSet {
        var values: [Double] = []
        var labels: [String] = []
    }

    /// The complete layout of the axes in a rect.
    struct Layout {
        var frame: AxesFrame
        var xTicks: TickSet
        var yTicks: TickSet
        var colorScale: ColorScale?
        var hasData: Bool
    }

    /// Where the plot area and scales land when drawn in `rect` (nil when `rect` is too small
    /// to hold any plot area).
    public func frame(in rect: Rect) -> AxesFrame? { layout(in: rect)?.frame }

    func layout(in rect: Rect) -> Layout? {
        guard equalAspect, !logY, let first = plainLayout(in: rect) else { return plainLayout(in: rect) }
        // Widen one axis so both have the same units per pixel, then lay out again with those
        // ranges (the tick labels may change width by a few pixels; close enough).
        let area = first.frame.plotArea
        let xs = first.frame.xScale, ys = first.frame.yScale
        let xPerPixel = (xs.upper - xs.lower) / area.width, yPerPixel = (ys.upper - ys.lower) / area.height
        guard xPerPixel.isFinite, yPerPixel.isFinite, xPerPixel > 0, yPerPixel > 0 else { return first }
        var fixed = self
        fixed.equalAspect = false
        if xPerPixel < yPerPixel {
            let half = yPerPixel * area.width / 2, mid = (xs.lower + xs.upper) / 2
            fixed.xRange = (mid - half)...(mid + half)
            fixed.yRange = ys.lower...ys.upper
        } else {
            let half = xPerPixel * area.height / 2, mid = (ys.lower + ys.upper) / 2
            fixed.yRange = (mid - half)...(mid + half)
            fixed.xRange = xs.lower...xs.upper
        }
        return fixed.plainLayout(in: rect) ?? first
    }

    /// The layout without the equal-aspect adjustment.
    private func plainLayout(in rect: Rect) -> Layout? {
        guard rect.minX.isFinite, rect.minY.isFinite, rect.maxX.isFinite, rect.maxY.isFinite else { return nil }
        let font = Font.small
        let lineHeight = Double(font.lineHeight)
        var bounds: DataBounds? = nil
        for layer in layers {
            guard let b = layer.bounds(logY: logY) else { continue }
            bounds = bounds.map { $0.union(b) } ?? b
        }
        let xDomain = Self.domain(fixed: xRange, data: bounds?.x, pad: bounds?.padX ?? false,
                                  log: false, fromZero: false)
        let yDomain = Self.domain(fixed: yRange, data: bounds?.y, pad: bounds?.padY ?? true,
                                  log: logY, fromZero: bounds?.yFromZero ?? false)
        let xScale = Scale(lower: xDomain.lowerBound, upper: xDomain.upperBound)
        let yScale = Scale(lower: yDomain.lowerBound, upper: yDomain.upperBound, isLog: logY)
        let colorScale = layers.lazy.compactMap(\.colorScale).first

        // A legend above the plot area takes a line of its own.
        let legendLine = legend?.isAbove == true && layers.contains { !$0.legendEntries.isEmpty }
            ? Legend.rowHeight + 2 : 0
        let top = (rect.minY + lineHeight / 2 + 1 + legendLine).rounded()
        let bottomMargin = 4 + 3 + lineHeight + (xLabel == nil ? 0 : lineHeight + 4) + 2
        let plotBottom = (rect.maxY - bottomMargin).rounded()
        let plotHeight = plotBottom - top
        guard plotHeight >= 8 else { return nil }

        var yTicks = TickSet()
        if let custom = customYTicks {
            yTicks = Self.tickSet(custom, yScale)
            let every = max(1, Int((Double(yTicks.values.count) * lineHeight / plotHeight).rounded(.up)))
            yTicks = Self.thinned(yTicks, every: every)
        } else if bounds != nil {
            yTicks.values = yScale.ticks(target: max(2, min(8, Int(plotHeight / 40))))
            yTicks.labels = yScale.labels(yTicks.values)
        }
        let yLabelWidth = Double(yTicks.labels.map { font.width(of: $0) }.max() ?? 0)
        let leftMargin = (yLabel == nil ? 2 : lineHeight + 6) + yLabelWidth + 4 + 4
        let colorBarWidth = colorScale.map { ColorBar.width(for: $0, height: plotHeight) } ?? 0
        let left = (rect.minX + leftMargin).rounded()
        let right = (rect.maxX - 8 - colorBarWidth).rounded()
        let plotWidth = right - left
        guard plotWidth >= 8 else { return nil }

        var xTicks = TickSet()
        if let custom = customXTicks {
            xTicks = Self.tickSet(custom, xScale)
            let widest = Double(xTicks.labels.map { font.width(of: $0) }.max() ?? 0)
            let spacing = plotWidth / Double(max(1, xTicks.values.count))
            xTicks = Self.thinned(xTicks, every: max(1, Int(((widest + 6) / spacing).rounded(.up))))
        } else if bounds != nil {
            var target = max(2, min(10, Int(plotWidth / 70)))
            while true {
                xTicks.values = xScale.ticks(target: target)
                xTicks.labels = xScale.labels(xTicks.values)
                let widest = Double(xTicks.labels.map { font.width(of: $0) }.max() ?? 0)
                let spacing = plotWidth / Double(max(1, xTicks.values.count - 1)) * 0.999
                if widest + 10 <= spacing || target <= 2 { break }
                target -= 1
            }
        }
        let plotArea = Rect(x: left, y: top, width: plotWidth, height: plotHeight)
        return Layout(frame: AxesFrame(plotArea: plotArea, xScale: xScale, yScale: yScale),
                      xTicks: xTicks, yTicks: yTicks, colorScale: colorScale, hasData: bounds != nil)
    }

    /// Every `every`-th tick, starting with the first.
    static func thinned(_ ticks: TickSet, every: Int) -> TickSet {
        guard every > 1 else { return ticks }
        let kept = stride(from: 0, to: ticks.values.count, by: every)
        return TickSet(values: kept.map { ticks.values[$0] }, labels: kept.map { ticks.labels[$0] })
    }

    /// The axis extent: the fixed range when usable, else the data's, widened and padded.
    static func domain(fixed: ClosedRange<Double>?, data: ClosedRange<Double>?, pad: Bool,
                       log: Bool, fromZero: Bool) -> ClosedRange<Double> {
        if let fixed, fixed.lowerBound.isFinite, fixed.upperBound.isFinite,
           fixed.upperBound > fixed.lowerBound, !log || fixed.lowerBound > 0 {
            return fixed
        }
        let base = fixed.flatMap { $0.lowerBound.isFinite && $0.upperBound.isFinite ? $0 : nil }
            ?? data ?? (log ? 1...10 : 0...1)
        return DataBounds.widened(base, pad: pad && fixed == nil, log: log, fromZero: fromZero)
    }

    /// Draws frame, grid, ticks, layers (clipped to the plot area), labels, legend and colour
    /// bar into `rect`.
    public func draw(into raster: inout Raster, in rect: Rect, theme: Theme) {
        guard let layout = layout(in: rect) else { return }
        let area = layout.frame.plotArea
        let font = Font.small
        raster.withClip(rect) { raster in
            raster.fillRect(area, color: theme.plotBackground)
            if grid {
                for v in layout.yTicks.values {
                    let y = crisp(layout.frame.pixelY(v))
                    raster.line(from: Point(area.minX, y), to: Point(area.maxX, y), color: theme.grid)
                }
                for v in layout.xTicks.values {
                    let x = crisp(layout.frame.pixelX(v))
                    raster.line(from: Point(x, area.minY), to: Point(x, area.maxY), color: theme.grid)
                }
            }
            raster.withClip(area) { raster in
                for layer in layers { layer.draw(into: &raster, frame: layout.frame, theme: theme) }
            }
            raster.strokeRect(Rect(x: area.minX - 1, y: area.minY - 1, width: area.width + 2,
                                   height: area.height + 2), color: theme.frame)
            for (v, label) in zip(layout.yTicks.values, layout.yTicks.labels) {
                let y = crisp(layout.frame.pixelY(v))
                raster.line(from: Point(area.minX - 5, y), to: Point(area.minX - 1, y), color: theme.frame)
                raster.drawText(label, x: area.minX - 7, y: y + 0.5, font: font, color: theme.text,
                                anchor: .right)
            }
            for (v, label) in zip(layout.xTicks.values, layout.xTicks.labels) {
                let x = crisp(layout.frame.pixelX(v))
                raster.line(from: Point(x, area.maxY + 1), to: Point(x, area.maxY + 5), color: theme.frame)
                // Keep edge labels inside the rect rather than clipped.
                let half = Double(font.width(of: label)) / 2
                let labelX = min(max(x + 0.5, rect.minX + half), rect.maxX - half)
                raster.drawText(label, x: labelX, y: area.maxY + 7, font: font, color: theme.text,
                                anchor: .top)
            }
            if let xLabel {
                raster.drawText(xLabel, x: area.midX, y: rect.maxY - 1, font: font, color: theme.text,
                                anchor: .bottom)
            }
            if let yLabel {
                raster.drawText(yLabel, x: rect.minX + 1, y: area.midY, font: font, color: theme.text,
                                anchor: .top, rotation: .up)
            }
            if !layout.hasData {
                raster.drawText("no data", x: area.midX, y: area.midY, font: font,
                                color: theme.mutedText, anchor: .center)
            }
            let entries = layers.flatMap(\.legendEntries)
            if !entries.isEmpty, let placement = legend, placement.isAbove {
                Legend.drawRow(entries, into: &raster, left: rect.minX + 2, right: area.maxX,
                               midY: area.minY - Legend.rowHeight / 2 - 3, theme: theme)
            } else if !entries.isEmpty, let placement = legend {
                let corner = placement.corner ?? Legend.emptiestCorner(for: entries, in: raster,
                                                                        plotArea: area, theme: theme)
                Legend.draw(entries, into: &raster, plotArea: area, corner: corner, theme: theme)
            }
            if let scale = layout.colorScale {
                ColorBar.draw(scale, into: &raster,
                              in: Rect(x: area.maxX + 1, y: area.minY, width: rect.maxX - area.maxX - 1,
                                       height: area.height), theme: theme)
            }
        }
    }

    /// The centre of the pixel containing `v`, so 1-pixel lines land on one pixel column/row.
    private func crisp(_ v: Double) -> Double {
        v.isFinite ? min(max(v, -1e6), 1e6).rounded(.down) + 0.5 : v
    }
}
