import Testing
@testable import Plots

@Suite struct DepthOrderTests {
    @Test func sceneDrawsFarthestFirstAndKeepsTiesInOrder() {
        var scene = ProjectionScene()
        let p = Point(x: 0, y: 0)
        scene.add(.dot(p, radius: 1, fill: RGBA(1, 0, 0), outline: nil), depth: 0.2)
        scene.add(.dot(p, radius: 2, fill: RGBA(2, 0, 0), outline: nil), depth: 0.9)
        scene.add(.dot(p, radius: 3, fill: RGBA(3, 0, 0), outline: nil), depth: 0.2)
        scene.add(.dot(p, radius: 4, fill: RGBA(4, 0, 0), outline: nil), depth: .nan)
        scene.add(.dot(p, radius: 5, fill: RGBA(5, 0, 0), outline: nil), depth: -3)
        let radii = scene.backToFront.map { item -> Double in
            if case .dot(_, let radius, _, _) = item.shape { return radius }
            return -1
        }
        #expect(radii == [2, 1, 3, 5])
    }

    @Test func pointBehindTheSurfaceSortsBeforeItAndPointInFrontAfter() {
        // A flat surface z = 0 over the square, seen from above at an angle: a point under it
        // is farther from the eye than the face above it, a point over it is nearer.
        let bounds = Projection.Bounds(x: -1...1, y: -1...1, z: -1...1)
        let projection = Projection(camera: Camera(azimuth: -60, elevation: 40), bounds: bounds,
                                    originX: 0, originY: 0, width: 100, height: 100)
        let mesh = Surface3DMesh(xs: [-0.2, 0.2], ys: [-0.2, 0.2], z: [[0, 0], [0, 0]],
                                 projection: projection)
        let face = mesh.quads[0].corners.map { projection.project($0).depth }.reduce(0, +) / 4
        #expect(projection.project(Vector3(0, 0, -0.5)).depth > face)
        #expect(projection.project(Vector3(0, 0, 0.5)).depth < face)
    }

    @Test func meshSkipsCellsWithNonFiniteCornersAndFindsNormals() {
        let bounds = Projection.Bounds(x: 0...2, y: 0...2, z: 0...1)
        let projection = Projection(camera: Camera(), bounds: bounds, boxAspect: Vector3(1, 1, 1),
                                    originX: 0, originY: 0, width: 50, height: 50)
        let z: [[Double]] = [[0, 0, 0], [0, 0, .nan], [0, 0, 0]]
        let mesh = Surface3DMesh(xs: [0, 1, 2], ys: [0, 1, 2], z: z, projection: projection)
        // 4 cells, the two touching the NaN at (i 2, j 1) are dropped.
        #expect(mesh.quads.map { [$0.i, $0.j] } == [[0, 0], [0, 1]])
        for quad in mesh.quads {
            #expect(abs(abs(quad.sceneNormal.z) - 1) < 1e-9)  // flat: normal along z
            #expect(quad.heightFraction == 0)
        }
        #expect(Surface3DMesh(xs: [0], ys: [0, 1], z: [[0], [0]], projection: projection)
            .quads.isEmpty)
    }

    @Test func slopeNormalLeansAgainstTheSlope() {
        // z = x rises along x, so the normal points toward −x and +z.
        let bounds = Projection.Bounds(x: 0...1, y: 0...1, z: 0...1)
        let projection = Projection(camera: Camera(), bounds: bounds, boxAspect: Vector3(1, 1, 1),
                                    originX: 0, originY: 0, width: 50, height: 50)
        let mesh = Surface3DMesh(xs: [0, 1], ys: [0, 1], z: [[0, 1], [0, 1]],
                                 projection: projection)
        let n = mesh.quads[0].sceneNormal
        #expect(abs(n.x + 0.5.squareRoot()) < 1e-9 && abs(n.z - 0.5.squareRoot()) < 1e-9)
        #expect(abs(n.y) < 1e-9)
        #expect(abs(mesh.quads[0].heightFraction - 0.5) < 1e-9)
    }
}
