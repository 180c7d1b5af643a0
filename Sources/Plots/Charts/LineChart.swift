/// Several series as lines on shared axes. NaN and infinite values (and values ≤ 0 on a log
/// axis) are gaps; a point with gaps on both sides is drawn as a dot so it stays visible.
///
/// Long index-based series (more than 4 points per pixel column) are reduced to the first,
/// lowest, highest and last point of each column before drawing, which looks the same and keeps
/// live frames fast.
public struct LineChart: PlotLayer {
    /// The series, drawn in order; series i defaults to palette colour i.
    public var series: [LineSeries]

    /// A chart of `series`.
    public init(_ series: [LineSeries]) { self.series = series }

    /// One unlabelled series over 0, 1, 2, ...
    public init(ys: [Double], label: String? = nil) { self.series = [LineSeries(ys, label: label)] }

    func color(_ index: Int) -> RGBA { series[index].color ?? ClassPalette.color(index) }

    public func bounds(logY: Bool) -> DataBounds? {
        var result: DataBounds? = nil
        for s in series {
            let n = s.count
            var xLo = Double.infinity, xHi = -Double.infinity, yLo = Double.infinity, yHi = -Double.infinity
            for i in 0..<n {
                let x = s.x(i), y = s.ys[i]
                guard x.isFinite, y.isFinite, !logY || y > 0 else { continue }
                xLo = min(xLo, x); xHi = max(xHi, x); yLo = min(yLo, y); yHi = max(yHi, y)
            }
            guard xLo <= xHi else { continue }
            let b = DataBounds(x: xLo...xHi, y: yLo...yHi, padX: false, padY: true)
            result = result.map { $0.union(b) } ?? b
        }
        return result
    }

    public func draw(into raster: inout Raster, frame: AxesFrame, theme: Theme) {
        for (index, s) in series.enumerated() {
            let n = s.count
            guard n > 0 else { continue }
            var points: [Point] = []
            points.reserveCapacity(min(n, 8 * Int(frame.plotArea.width) + 8))
            if s.xs == nil && n > 4 * Int(frame.plotArea.width) {
                Self.decimate(s.ys, frame: frame, into: &points)
            } else {
                for i in 0..<n { points.append(frame.point(s.x(i), s.ys[i])) }
            }
            let c = color(index)
            raster.polyline(points, width: s.width, color: c, dash: s.dash)
            for i in points.indices where points[i].isFinite {
                let before = i == 0 || !points[i - 1].isFinite
                let after = i == points.count - 1 || !points[i + 1].isFinite
                if before && after { raster.fillCircle(center: points[i], radius: max(1.5, s.width), color: c) }
            }
        }
    }

    /// Per pixel column: first, min, max, last (in index order), gaps kept as NaN points.
    static func decimate(_ ys: [Double], frame: AxesFrame, into points: inout [Point]) {
        let indices = decimatedIndices(ys) { i in
            let p = frame.point(Double(i), ys[i])
            return p.isFinite ? clampedInt(p.x, -1 << 30, 1 << 30) : nil
        }
        for i in indices { points.append(frame.point(Double(i), ys[i])) }
    }

    /// The indices of `ys` a drawing keeps when many values share a column: per run of values
    /// in one column (`column(i)`), the first, lowest, highest and last, in index order. A value
    /// without a column (not finite) is kept as a gap and ends the run. Raster and text line
    /// charts decimate with it, each with its own columns.
    static func decimatedIndices(_ ys: [Double], column: (Int) -> Int?) -> [Int] {
        var kept: [Int] = []
        var current = Int.min
        var first = 0, last = 0, lowest = 0, highest = 0
        func flush() {
            guard current != Int.min else { return }
            kept.append(contentsOf: Set([first, lowest, highest, last]).sorted())
        }
        for i in ys.indices {
            guard let c = column(i) else { flush(); current = Int.min; kept.append(i); continue }
            if c != current {
                flush(); current = c; first = i; last = i; lowest = i; highest = i
            } else {
                last = i
                if ys[i] < ys[lowest] { lowest = i }
                if ys[i] > ys[highest] { highest = i }
            }
        }
        flush()
        return kept
    }

    public var legendEntries: [LegendEntry] {
        series.indices.compactMap { i in
            series[i].label.map { LegendEntry(label: $0, color: color(i),
                                              swatch: .line(width: series[i].width, dash: series[i].dash)) }
        }
    }
}
