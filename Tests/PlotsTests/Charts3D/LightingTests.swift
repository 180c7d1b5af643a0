import Testing
@testable import Plots

@Suite struct LightingTests {
    @Test func lambertFollowsTheCosineOfTheAngleToTheLight() {
        let camera = Camera(azimuth: 0, elevation: 0)
        // Light straight from the eye (+x in the world for this camera).
        let light = Surface3DLighting(towardLight: Vector3(0, 0, 1), ambient: 0.2, diffuse: 0.8)
        #expect(abs(light.intensity(normal: Vector3(1, 0, 0), camera: camera) - 1.0) < 1e-9)
        #expect(abs(light.intensity(normal: Vector3(0, 0, 1), camera: camera) - 0.2) < 1e-9)
        let tilted = light.intensity(normal: Vector3(1, 0, 1), camera: camera)
        #expect(abs(tilted - (0.2 + 0.8 * 0.5.squareRoot())) < 1e-9)
    }

    @Test func backFacesAreLitLikeTheirFront() {
        let camera = Camera(azimuth: 0, elevation: 0)
        let light = Surface3DLighting(towardLight: Vector3(0, 0, 1), ambient: 0.2, diffuse: 0.8)
        #expect(light.intensity(normal: Vector3(-1, 0, 0), camera: camera)
            == light.intensity(normal: Vector3(1, 0, 0), camera: camera))
        // A degenerate face gets the ambient light, not NaN.
        #expect(light.intensity(normal: .zero, camera: camera) == 0.2)
    }

    @Test func lightTurnsWithTheCamera() {
        let light = Surface3DLighting()
        for azimuth in stride(from: -180.0, through: 180, by: 45) {
            let camera = Camera(azimuth: azimuth, elevation: 30)
            let w = light.worldDirection(for: camera)
            #expect(abs(w.dot(camera.eyeDirection) - light.towardLight.z) < 1e-9)
            #expect(abs(w.dot(camera.screenUp) - light.towardLight.y) < 1e-9)
        }
    }

    @Test(arguments: [(1.0, RGBA(200, 100, 50, 128)), (0.5, RGBA(100, 50, 25, 128)),
                      (0.0, RGBA(0, 0, 0, 128)), (7.0, RGBA(200, 100, 50, 128))])
    func shadeScalesChannelsAndKeepsAlpha(intensity: Double, expected: RGBA) {
        #expect(Surface3DLighting.shade(RGBA(200, 100, 50, 128), by: intensity) == expected)
    }
}
