import Foundation
import Testing
@testable import Plots

/// Awkward charts drawn for a person to look at (NV_LOOK_DIR): small panels, big and tiny
/// numbers, many series, long labels, negative bars. The assertion only checks that every
/// panel drew something besides the background.
@Suite struct ChartStressLookTests {
    @Test func awkwardChartsStillDraw() {
        let big = Axes([LineChart(ys: (0..<50).map { 1e6 + 3e4 * sin(Double($0) / 5) })], xLabel: "x", yLabel: "big")
        let tiny = Axes([ScatterChart(xs: (0..<30).map { Double($0) * 1e-6 }, ys: (0..<30).map { cos(Double($0)) * 1e-5 })])
        let many = Axes([LineChart((0..<12).map { k in
            LineSeries((0..<40).map { Double($0) * Double(k + 1) / 10 }, label: "series number \(k) with a long name")
        })])
        let negative = BarChart(labels: ["w₁", "w₂", "a very long feature name indeed", "bias"],
                                values: [0.8, -1.3, 0.25, -0.05], xLabel: "weight")
        let logHist = Axes([Histogram(values: (1...400).map { pow(Double($0), 1.8) }, bins: 30)], logY: true)
        let constant = Axes([LineChart(ys: [0.5, 0.5, 0.5])], xLabel: "epoch", yLabel: "accuracy")
        let figure = Figure.grid(rows: 2, columns: 3, panels: [
            Panel(big, title: "around a million"), Panel(tiny, title: "micro"), Panel(many, title: "12 series"),
            Panel(negative, title: "signed bars"), Panel(logHist, title: "log counts"),
            Panel(constant, title: "a very long panel title that cannot possibly fit in a small panel"),
        ], title: "stress", width: 900, height: 420)
        let raster = figure.render()
        LookAt.save(raster, "stress")
        let layout = GridLayout(width: 900, height: 420, rows: 2, columns: 3,
                                panels: (0..<6).map { _ in Panel(nil, title: "t") }, hasTitle: true)
        for slot in layout.slots {
            let area = slot.chartArea
            var ink = 0
            for y in stride(from: Int(area.minY), to: Int(area.maxY), by: 2) {
                for x in stride(from: Int(area.minX), to: Int(area.maxX), by: 2)
                where raster[x, y] != Theme.light.background && raster[x, y] != Theme.light.plotBackground { ink += 1 }
            }
            #expect(ink > 100, "panel \(slot.panelIndex) drew something")
        }
    }
}
