import Testing
@testable import Plots

/// Renders every chart fixture and saves it for a person to look at (NV_LOOK_DIR); the
/// assertions check that each chart actually put its data on the page.
@Suite struct ChartLookTests {
    static let charts: [(String, any Chart)] = [
        ("lines", ChartFixtures.lossCurves()), ("loglines", ChartFixtures.logLoss()),
        ("scatter", ChartFixtures.scatter()), ("boundary", ChartFixtures.decisionBoundary()),
        ("bars", ChartFixtures.bars()), ("histogram", ChartFixtures.histogram()),
        ("empty", Axes([LineChart(ys: [])], xLabel: "x", yLabel: "y")),
    ]

    @Test func renderEveryChart() {
        for (name, chart) in Self.charts {
            let raster = Figure.single(chart, title: name, width: 420, height: 300).render()
            LookAt.save(raster, "chart-" + name)
            #expect(raster.width == 420 && raster.height == 300)
        }
        LookAt.save(ChartFixtures.dashboard().render(), "dashboard")
    }
}
