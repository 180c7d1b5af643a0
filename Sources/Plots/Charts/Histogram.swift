import Foundation

/// Counts of values in equal-width bins, drawn as bars from zero.
///
/// Bins: as many as asked (clamped to 1...200), else the Freedman–Diaconis rule
/// (width = 2·IQR/n^⅓), falling back to Sturges (⌈log₂ n⌉ + 1) when the IQR is zero, clamped to
/// 1...100. Non-finite values are left out and counted in `skipped`; all-equal values get one
/// bin one unit wide around the value.
public struct Histogram: PlotLayer {
    /// edges: [bins + 1], ascending.
    public let edges: [Double]
    /// counts: [bins].
    public let counts: [Int]
    /// How many values were not finite and so not counted.
    public let skipped: Int
    /// The bar colour; nil takes the first palette colour.
    public var color: RGBA?
    /// The legend label; nil for none.
    public var label: String?

    /// Bins and counts `values`; `range` (if usable) fixes the binned extent, values outside
    /// it are not counted.
    public init(values: [Double], bins: Int? = nil, range: ClosedRange<Double>? = nil,
                color: RGBA? = nil, label: String? = nil) {
        self.color = color; self.label = label
        let finite = values.filter(\.isFinite)
        skipped = values.count - finite.count
        guard var lo = finite.min(), var hi = finite.max() else {
            edges = []; counts = []; return
        }
        if let range, range.lowerBound.isFinite, range.upperBound.isFinite,
           range.upperBound > range.lowerBound {
            lo = range.lowerBound; hi = range.upperBound
        }
        // A single value, or a span that underflows when halved, gets one unit around it.
        if !(hi / 2 - lo / 2 > 0) { let mid = lo / 2 + hi / 2; lo = mid - 0.5; hi = mid + 0.5 }
        let n = bins.map { min(200, max(1, $0)) } ?? Self.suggestedBins(finite, span: hi - lo)
        // Halved differences stay finite even for values near ±Double.greatestFiniteMagnitude.
        let halfSpan = hi / 2 - lo / 2
        edges = (0...n).map { i in
            let t = Double(i) / Double(n)
            return i == n ? hi : lo + halfSpan * t + halfSpan * t
        }
        var tally = [Int](repeating: 0, count: n)
        for v in finite where v >= lo && v <= hi {
            let t = (v / 2 - lo / 2) / halfSpan
            tally[clampedInt(t * Double(n), 0, n - 1)] += 1
        }
        counts = tally
    }

    /// Freedman–Diaconis bin count for `values` over `span`, Sturges when the IQR is 0.
    public static func suggestedBins(_ values: [Double], span: Double) -> Int {
        let n = values.count
        guard n > 1, span > 0 else { return 1 }
        let sorted = values.sorted()
        let q1 = sorted[Int(Double(n - 1) * 0.25)], q3 = sorted[Int(Double(n - 1) * 0.75)]
        let iqr = q3 - q1
        let sturges = Int(log2(Double(n)).rounded(.up)) + 1
        guard iqr > 0 else { return min(100, max(1, sturges)) }
        let width = 2 * iqr / pow(Double(n), 1.0 / 3.0)
        let count = (span / width).rounded(.up)
        return count.isFinite ? min(100, max(1, Int(min(count, 100)))) : 100
    }

    public func bounds(logY: Bool) -> DataBounds? {
        guard let first = edges.first, let last = edges.last, let top = counts.max() else { return nil }
        if logY {
            guard top > 0 else { return nil }
            let lowest = counts.filter { $0 > 0 }.min() ?? 1
            return DataBounds(x: first...last, y: Double(lowest) / 2...Double(top), padX: false, padY: true)
        }
        return DataBounds(x: first...last, y: 0...Double(max(top, 1)), padX: false, padY: true, yFromZero: true)
    }

    public func draw(into raster: inout Raster, frame: AxesFrame, theme: Theme) {
        let fill = color ?? ClassPalette.color(0)
        let base = frame.yScale.isLog ? frame.plotArea.maxY : frame.pixelY(0)
        for (i, count) in counts.enumerated() where count > 0 {
            let x0 = frame.pixelX(edges[i]), x1 = frame.pixelX(edges[i + 1])
            let top = frame.pixelY(Double(count))
            guard x0.isFinite, x1.isFinite, top.isFinite else { continue }
            let gap = x1 - x0 > 4 ? 1.0 : 0
            raster.fillRect(Rect(x: x0, y: top, width: max(0.5, x1 - x0 - gap), height: base - top), color: fill)
        }
    }

    public var legendEntries: [LegendEntry] {
        label.map { [LegendEntry(label: $0, color: color ?? ClassPalette.color(0), swatch: .box)] } ?? []
    }
}
