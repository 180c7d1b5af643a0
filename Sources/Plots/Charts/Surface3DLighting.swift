/// Lambert shading for the faces of a 3D surface: `ambient + diffuse · max(0, n · l)`.
///
/// The light is fixed to the camera (given in screen terms: right, up, toward the eye), so the
/// surface is lit the same way from every view angle; the default comes from the upper left,
/// over the viewer's shoulder, which is how people expect a relief to be lit. Faces are lit on
/// both sides: a face seen from below uses its flipped normal, so a surface viewed from under
/// does not turn black.
public struct Surface3DLighting: Equatable, Sendable {
    /// The direction towards the light in camera terms: x right, y up, z toward the eye.
    public var towardLight: Vector3
    /// Brightness of a face turned away from the light (0...1).
    public var ambient: Double
    /// Extra brightness of a face turned straight at the light; ambient + diffuse ≤ 1 keeps
    /// colours from saturating.
    public var diffuse: Double

    /// A light from `towardLight` (camera terms; normalised, zero falls back to the eye's
    /// direction) with brightness levels clamped to 0...1.
    public init(towardLight: Vector3 = Vector3(-0.4, 0.6, 0.7), ambient: Double = 0.45,
                diffuse: Double = 0.55) {
        let direction = towardLight.normalized
        self.towardLight = direction == .zero ? Vector3(0, 0, 1) : direction
        self.ambient = ambient.isFinite ? min(1, max(0, ambient)) : 0.45
        self.diffuse = diffuse.isFinite ? min(1, max(0, diffuse)) : 0.55
    }

    /// The light direction in scene (world) coordinates for `camera`.
    public func worldDirection(for camera: Camera) -> Vector3 {
        (towardLight.x * camera.screenRight + towardLight.y * camera.screenUp
            + towardLight.z * camera.eyeDirection).normalized
    }

    /// The brightness factor (ambient...ambient + diffuse) of a face with scene-space `normal`.
    /// A zero normal (a degenerate face) gets the ambient light only.
    public func intensity(normal: Vector3, camera: Camera) -> Double {
        var n = normal.normalized
        if n.dot(camera.eyeDirection) < 0 { n = -n }
        return ambient + diffuse * max(0, n.dot(worldDirection(for: camera)))
    }

    /// `color` darkened by `intensity` (alpha kept).
    public static func shade(_ color: RGBA, by intensity: Double) -> RGBA {
        let k = min(1, max(0, intensity))
        func channel(_ c: UInt8) -> UInt8 { UInt8((Double(c) * k).rounded()) }
        return RGBA(channel(color.r), channel(color.g), channel(color.b), color.a)
    }
}
