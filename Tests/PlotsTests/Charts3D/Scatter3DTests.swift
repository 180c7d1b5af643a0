import Testing
@testable import Plots

@Suite struct Scatter3DTests {
    /// The XOR points at made-up hidden activations, and a plane between the classes.
    static func xorFeatures(camera: Camera = Camera()) -> Scatter3D {
        let points = [Vector3(0.1, 0.2, 0.15), Vector3(0.9, 0.3, 0.8), Vector3(0.2, 0.85, 0.7),
                      Vector3(0.8, 0.9, 0.2)]
        return Scatter3D(points: points, classes: [0, 1, 1, 0],
                         labels: ["(0,0)", "(0,1)", "(1,0)", "(1,1)"],
                         plane: Scatter3DPlane(normal: Vector3(0.3, 0.2, 1), offset: -0.75),
                         axisNames: ["h₁", "h₂", "h₃"], camera: camera,
                         bounds: Projection.Bounds(x: 0...1, y: 0...1, z: 0...1))
    }

    @Test func pointsOnTheFarSideOfThePlaneAreDimmed() {
        let chart = Self.xorFeatures()
        let rect = Rect(x: 0, y: 0, width: 320, height: 260)
        var raster = Raster(width: 320, height: 260, fill: Theme.light.background)
        chart.draw(into: &raster, in: rect)
        LookAt.save(raster, "charts-scatter3d")
        let projection = chart.projection(in: rect)
        let behind = chart.behindPlane(projection: projection)
        #expect(behind.contains(true) && behind.contains(false))
        for (i, p) in chart.points.enumerated() {
            let s = projection.project(p)
            let pixel = raster[Int(s.x), Int(s.y)]
            let pure = ClassPalette.color(chart.classes?[i] ?? 0)
            // A point in front shows its pure class colour; one behind is seen through the
            // translucent plane whenever it projects inside the plane's polygon.
            let polygon: [Point] = (chart.plane?.polygon(in: projection.bounds) ?? []).map { q in
                let screen = projection.project(q)
                return Point(screen.x, screen.y)
            }
            let covered = behind[i] && Self.inside(Point(s.x, s.y), polygon)
            #expect((pixel == pure) == !covered, "point \(i)")
        }
    }

    @Test(arguments: [Camera(azimuth: 30, elevation: 20), Camera(azimuth: 200, elevation: -15),
                      Camera(azimuth: -60, elevation: 30, lens: .perspective(fieldOfView: 50))])
    func otherViewsDraw(camera: Camera) {
        var raster = Raster(width: 240, height: 200, fill: Theme.light.background)
        Self.xorFeatures(camera: camera).draw(into: &raster, in: Rect(x: 0, y: 0, width: 240, height: 200))
        LookAt.save(raster, "charts-scatter3d-\(Int(camera.azimuth))")
        let colours = Set((0..<240).flatMap { x in (0..<200).map { y in raster[x, y] } })
        #expect(colours.contains(ClassPalette.color(0)) || colours.contains(ClassPalette.color(1)))
    }

    @Test func labelsOfNearbyPointsDoNotOverlap() {
        // Three points almost on top of each other: their labels take different corners and
        // never cover a marker.
        let chart = Scatter3D(points: [Vector3(0.5, 0.5, 0.5), Vector3(0.51, 0.5, 0.5),
                                       Vector3(0.5, 0.51, 0.5), Vector3(0, 0, 0), Vector3(1, 1, 1)],
                              labels: ["first", "second", "third", "", ""], stems: false)
        let projection = chart.projection(in: Rect(x: 0, y: 0, width: 240, height: 200))
        let boxes = chart.labelBoxes(projection: projection)
        #expect(boxes[3] == nil && boxes[4] == nil)
        let placed = boxes.compactMap { $0 }
        #expect(placed.count == 3)
        for (i, a) in placed.enumerated() {
            for b in placed[(i + 1)...] { #expect(a.intersection(b).isEmpty) }
            for p in chart.points {
                let s = projection.project(p)
                let marker = Rect(x: s.x - chart.pointRadius, y: s.y - chart.pointRadius,
                                  width: 2 * chart.pointRadius, height: 2 * chart.pointRadius)
                #expect(a.intersection(marker).isEmpty)
            }
        }
    }

    @Test func badInputIsNamed() {
        #expect(Scatter3D(points: []).problem == "no points with finite coordinates")
        #expect(Scatter3D(points: [Vector3(0, 0, 0)], classes: [1, 2]).problem
            == "2 classes for 1 points")
        #expect(Scatter3D(points: [Vector3(0, 0, 0)], labels: []).problem == "0 labels for 1 points")
    }

    /// Even-odd point-in-polygon test.
    static func inside(_ p: Point, _ polygon: [Point]) -> Bool {
        var result = false
        var j = polygon.count - 1
        for i in polygon.indices {
            let a = polygon[i], b = polygon[j]
            if (a.y > p.y) != (b.y > p.y), p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x {
                result.toggle()
            }
            j = i
        }
        return result
    }
}
