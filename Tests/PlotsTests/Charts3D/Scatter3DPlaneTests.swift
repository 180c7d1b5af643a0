import Testing
@testable import Plots

@Suite struct Scatter3DPlaneTests {
    private let unit = Projection.Bounds(x: 0...1, y: 0...1, z: 0...1)

    private func isConvexAndOrdered(_ polygon: [Vector3], normal: Vector3) -> Bool {
        // Consecutive edge cross products all point the same way along the normal.
        let n = polygon.count
        let signs = (0..<n).map { i -> Double in
            let a = polygon[i], b = polygon[(i + 1) % n], c = polygon[(i + 2) % n]
            return (b - a).cross(c - b).dot(normal)
        }
        return signs.allSatisfy { $0 > 1e-12 } || signs.allSatisfy { $0 < -1e-12 }
    }

    @Test func horizontalPlaneCutsASquare() {
        let plane = Scatter3DPlane(normal: Vector3(0, 0, 1), offset: -0.25)
        let polygon = plane.polygon(in: unit)
        #expect(polygon.count == 4)
        for p in polygon { #expect(abs(p.z - 0.25) < 1e-12) }
        #expect(isConvexAndOrdered(polygon, normal: plane.normal))
    }

    @Test func diagonalPlaneCutsAHexagon() {
        let plane = Scatter3DPlane(normal: Vector3(1, 1, 1), offset: -1.5)
        let polygon = plane.polygon(in: unit)
        #expect(polygon.count == 6)
        for p in polygon { #expect(abs(plane.side(of: p)) < 1e-12) }
        #expect(isConvexAndOrdered(polygon, normal: plane.normal))
    }

    @Test func planeThroughACornerHasNoDuplicates() {
        let plane = Scatter3DPlane(normal: Vector3(1, 1, 1), offset: -1)  // through 3 corners
        let polygon = plane.polygon(in: unit)
        #expect(polygon.count == 3)
        #expect(isConvexAndOrdered(polygon, normal: plane.normal))
    }

    @Test func missesAndInvalidPlanesGiveNothing() {
        #expect(Scatter3DPlane(normal: Vector3(0, 0, 1), offset: 5).polygon(in: unit).isEmpty)
        #expect(Scatter3DPlane(normal: .zero, offset: 0).polygon(in: unit).isEmpty)
        #expect(Scatter3DPlane(normal: Vector3(.nan, 0, 1), offset: 0).polygon(in: unit).isEmpty)
    }

    @Test(arguments: [Camera(), Camera(azimuth: 120, elevation: -20),
                      Camera(azimuth: 10, elevation: 70, lens: .perspective(fieldOfView: 45))])
    func eyeSideDecidesWhatIsHidden(camera: Camera) {
        let projection = Projection(camera: camera, bounds: unit, originX: 0, originY: 0,
                                    width: 100, height: 100)
        // The round trip data -> scene -> data is exact.
        let p = Vector3(0.3, 0.9, 0.1)
        #expect((projection.dataPoint(fromScene: projection.scenePoint(p)) - p).length < 1e-12)
        // A point on the eye's side of a plane through the centre is nearer than its mirror.
        let plane = Scatter3DPlane(normal: Vector3(0.2, -0.5, 1), offset: -0.35)
        let eyeSide = plane.side(of: projection.eyeInData)
        let a = Vector3(0.5, 0.5, 0.5) + 0.2 * plane.normal
        let b = Vector3(0.5, 0.5, 0.5) - 0.2 * plane.normal
        let front = eyeSide * plane.side(of: a) > 0 ? a : b
        let back = front == a ? b : a
        #expect(projection.project(front).depth < projection.project(back).depth)
    }
}
