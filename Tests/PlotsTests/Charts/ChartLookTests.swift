import Foundation
import Testing
@testable import Plots

/// Renders every chart fixture and saves it for a person to look at (NV_LOOK_DIR); the
/// assertions check that each chart actually put its data on the page: every layer's data is
/// looked for where the axes map it (ChartInk holds the per-layer checks).
@Suite struct ChartLookTests {
    static let charts: [(String, any Chart)] = [
        ("lines", ChartFixtures.lossCurves()), ("loglines", ChartFixtures.logLoss()),
        ("scatter", ChartFixtures.scatter()), ("boundary", ChartFixtures.decisionBoundary()),
        ("bars", ChartFixtures.bars()), ("histogram", ChartFixtures.histogram()),
        ("empty", Axes([LineChart(ys: [])], xLabel: "x", yLabel: "y")),
    ]
    static let width = 420, height = 300

    @Test func renderEveryChart() {
        let chartArea = GridLayout(width: Self.width, height: Self.height, rows: 1, columns: 1,
                                   panels: [Panel(nil)], hasTitle: true).slots[0].chartArea
        for (name, chart) in Self.charts {
            let raster = Figure.single(chart, title: name, width: Self.width, height: Self.height).render()
            LookAt.save(raster, "chart-" + name)
            #expect(raster.width == Self.width && raster.height == Self.height)
            ChartInk.expectDataDrawn(chart, in: raster, chartArea: chartArea, name: name)
        }
        LookAt.save(ChartFixtures.dashboard().render(), "dashboard")
    }

    /// The checks can fail: a chart drawn without its data layers does not pass them.
    @Test func aChartWithoutItsDataFailsTheChecks() {
        let chartArea = GridLayout(width: Self.width, height: Self.height, rows: 1, columns: 1,
                                   panels: [Panel(nil)], hasTitle: true).slots[0].chartArea
        for (name, chart) in Self.charts where name != "empty" {
            guard let axes = chart as? Axes else { continue }
            var bare = axes
            // The same axes (same ranges, ticks and legend) with the data layers drawing nothing.
            bare.layers = axes.layers.map { HiddenLayer(base: $0) }
            let raster = Figure.single(bare, title: name, width: Self.width, height: Self.height).render()
            let misses = ChartInk.misses(axes, in: raster, chartArea: chartArea)
            #expect(!misses.isEmpty, "\(name): the checks found data that was not drawn")
        }
    }

    /// The checks can fail on wrong data too: each fixture is checked against a raster of the
    /// same chart drawn from altered data.
    @Test func aChartWithWrongDataFailsTheChecks() throws {
        let chartArea = GridLayout(width: Self.width, height: Self.height, rows: 1, columns: 1,
                                   panels: [Panel(nil)], hasTitle: true).slots[0].chartArea
        var lines = ChartFixtures.lossCurves()
        var curves = try #require(lines.layers[0] as? LineChart)
        curves.series[0].ys.reverse()
        lines.layers[0] = curves
        var scatter = ChartFixtures.scatter()
        var points = try #require(scatter.layers[0] as? ScatterChart)
        points.classes = points.classes?.map { ($0 + 1) % 3 }
        scatter.layers[0] = points
        var boundary = ChartFixtures.decisionBoundary()
        var field = try #require(boundary.layers[0] as? Heatmap)
        field.values = field.values.map { 1 - $0 }
        boundary.layers[0] = field
        var bars = ChartFixtures.bars()
        bars.highlight = 5
        var histogram = ChartFixtures.histogram()
        histogram.layers[0] = Histogram(values: (0..<500).map { Double($0 % 50) / 100 - 0.25 })
        let altered: [(String, any Chart, any Chart)] = [
            ("lines", ChartFixtures.lossCurves(), lines), ("scatter", ChartFixtures.scatter(), scatter),
            ("boundary", ChartFixtures.decisionBoundary(), boundary), ("bars", ChartFixtures.bars(), bars),
            ("histogram", ChartFixtures.histogram(), histogram),
        ]
        for (name, original, wrong) in altered {
            let raster = Figure.single(wrong, title: name, width: Self.width, height: Self.height).render()
            let misses = ChartInk.misses(original, in: raster, chartArea: chartArea)
            #expect(!misses.isEmpty, "\(name): the checks accepted a chart of other data")
        }
    }
}

/// A layer with another's bounds, legend and colour bar that draws nothing.
private struct HiddenLayer: PlotLayer {
    let base: any PlotLayer
    func bounds(logY: Bool) -> DataBounds? { base.bounds(logY: logY) }
    func draw(into raster: inout Raster, frame: AxesFrame, theme: Theme) {}
    var legendEntries: [LegendEntry] { base.legendEntries }
    var colorScale: ColorScale? { base.colorScale }
}
