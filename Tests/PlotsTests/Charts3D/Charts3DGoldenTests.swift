import Foundation
import Testing
@testable import Plots

/// Golden pictures of the 3D surface and scatter charts (see `GoldenFile`).
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
        try GoldenFile.check(Self.cases(), stored: Charts3DGoldens.all, enumName: "Charts3DGoldens",
                             path: #filePath.replacingOccurrences(of: "Charts3DGoldenTests.swift",
                                                                  with: "Charts3DGoldens.swift"))
    }
}
