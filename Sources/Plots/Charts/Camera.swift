import Foundation

/// Where a 3D chart is looked at from: an azimuth and an elevation around the scene centre, and a
/// lens (orthographic or perspective).
///
/// The conventions are matplotlib's `view_init(elev, azim)`, so a learner who has seen those
/// plots gets the view they expect: z is up, the azimuth turns the eye counter-clockwise around z
/// starting from the +x axis, and the elevation lifts it above the xy-plane. With azimuth 0 and
/// elevation 0 the eye sits on +x, the screen's right is +y and its up is +z; with elevation 90
/// it looks straight down, the screen's right is +y and its up is −x.
public struct Camera: Equatable, Sendable {
    /// How depth changes the picture.
    public enum Lens: Equatable, Sendable {
        /// Parallel projection: sizes do not shrink with distance (the default; axis ticks and
        /// grid lines stay evenly spaced, which reads better on a small chart).
        case orthographic
        /// A pinhole camera whose field of view (in degrees, clamped to 5...150) just contains
        /// the unit sphere around the scene centre. Wider angles exaggerate depth.
        case perspective(fieldOfView: Double)
    }

    /// Degrees counter-clockwise around the z axis, starting at +x.
    public var azimuth: Double { didSet { updateFrame() } }
    /// Degrees above the xy-plane, clamped to −90...90 (beyond the poles the up vector flips).
    public var elevation: Double { didSet { updateFrame() } }
    public var lens: Lens

    /// The unit vector from the scene centre towards the eye.
    public private(set) var eyeDirection = Vector3(1, 0, 0)
    /// The unit vector that points to the right on screen (always horizontal in the world).
    public private(set) var screenRight = Vector3(0, 1, 0)
    /// The unit vector that points up on screen: `eye × right`, so (right, up, eye) is a
    /// right-handed frame.
    public private(set) var screenUp = Vector3(0, 0, 1)

    /// matplotlib's default view (azimuth −60°, elevation 30°), orthographic.
    public init(azimuth: Double = -60, elevation: Double = 30, lens: Lens = .orthographic) {
        self.azimuth = azimuth.isFinite ? azimuth : -60
        self.elevation = elevation.isFinite ? min(90, max(-90, elevation)) : 30
        self.lens = lens
        updateFrame()
    }

    /// Computes the eye, right and up vectors from the angles, once per change rather than
    /// for every point projected (a 30x30 surface projects thousands of points a frame).
    private mutating func updateFrame() {
        let a = azimuth * .pi / 180, e = elevation * .pi / 180
        eyeDirection = Vector3(cos(e) * cos(a), cos(e) * sin(a), sin(e))
        screenRight = Vector3(-sin(a), cos(a), 0)
        screenUp = eyeDirection.cross(screenRight)
    }

    /// The distance from the scene centre to the eye, in units of the scene's bounding sphere
    /// (radius 1). `nil` for the orthographic lens, whose eye is infinitely far.
    public var eyeDistance: Double? {
        switch lens {
        case .orthographic:
            return nil
        case .perspective(let fieldOfView):
            let degrees = fieldOfView.isFinite ? min(150, max(5, fieldOfView)) : 40
            // The eye sees the unit sphere tangent to its view cone: sin(fov/2) = 1 / distance.
            return 1 / sin(degrees * .pi / 360)
        }
    }

    /// Maps a point given relative to the scene centre (scene fits the unit sphere) to view
    /// coordinates: `x` to the right, `y` up (both before any pixel scaling), and `z` the depth,
    /// growing away from the eye. For the orthographic lens depth is `−p·eye`; for the
    /// perspective lens it is the distance along the view axis and x, y are divided by it
    /// (scaled so the plane through the centre keeps its size).
    public func view(_ point: Vector3) -> Vector3 {
        let right = point.dot(screenRight)
        let up = point.dot(screenUp)
        let towardEye = point.dot(eyeDirection)
        guard let distance = eyeDistance else {
            return Vector3(right, up, -towardEye)
        }
        // Points are inside the unit sphere and distance > 1, so depth stays positive.
        let depth = distance - towardEye
        let scale = distance / max(depth, 1e-6)
        return Vector3(right * scale, up * scale, depth)
    }
}
