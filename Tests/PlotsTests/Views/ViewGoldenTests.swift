import Foundation
import Testing
@testable import Plots
import Runtime

/// Golden compact pictures of the dashboards: each rendered small from fixed seeds and compared
/// as a `Golden` picture (Goldens/views), which a person looked at (as PNG) before freezing it.
@Suite struct ViewGoldenTests {
    static let columns = 100, rows = 36

    static func cases() throws -> [(String, Figure)] {
        let xor = try ViewFixtures.xor(hidden: 2, seed: 1, epochs: 8000, every: 100)
        let (train, test) = try ViewFixtures.data(.circle, n: 200)
        let model = try ViewFixtures.mlp([2, 4, 1], train: train, test: test, epochs: 30)
        return [
            ("xor-h2-dashboard", XORViews.dashboard(xor, width: 600, height: 360)),
            ("playground-circle-dashboard", PlaygroundViews.dashboard(model, train: train, test: test,
                                                                      width: 600, height: 360)),
        ]
    }

    @Test func dashboardsMatchTheirGoldens() throws {
        for (name, figure) in try Self.cases() {
            try Golden.check(picture: figure.render(), "views/\(name).txt", columns: Self.columns, rows: Self.rows)
        }
    }
}
