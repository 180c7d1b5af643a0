import Foundation
import Testing
@testable import Plots

/// Golden charts: each fixture rendered at 360x240 and compared as a 72x24 `Golden` picture
/// (Goldens/charts, made by this code and checked by eye against the PNG).
@Suite struct ChartGoldenTests {
    static let cases: [String] = ["lines", "loglines", "scatter", "boundary", "bars", "histogram", "empty"]

    static func chart(_ name: String) -> any Chart {
        switch name {
        case "lines": return ChartFixtures.lossCurves()
        case "loglines": return ChartFixtures.logLoss()
        case "scatter": return ChartFixtures.scatter()
        case "boundary": return ChartFixtures.decisionBoundary()
        case "bars": return ChartFixtures.bars()
        case "histogram": return ChartFixtures.histogram()
        default: return Axes([LineChart(ys: [])], xLabel: "x", yLabel: "y")
        }
    }

    @Test(arguments: cases)
    func chartMatchesItsGolden(_ name: String) throws {
        let raster = Figure.single(Self.chart(name), title: name, width: 360, height: 240).render()
        try Golden.check(picture: raster, "charts/\(name).txt", columns: 72, rows: 24)
    }
}
