import Foundation
import Testing
@testable import Plots

/// Golden charts: each fixture rendered at 360x240 and reduced to a 72x24 luminance picture,
/// compared with the picture stored in ChartGoldens.swift (made by this code and checked by eye
/// against the PNG once). To regenerate after a deliberate change: run with
/// NV_GOLDEN_OUT=/some/dir, look at the PNGs again, then `python3 tools/update_goldens.py DIR`.
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
        let art = LuminanceArt(raster, columns: 72, rows: 24)
        if let dir = ProcessInfo.processInfo.environment["NV_GOLDEN_OUT"] {
            try art.text.write(toFile: dir + "/\(name).txt", atomically: true, encoding: .utf8)
            LookAt.save(raster, "golden-" + name)
        }
        let golden = try #require(ChartGoldens.all[name], "no golden for \(name)")
        let differences = art.differences(from: LuminanceArt(text: golden))
        #expect(differences.isEmpty, "\(name): \(differences.count) cells differ, first at \(differences.prefix(5)); now:\n\(art.text)")
    }
}
