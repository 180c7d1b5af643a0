import Testing
@testable import Plots

@Suite struct ProjectionTests {
    private let bounds = Projection.Bounds(x: 0...10, y: -1...1, z: 100...200)

    @Test(arguments: [(-60.0, 30.0), (0, 0), (30, 10), (135, 45), (-90, 90)])
    func boxCornersFillTheRectangle(azimuth: Double, elevation: Double) {
        for lens in [Camera.Lens.orthographic, .perspective(fieldOfView: 50)] {
            let p = Projection(camera: Camera(azimuth: azimuth, elevation: elevation, lens: lens),
                               bounds: bounds, originX: 20, originY: 10, width: 200, height: 100,
                               margin: 5)
            let points = bounds.corners.map(p.project)
            let xs = points.map(\.x), ys = points.map(\.y)
            let (minX, maxX) = (xs.min() ?? 0, xs.max() ?? 0)
            let (minY, maxY) = (ys.min() ?? 0, ys.max() ?? 0)
            #expect(minX >= 25 - 1e-6 && maxX <= 215 + 1e-6)
            #expect(minY >= 15 - 1e-6 && maxY <= 105 + 1e-6)
            // Fitted tightly: one dimension spans the whole usable size, centred.
            let fillsWidth = abs((maxX - minX) - 190) < 1e-6
            let fillsHeight = abs((maxY - minY) - 90) < 1e-6
            #expect(fillsWidth || fillsHeight)
            #expect(abs((minX + maxX) / 2 - 120) < 1e-6 && abs((minY + maxY) / 2 - 60) < 1e-6)
        }
    }

    @Test func frontViewMapsAxesToScreenDirections() {
        let p = Projection(camera: Camera(azimuth: 0, elevation: 0), bounds: bounds,
                           boxAspect: Vector3(1, 1, 1), originX: 0, originY: 0,
                           width: 100, height: 100)
        let centre = p.project(Vector3(5, 0, 150))
        #expect(abs(centre.x - 50) < 1e-9 && abs(centre.y - 50) < 1e-9)
        // y is right, z is up on screen (pixel y grows downward), x only changes depth.
        let right = p.project(Vector3(5, 1, 150))
        let top = p.project(Vector3(5, 0, 200))
        let nearer = p.project(Vector3(10, 0, 150))
        #expect(abs(right.x - 100) < 1e-9 && abs(right.y - 50) < 1e-9)
        #expect(abs(top.x - 50) < 1e-9 && abs(top.y) < 1e-9)
        #expect(abs(nearer.x - 50) < 1e-9 && nearer.depth < centre.depth)
    }

    @Test func nearestCornerFacesTheEye() {
        // Default view: eye toward (+x, −y, +z), so the corner (xmax, ymin, zmax) is nearest
        // and (xmin, ymax, zmin) farthest.
        let p = Projection(camera: Camera(), bounds: bounds, originX: 0, originY: 0,
                           width: 100, height: 100)
        let depths = bounds.corners.map { p.project($0).depth }
        let nearest = depths.indices.min { depths[$0] < depths[$1] }
        let farthest = depths.indices.max { depths[$0] < depths[$1] }
        #expect(nearest == 1 | 0 | 4)   // x upper, y lower, z upper
        #expect(farthest == 2)          // x lower, y upper, z lower
    }

    @Test func degenerateAndNonFiniteBoundsAreWidened() {
        let flat = Projection.Bounds(x: 3...3, y: -.infinity...1, z: 0...0)
        #expect(flat.x.upperBound > flat.x.lowerBound)
        #expect(flat.y == -1...1)
        #expect(flat.z == -0.5...0.5)
        let enclosing = Projection.Bounds(enclosing: [Vector3(1, 2, 3), Vector3(.nan, 0, 0),
                                                      Vector3(-1, 5, 4)])
        #expect(enclosing.x == -1...1 && enclosing.y == 2...5 && enclosing.z == 3...4)
        #expect(Projection.Bounds(enclosing: []).x == -1...1)
    }

    @Test func sceneFitsTheUnitSphere() {
        let p = Projection(camera: Camera(), bounds: bounds, boxAspect: Vector3(2, 1, 0.5),
                           originX: 0, originY: 0, width: 10, height: 10)
        let radii = bounds.corners.map { p.scenePoint($0).length }
        for r in radii { #expect(abs(r - 1) < 1e-9) }
    }
}
