/// Maps data points of a 3D chart to pixels in a rectangle of a raster, through a `Camera`.
///
/// The pipeline: data → the unit box (each axis's range mapped to −1...1, then stretched by the
/// box aspect, e.g. a flatter z) → scaled so the whole box fits the unit sphere → camera view
/// (right, up, depth) → pixels, with the scale chosen so the eight projected box corners fill
/// the rectangle (less a margin for labels) and y flipped to grow downwards. The scale depends
/// only on the box, the camera and the rectangle, never on the data inside the box, so frames of
/// an animation with fixed bounds do not jump.
public struct Projection: Sendable {
    /// A point on screen: pixel coordinates (`x` right, `y` down, raster space) and the depth
    /// along the view direction (larger is farther from the eye; used for painter's ordering).
    public struct ScreenPoint: Equatable, Sendable {
        public var x: Double
        public var y: Double
        public var depth: Double
    }

    /// The data range shown along each axis.
    public struct Bounds: Equatable, Sendable {
        public var x: ClosedRange<Double>
        public var y: ClosedRange<Double>
        public var z: ClosedRange<Double>

        /// Bounds from explicit ranges. Empty or non-finite ranges are widened to a usable span
        /// (a flat surface z = 0 still gets a z axis of −0.5...0.5).
        public init(x: ClosedRange<Double>, y: ClosedRange<Double>, z: ClosedRange<Double>) {
            self.x = Bounds.usable(x)
            self.y = Bounds.usable(y)
            self.z = Bounds.usable(z)
        }

        /// The smallest bounds that contain every finite point; non-finite points are ignored
        /// and an empty list gives −1...1 on every axis.
        public init(enclosing points: [Vector3]) {
            var lo = Vector3(.infinity, .infinity, .infinity)
            var hi = Vector3(-.infinity, -.infinity, -.infinity)
            for p in points where p.isFinite {
                lo = Vector3(min(lo.x, p.x), min(lo.y, p.y), min(lo.z, p.z))
                hi = Vector3(max(hi.x, p.x), max(hi.y, p.y), max(hi.z, p.z))
            }
            guard lo.x <= hi.x else {
                self.init(x: -1...1, y: -1...1, z: -1...1)
                return
            }
            self.init(x: lo.x...hi.x, y: lo.y...hi.y, z: lo.z...hi.z)
        }

        private static func usable(_ range: ClosedRange<Double>) -> ClosedRange<Double> {
            let lo = range.lowerBound, hi = range.upperBound
            guard lo.isFinite, hi.isFinite else { return -1...1 }
            if hi - lo > 1e-12 * max(1, abs(lo), abs(hi)) { return range }
            let pad = max(0.5, abs(lo) * 0.1)
            return (lo - pad)...(hi + pad)
        }

        /// The box's eight corners, in data coordinates: index bit 0 picks x, bit 1 y, bit 2 z
        /// (0 = lower bound, 1 = upper bound).
        public var corners: [Vector3] {
            (0..<8).map { i in
                Vector3(i & 1 == 0 ? x.lowerBound : x.upperBound,
                        i & 2 == 0 ? y.lowerBound : y.upperBound,
                        i & 4 == 0 ? z.lowerBound : z.upperBound)
            }
        }
    }

    public let camera: Camera
    public let bounds: Bounds
    /// Half-lengths of the drawn box along x, y, z before fitting the unit sphere; (1, 1, 0.75)
    /// draws a slightly flattened cube, as matplotlib does.
    public let boxAspect: Vector3
    /// The target rectangle in raster pixels.
    public let originX: Double, originY: Double, width: Double, height: Double

    /// Pixels per view unit, and the view-space point that lands at the rectangle's centre.
    private let scale: Double
    private let viewCentreX: Double, viewCentreY: Double

    /// A projection of `bounds` seen through `camera`, fitted into the rectangle
    /// (`originX`, `originY`, `width`, `height`) with `margin` pixels kept free on every side.
    public init(camera: Camera, bounds: Bounds, boxAspect: Vector3 = Vector3(1, 1, 0.75),
                originX: Double, originY: Double, width: Double, height: Double,
                margin: Double = 0) {
        self.camera = camera
        self.bounds = bounds
        let aspect = Vector3(max(abs(boxAspect.x), 0.05), max(abs(boxAspect.y), 0.05),
                             max(abs(boxAspect.z), 0.05))
        self.boxAspect = aspect.isFinite ? aspect : Vector3(1, 1, 0.75)
        self.originX = originX
        self.originY = originY
        self.width = max(width, 1)
        self.height = max(height, 1)
        var lo = (x: Double.infinity, y: Double.infinity)
        var hi = (x: -Double.infinity, y: -Double.infinity)
        let radius = self.boxAspect.length
        for corner in bounds.corners {
            let v = camera.view(Projection.unitBox(corner, bounds: bounds, aspect: self.boxAspect,
                                                   radius: radius))
            lo = (min(lo.x, v.x), min(lo.y, v.y))
            hi = (max(hi.x, v.x), max(hi.y, v.y))
        }
        let usableWidth = max(self.width - 2 * margin, 1)
        let usableHeight = max(self.height - 2 * margin, 1)
        scale = min(usableWidth / max(hi.x - lo.x, 1e-9), usableHeight / max(hi.y - lo.y, 1e-9))
        viewCentreX = (lo.x + hi.x) / 2
        viewCentreY = (lo.y + hi.y) / 2
    }

    /// Data point → point relative to the scene centre, inside the unit sphere.
    private static func unitBox(_ p: Vector3, bounds: Bounds, aspect: Vector3,
                                radius: Double) -> Vector3 {
        func unit(_ v: Double, _ r: ClosedRange<Double>) -> Double {
            (2 * (v - r.lowerBound) / (r.upperBound - r.lowerBound)) - 1
        }
        return Vector3(unit(p.x, bounds.x) * aspect.x / radius,
                       unit(p.y, bounds.y) * aspect.y / radius,
                       unit(p.z, bounds.z) * aspect.z / radius)
    }

    /// The point relative to the scene centre that the camera sees (scene inside the unit sphere).
    public func scenePoint(_ data: Vector3) -> Vector3 {
        Projection.unitBox(data, bounds: bounds, aspect: boxAspect, radius: boxAspect.length)
    }

    /// Where a data point lands on screen, with its depth.
    public func project(_ data: Vector3) -> ScreenPoint {
        let v = camera.view(scenePoint(data))
        return ScreenPoint(x: originX + width / 2 + (v.x - viewCentreX) * scale,
                           y: originY + height / 2 - (v.y - viewCentreY) * scale,
                           depth: v.z)
    }
}

extension Projection {
    /// The data point that `scenePoint` maps to `scene` (the inverse of the axis scaling).
    public func dataPoint(fromScene scene: Vector3) -> Vector3 {
        let radius = boxAspect.length
        func data(_ u: Double, _ aspect: Double, _ r: ClosedRange<Double>) -> Double {
            let unit = u * radius / aspect
            return r.lowerBound + (unit + 1) / 2 * (r.upperBound - r.lowerBound)
        }
        return Vector3(data(scene.x, boxAspect.x, bounds.x), data(scene.y, boxAspect.y, bounds.y),
                       data(scene.z, boxAspect.z, bounds.z))
    }

    /// The eye's position in data coordinates; for the orthographic lens, a point far along the
    /// view direction (what matters is which side of a plane the eye is on).
    public var eyeInData: Vector3 {
        dataPoint(fromScene: (camera.eyeDistance ?? 1e6) * camera.eyeDirection)
    }
}
