import Testing
@testable import Plots

@Suite struct CameraTests {
    private func close(_ a: Vector3, _ b: Vector3, tolerance: Double = 1e-9) -> Bool {
        (a - b).length < tolerance
    }

    @Test func frontViewLooksAlongMinusX() {
        let camera = Camera(azimuth: 0, elevation: 0)
        #expect(close(camera.eyeDirection, Vector3(1, 0, 0)))
        #expect(close(camera.view(Vector3(0, 1, 0)), Vector3(1, 0, 0)))   // +y is right
        #expect(close(camera.view(Vector3(0, 0, 1)), Vector3(0, 1, 0)))   // +z is up
        #expect(close(camera.view(Vector3(1, 0, 0)), Vector3(0, 0, -1)))  // +x is nearer
    }

    @Test func topViewHasMinusXUp() {
        let camera = Camera(azimuth: 0, elevation: 90)
        #expect(close(camera.view(Vector3(1, 0, 0)), Vector3(0, -1, 0)))
        #expect(close(camera.view(Vector3(0, 1, 0)), Vector3(1, 0, 0)))
        #expect(close(camera.view(Vector3(0, 0, 1)), Vector3(0, 0, -1)))
    }

    @Test func sideViewFromPlusY() {
        let camera = Camera(azimuth: 90, elevation: 0)
        #expect(close(camera.view(Vector3(-1, 0, 0)), Vector3(1, 0, 0)))
        #expect(close(camera.view(Vector3(0, 1, 0)), Vector3(0, 0, -1)))
    }

    @Test(arguments: [(-60.0, 30.0), (0, 0), (45, 60), (200, -20), (-135, 89), (10, 90)])
    func screenFrameIsOrthonormalAndRightHanded(azimuth: Double, elevation: Double) {
        let camera = Camera(azimuth: azimuth, elevation: elevation)
        let (r, u, e) = (camera.screenRight, camera.screenUp, camera.eyeDirection)
        for v in [r, u, e] { #expect(abs(v.length - 1) < 1e-9) }
        #expect(abs(r.dot(u)) < 1e-9 && abs(r.dot(e)) < 1e-9 && abs(u.dot(e)) < 1e-9)
        #expect(close(r.cross(u), e))
        #expect(abs(r.z) < 1e-12)  // the horizon stays horizontal
    }

    @Test func elevationIsClampedAndNonFiniteAnglesFallBack() {
        #expect(Camera(elevation: 120).elevation == 90)
        #expect(Camera(elevation: -400).elevation == -90)
        #expect(Camera(azimuth: .nan, elevation: .infinity) == Camera())
    }

    @Test func perspectiveShrinksFartherPoints() {
        let camera = Camera(azimuth: 0, elevation: 0, lens: .perspective(fieldOfView: 60))
        let near = camera.view(Vector3(0.5, 0.5, 0.5))   // x toward the eye
        let middle = camera.view(Vector3(0, 0.5, 0.5))
        let far = camera.view(Vector3(-0.5, 0.5, 0.5))
        #expect(abs(middle.x - 0.5) < 1e-9)  // the plane through the centre keeps its scale
        #expect(near.x > middle.x && middle.x > far.x)
        #expect(near.z < middle.z && middle.z < far.z)
        // The eye sits where the unit sphere just fills a 60° view: distance 1 / sin 30° = 2.
        #expect(abs((camera.eyeDistance ?? 0) - 2) < 1e-9)
    }
}
