/// A point or direction in 3D space, used by the 3D charts (surface, scatter) and their camera.
///
/// Plain `Double`s rather than `SIMD3` so the maths reads like the formulas in the comments; a
/// 3D chart projects at most a few thousand points per frame, so speed is not the concern here.
public struct Vector3: Equatable, Hashable, Sendable {
    public var x: Double
    public var y: Double
    public var z: Double

    /// The vector (x, y, z).
    public init(_ x: Double, _ y: Double, _ z: Double) {
        self.x = x; self.y = y; self.z = z
    }

    /// The origin.
    public static let zero = Vector3(0, 0, 0)

    /// Component-wise sum.
    public static func + (a: Vector3, b: Vector3) -> Vector3 { Vector3(a.x + b.x, a.y + b.y, a.z + b.z) }
    /// Component-wise difference.
    public static func - (a: Vector3, b: Vector3) -> Vector3 { Vector3(a.x - b.x, a.y - b.y, a.z - b.z) }
    /// Scaling by a number.
    public static func * (s: Double, v: Vector3) -> Vector3 { Vector3(s * v.x, s * v.y, s * v.z) }
    /// The opposite direction.
    public static prefix func - (v: Vector3) -> Vector3 { Vector3(-v.x, -v.y, -v.z) }

    /// The dot product `a · b`.
    public func dot(_ other: Vector3) -> Double { x * other.x + y * other.y + z * other.z }

    /// The cross product `a × b` (right-handed).
    public func cross(_ other: Vector3) -> Vector3 {
        Vector3(y * other.z - z * other.y, z * other.x - x * other.z, x * other.y - y * other.x)
    }

    /// The Euclidean length.
    public var length: Double { dot(self).squareRoot() }

    /// The same direction with length 1; the zero vector stays zero (a degenerate quad has no
    /// normal, and dividing by zero would turn its shading into NaN).
    public var normalized: Vector3 {
        let l = length
        return l > 0 ? (1 / l) * self : .zero
    }

    /// True when all three components are finite (not NaN, not infinite).
    public var isFinite: Bool { x.isFinite && y.isFinite && z.isFinite }
}
