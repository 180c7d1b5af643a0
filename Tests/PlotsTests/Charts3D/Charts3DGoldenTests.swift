import Foundation
import Testing
@testable import Plots

/// Golden pictures of the 3D surface and scatter charts (each at 360x240 as a 72x24 `Golden` picture).
@Suite struct Charts3DGoldenTests {
    static func cases() -> [(String, any Chart)] {
        let high = Camera(azimuth: -60, elevation: 55)
        return [
            ("surface-shaded", Surface3DTests.lossSurface(style: .shaded, camera: high)),
            ("surface-wireframe", Surface3DTests.lossSurface(style: .wireframe)),
            ("surface-perspective", Surface3DTests.lossSurface(
                camera: Camera(azimuth: 30, elevation: 40, lens: .perspective(fieldOfView: 50)))),
            ("scatter3d", Scatter3DTests.xorFeatures()),
            ("scatter3d-below", Scatter3DTests.xorFeatures(camera: Camera(azimuth: 200, elevation: -15))),
        ]
    }

    @Test func chartsMatchTheirGoldens() throws {
        for (name, chart) in Self.cases() {
            let raster = Figure.single(chart, title: name, width: 360, height: 240).render()
            try Golden.check(picture: raster, "charts3d/\(name).txt", columns: 72, rows: 24)
        }
    }
}
