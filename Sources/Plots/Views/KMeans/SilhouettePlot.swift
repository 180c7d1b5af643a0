/// The silhouette plot: every point's coefficient as a horizontal bar from 0, sorted within its
/// cluster, clusters stacked bottom to top with a gap, each in its cluster colour, and a dashed
/// line at the mean (the score). Long bars: points well inside their cluster; bars below 0:
/// points nearer another cluster.
public struct SilhouettePlot: PlotLayer {
    /// The coefficient of every point, [n].
    public var values: [Double]
    /// The cluster of every point, [n].
    public var labels: [Int]
    /// Rows of gap between clusters.
    let gap = 4.0

    public init(values: [Double], labels: [Int]) {
        self.values = values; self.labels = labels
    }

    /// (y position, value, cluster) of every bar, clusters in index order, values descending.
    var bars: [(y: Double, value: Double, cluster: Int)] {
        let clusters = Set(labels).sorted()
        var out: [(Double, Double, Int)] = []
        var y = gap
        for c in clusters {
            let sorted = labels.indices.filter { labels[$0] == c }.map { values[$0] }.sorted()
            for v in sorted {
                out.append((y, v, c))
                y += 1
            }
            y += gap
        }
        return out
    }

    /// The mean coefficient.
    public var score: Double { values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count) }

    public func bounds(logY: Bool) -> DataBounds? {
        guard !values.isEmpty else { return nil }
        let lo = Swift.min(0, values.min() ?? 0)
        return DataBounds(x: Swift.min(lo, -0.1)...1, y: 0...(Double(values.count) + gap * Double(Set(labels).count + 1)))
    }

    public func draw(into raster: inout Raster, frame: AxesFrame, theme: Theme) {
        let rowHeight = abs(frame.pixelY(0) - frame.pixelY(1))
        for bar in bars {
            let a = frame.point(0, bar.y), b = frame.point(bar.value, bar.y)
            raster.fillRect(Rect(x: Swift.min(a.x, b.x), y: a.y - Swift.max(1, rowHeight) / 2,
                                 width: abs(b.x - a.x), height: Swift.max(1, rowHeight)),
                            color: ClassPalette.color(bar.cluster))
        }
        let top = frame.yScale.upper, bottom = frame.yScale.lower
        raster.line(from: frame.point(score, bottom), to: frame.point(score, top), width: 1.5, color: theme.text, dash: [5, 3])
        raster.line(from: frame.point(0, bottom), to: frame.point(0, top), width: 1, color: theme.mutedText)
    }

    public var legendEntries: [LegendEntry] {
        [LegendEntry(label: "mean " + ViewFormat.value(score), color: RGBA(34, 34, 34), swatch: .line(width: 1.5, dash: [5, 3]))]
    }
}
