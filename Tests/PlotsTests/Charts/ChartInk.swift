import Foundation
import Testing
@testable import Plots

/// Looks for a chart's data in its rendered raster, at the pixels its axes map the data to:
/// line series through their values, markers at their points in their class colour, heatmap
/// cells in their colormap colour, histogram and bar lengths from their counts and values.
enum ChartInk {
    /// Records an issue for every piece of data `chart` should have drawn and did not.
    static func expectDataDrawn(_ chart: any Chart, in raster: Raster, chartArea: Rect, name: String) {
        for miss in misses(chart, in: raster, chartArea: chartArea) { Issue.record("\(name): \(miss)") }
    }

    /// What is missing from `raster`, where `chart` was drawn into `chartArea`.
    static func misses(_ chart: any Chart, in raster: Raster, chartArea: Rect) -> [String] {
        if let bars = chart as? BarChart { return barMisses(bars, raster) }
        guard let axes = chart as? Axes else { return ["no data check for \(type(of: chart))"] }
        guard let frame = axes.frame(in: chartArea) else { return ["the axes have no frame"] }
        if axes.layers.allSatisfy({ $0.bounds(logY: axes.logY) == nil }) {
            let area = frame.plotArea
            let centre = Rect(x: area.midX - 30, y: area.midY - 8, width: 60, height: 16)
            return count(raster, in: centre, Theme.light.mutedText) > 20 ? [] : ["no \"no data\" message"]
        }
        let markers = axes.layers.compactMap { $0 as? ScatterChart }.flatMap { scatter in
            (0..<scatter.count).map { frame.point(scatter.xs[$0], scatter.ys[$0]) }.filter(\.isFinite)
        }
        var found: [String] = []
        for layer in axes.layers {
            switch layer {
            case let lines as LineChart: found += lineMisses(lines, frame, raster)
            case let scatter as ScatterChart: found += scatterMisses(scatter, frame, raster)
            case let heatmap as Heatmap: found += heatmapMisses(heatmap, frame, raster, avoiding: markers)
            case let histogram as Histogram: found += histogramMisses(histogram, frame, raster)
            default: found.append("no data check for \(type(of: layer))")
            }
        }
        return found
    }

    /// Each series passes within 3 px of a dozen of its finite points, in its colour.
    static func lineMisses(_ chart: LineChart, _ frame: AxesFrame, _ raster: Raster) -> [String] {
        var found: [String] = []
        for (index, series) in chart.series.enumerated() {
            let step = max(1, series.count / 12)
            for i in stride(from: 0, to: series.count, by: step) {
                let p = frame.point(series.x(i), series.ys[i])
                guard p.isFinite else { continue }
                if !hasInk(raster, near: p, chart.color(index), within: 3) {
                    found.append("series \(index) does not pass through point \(i) at \(p)")
                }
            }
        }
        return found
    }

    /// Every marker no later marker covers has its class colour at its centre; most are checked.
    static func scatterMisses(_ chart: ScatterChart, _ frame: AxesFrame, _ raster: Raster) -> [String] {
        let points = (0..<chart.count).map { frame.point(chart.xs[$0], chart.ys[$0]) }
        var found: [String] = [], checked = 0
        for i in points.indices where points[i].isFinite {
            let covered = points[(i + 1)...].contains { distance($0, points[i]) < 2 * chart.radius + 2 }
            if covered { continue }
            checked += 1
            if !hasInk(raster, near: points[i], chart.pointColor(i), within: 1) {
                found.append("no marker of point \(i) at \(points[i])")
            }
        }
        if checked < points.count / 2 { found.append("only \(checked) of \(points.count) markers could be checked") }
        return found
    }

    /// Cell centres (every third cell each way, away from markers) have the colormap colour of
    /// their value, within the blending of neighbouring cells.
    static func heatmapMisses(_ chart: Heatmap, _ frame: AxesFrame, _ raster: Raster, avoiding markers: [Point]) -> [String] {
        let finite = chart.values.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { return ["no finite heatmap values"] }
        let range = chart.range ?? low...high
        let cellWidth = (chart.x.upperBound - chart.x.lowerBound) / Double(chart.columns)
        let cellHeight = (chart.y.upperBound - chart.y.lowerBound) / Double(chart.rows)
        var found: [String] = [], checked = 0
        for row in stride(from: 1, to: chart.rows, by: 3) {
            for column in stride(from: 1, to: chart.columns, by: 3) {
                let p = frame.point(chart.x.lowerBound + (Double(column) + 0.5) * cellWidth,
                                    chart.y.lowerBound + (Double(row) + 0.5) * cellHeight)
                if markers.contains(where: { distance($0, p) < 10 }) { continue }
                checked += 1
                let value = chart.values[row * chart.columns + column]
                let expected = chart.colormap.color(at: (value - range.lowerBound) / (range.upperBound - range.lowerBound))
                let actual = raster[Int(p.x), Int(p.y)]
                if colorDistance(actual, expected) > 24 {
                    found.append("cell (\(column), \(row)) is \(actual), expected about \(expected)")
                }
            }
        }
        if checked < 20 { found.append("only \(checked) heatmap cells could be checked") }
        return found
    }

    /// Each bar wider than 3 px is filled up to its count and not above it.
    static func histogramMisses(_ chart: Histogram, _ frame: AxesFrame, _ raster: Raster) -> [String] {
        let fill = chart.color ?? ClassPalette.color(0)
        var found: [String] = []
        for (i, count) in chart.counts.enumerated() where count > 0 {
            let x0 = frame.pixelX(chart.edges[i]), x1 = frame.pixelX(chart.edges[i + 1])
            guard x1 - x0 > 3 else { continue }
            let x = Int((x0 + x1) / 2), top = frame.pixelY(Double(count)), base = frame.pixelY(0)
            if raster[x, Int((top + base) / 2)] != fill { found.append("bin \(i) is not filled") }
            if top - 2 > frame.plotArea.minY && raster[x, Int(top - 2)] == fill {
                found.append("bin \(i) is filled above its count \(count)")
            }
        }
        return found
    }

    /// One horizontal bar per positive value, in value order from the top, each as long as its
    /// value (relative to the longest), the highlighted one in the palette's second colour.
    static func barMisses(_ chart: BarChart, _ raster: Raster) -> [String] {
        let plain = chart.color ?? ClassPalette.color(0), highlight = ClassPalette.color(1)
        func run(_ y: Int) -> (length: Int, highlighted: Bool) {
            var best = 0, current = 0, highlighted = false
            for x in 0..<raster.width {
                let c = raster[x, y]
                if c == plain || c == highlight { current += 1; best = max(best, current); highlighted = highlighted || c == highlight } else { current = 0 }
            }
            return (best, highlighted)
        }
        var bands: [(length: Int, highlighted: Bool)] = []
        var inBand = false
        for y in 0..<raster.height {
            let r = run(y)
            if r.length >= 2 {
                if !inBand { bands.append(r) } else if r.length > bands[bands.count - 1].length { bands[bands.count - 1] = r }
                inBand = true
            } else {
                inBand = false
            }
        }
        let shown = chart.values.indices.filter { chart.values[$0].isFinite && chart.values[$0] > 0 }
        guard bands.count == shown.count else { return ["\(bands.count) bars drawn for \(shown.count) positive values"] }
        let longest = Double(bands.map(\.length).max() ?? 0)
        let largest = shown.map { chart.values[$0] }.max() ?? 1
        var found: [String] = []
        for (band, index) in zip(bands, shown) {
            let expected = longest * chart.values[index] / largest
            if abs(Double(band.length) - expected) > 2 {
                found.append("bar \(index) is \(band.length) px, expected \(Int(expected))")
            }
            if band.highlighted != (index == chart.highlight) { found.append("bar \(index) has the wrong colour") }
        }
        return found
    }

    static func hasInk(_ raster: Raster, near p: Point, _ color: RGBA, within radius: Int) -> Bool {
        let cx = Int(p.x), cy = Int(p.y)
        for y in max(0, cy - radius)...min(raster.height - 1, cy + radius) {
            for x in max(0, cx - radius)...min(raster.width - 1, cx + radius) where raster[x, y] == color {
                return true
            }
        }
        return false
    }

    static func count(_ raster: Raster, in rect: Rect, _ color: RGBA) -> Int {
        var n = 0
        for y in Int(rect.minY)..<Int(rect.maxY) { for x in Int(rect.minX)..<Int(rect.maxX) where raster[x, y] == color { n += 1 } }
        return n
    }

    static func distance(_ a: Point, _ b: Point) -> Double { ((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)).squareRoot() }

    static func colorDistance(_ a: RGBA, _ b: RGBA) -> Int {
        max(abs(Int(a.r) - Int(b.r)), abs(Int(a.g) - Int(b.g)), abs(Int(a.b) - Int(b.b)))
    }
}
