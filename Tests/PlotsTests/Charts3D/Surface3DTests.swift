import Foundation
import Testing
@testable import Plots

@Suite struct Surface3DTests {
    /// A bowl with a ridge, and a gradient-descent-like path spiralling into its minimum.
    static func lossSurface(style: Surface3D.Style = .shaded, camera: Camera = Camera()) -> Surface3D {
        var chart = Surface3D(x: -2...2, y: -2...2, samples: 24, style: style) { x, y in
            0.5 * (x * x + y * y) + 0.6 * sin(2 * x) * cos(y)
        }
        var point = Vector3(1.8, -1.7, 0)
        var path: [Vector3] = []
        for _ in 0..<40 {
            let (x, y) = (point.x, point.y)
            point.z = 0.5 * (x * x + y * y) + 0.6 * sin(2 * x) * cos(y)
            path.append(point)
            let gx = x + 1.2 * cos(2 * x) * cos(y), gy = y - 0.6 * sin(2 * x) * sin(y)
            point = Vector3(x - 0.08 * gx, y - 0.08 * gy, 0)
        }
        chart.path = path
        chart.axisNames = ["w₁", "w₂", "loss"]
        chart.camera = camera
        return chart
    }

    @Test(arguments: [("shaded", Surface3D.Style.shaded), ("wireframe", .wireframe)])
    func rendersSurfacePathAndAxes(name: String, style: Surface3D.Style) {
        var raster = Raster(width: 360, height: 280, fill: Theme.light.background)
        // Seen from higher up than the default, so the valley floor with the path's end is
        // not hidden behind the near slope.
        let chart = Self.lossSurface(style: style, camera: Camera(azimuth: -60, elevation: 55))
        chart.draw(into: &raster, in: Rect(x: 0, y: 0, width: 360, height: 280))
        LookAt.save(raster, "charts-surface-\(name)")
        // The end marker of the path is drawn in the path colour at its projected place.
        let end = chart.projection(in: Rect(x: 0, y: 0, width: 360, height: 280))
            .project(chart.path[chart.path.count - 1])
        #expect(raster[Int(end.x), Int(end.y)] == chart.pathColor)
    }

    @Test func pathBehindAHillIsHidden() {
        // A tall ridge along y = 0 and a path along the floor at y = −1.5: seen from −y the
        // path is in front of the ridge, seen from +y the ridge hides it.
        var chart = Surface3D(x: -1...1, y: -2...2, samples: 21) { _, y in 2 * exp(-8 * y * y) }
        chart.path = (0...10).map { k in Vector3(-0.8 + 0.16 * Double(k), -1.5, 0.01) }
        chart.pathColor = RGBA(255, 0, 255)
        func magentaPixels(from azimuth: Double) -> Int {
            var c = chart
            c.camera = Camera(azimuth: azimuth, elevation: 10)
            var raster = Raster(width: 200, height: 160, fill: .white)
            c.draw(into: &raster, in: Rect(x: 0, y: 0, width: 200, height: 160))
            LookAt.save(raster, "charts-surface-ridge-\(Int(azimuth))")
            return raster.pixels.indices.filter { $0 % 4 == 0 }.filter { i in
                raster.pixels[i] > 200 && raster.pixels[i + 1] < 60 && raster.pixels[i + 2] > 200
            }.count
        }
        let front = magentaPixels(from: -90)  // eye on −y: the path is in front of the ridge
        let behind = magentaPixels(from: 90)   // eye on +y: the ridge hides the path
        #expect(front > 60)
        #expect(behind < front / 4)
    }

    @Test func namedEndMarkersStayInFrontOfAHill() {
        // The ridge of the test above hides the path from +y; with the start/end legend the
        // two markers it names are still drawn, over the ridge, and the legend is drawn too.
        var chart = Surface3D(x: -1...1, y: -2...2, samples: 21) { _, y in 2 * exp(-8 * y * y) }
        chart.path = (0...10).map { k in Vector3(-0.8 + 0.16 * Double(k), -1.5, 0.01) }
        chart.pathColor = RGBA(255, 0, 255)
        chart.camera = Camera(azimuth: 90, elevation: 10)
        let rect = Rect(x: 0, y: 0, width: 300, height: 240)
        func endPixel(legend: Bool) -> (RGBA, Int) {
            var c = chart
            c.pathLegend = legend
            var raster = Raster(width: 300, height: 240, fill: .white)
            c.draw(into: &raster, in: rect)
            let end = c.projection(in: rect).project(chart.path[chart.path.count - 1])
            let magenta = raster.pixels.indices.filter { $0 % 4 == 0 }.filter { i in
                raster.pixels[i] > 200 && raster.pixels[i + 1] < 60 && raster.pixels[i + 2] > 200
            }.count
            return (raster[Int(end.x.rounded()), Int(end.y.rounded())], magenta)
        }
        let (hidden, without) = endPixel(legend: false)
        let (shown, with) = endPixel(legend: true)
        #expect(hidden != RGBA(255, 0, 255))
        #expect(shown == RGBA(255, 0, 255))
        #expect(with > without + 40)
    }

    @Test(arguments: [
        (Surface3D(xs: [0], ys: [0, 1], z: [[0], [0]]), "a surface needs at least 2x2 grid points, got 1x2"),
        (Surface3D(xs: [0, 1], ys: [0, 1], z: [[0, 0]]), "z has 1 rows, expected 2 (one per y value)"),
        (Surface3D(xs: [0, 1], ys: [0, 1], z: [[0, 0], [0]]), "z row 1 has 1 values, expected 2 (one per x value)"),
        (Surface3D(xs: [0, 1], ys: [0, 1], z: [[.nan, .nan], [.nan, .nan]]), "no finite heights to draw"),
    ])
    func badGridsAreNamed(chart: Surface3D, message: String) {
        #expect(chart.problem == message)
        var raster = Raster(width: 300, height: 60, fill: .white)
        chart.draw(into: &raster, in: Rect(x: 0, y: 0, width: 300, height: 60))
        #expect(raster.pixels.contains { $0 < 200 })
    }

    @Test func niceTicks() {
        #expect(ProjectionAxisBox.ticks(in: 0...1, count: 4) == [0, 0.5, 1])
        #expect(ProjectionAxisBox.ticks(in: 0...1, count: 6) == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(ProjectionAxisBox.ticks(in: -2...2, count: 4) == [-2, -1, 0, 1, 2])
        #expect(ProjectionAxisBox.ticks(in: 3...3, count: 4).isEmpty)
        #expect(ProjectionAxisBox.tickLabel(-0.4, step: 0.2) == "−0.4")
        #expect(ProjectionAxisBox.tickLabel(20, step: 10) == "20")
    }
}
