/// A plane `normal · p + offset = 0` in the data space of a 3D scatter, e.g. the decision plane
/// `w · h + b = 0` of a logistic regression on three hidden activations.
///
/// A plane splits space in two, which gives exact depth ordering for a scatter: a point on the
/// far side of the plane from the eye is hidden by it (when it is on screen inside the drawn
/// polygon), a point on the eye's side is not. So the chart draws far-side points, then the one
/// translucent polygon, then near-side points — no tiling, no seams.
public struct Scatter3DPlane: Equatable, Sendable {
    public var normal: Vector3
    public var offset: Double

    /// The plane `normal · p + offset = 0`.
    public init(normal: Vector3, offset: Double) {
        self.normal = normal
        self.offset = offset
    }

    /// The signed value `normal · p + offset` (zero on the plane).
    public func side(of point: Vector3) -> Double { normal.dot(point) + offset }

    /// True when the plane and `point` are usable (finite, non-zero normal).
    public var isValid: Bool { normal.isFinite && offset.isFinite && normal.length > 0 }

    /// The part of the plane inside the box, as a convex polygon in data coordinates (0, 3...6
    /// corners, in order around the polygon). Empty when the plane misses the box.
    public func polygon(in bounds: Projection.Bounds) -> [Vector3] {
        guard isValid else { return [] }
        let corners = bounds.corners
        // The 12 edges of the box: pairs of corners differing in exactly one bit.
        var points: [Vector3] = []
        for a in 0..<8 {
            for bit in [1, 2, 4] where a & bit == 0 {
                let p = corners[a], q = corners[a | bit]
                let sp = side(of: p), sq = side(of: q)
                if sp == 0 { points.append(p) }
                if sp * sq < 0 {
                    let t = sp / (sp - sq)
                    points.append(p + t * (q - p))
                }
            }
            // The last corner has no outgoing edge above; check whether it lies on the plane.
            if a == 7 && side(of: corners[7]) == 0 { points.append(corners[7]) }
        }
        // Duplicates arise when the plane passes through a corner.
        var unique: [Vector3] = []
        let scale = max(bounds.x.upperBound - bounds.x.lowerBound,
                        bounds.y.upperBound - bounds.y.lowerBound,
                        bounds.z.upperBound - bounds.z.lowerBound)
        for p in points where !unique.contains(where: { ($0 - p).length < 1e-9 * scale }) {
            unique.append(p)
        }
        guard unique.count >= 3 else { return [] }
        // Order around the centroid, by angle in a basis of the plane.
        let centre = (1 / Double(unique.count)) * unique.reduce(.zero, +)
        let n = normal.normalized
        let helper = abs(n.x) < 0.9 ? Vector3(1, 0, 0) : Vector3(0, 1, 0)
        let u = n.cross(helper).normalized
        let v = n.cross(u)
        return unique.sorted { a, b in
            let da = a - centre, db = b - centre
            return atan2Approx(da.dot(v), da.dot(u)) < atan2Approx(db.dot(v), db.dot(u))
        }
    }
}

/// `atan2` without Foundation in this file; the exact angle does not matter, only its order.
private func atan2Approx(_ y: Double, _ x: Double) -> Double {
    // Pseudo-angle in [0, 4): monotonic in the true angle, cheap and exact for ordering.
    let p = x / (abs(x) + abs(y) + .leastNonzeroMagnitude)
    return y >= 0 ? 1 - p : 3 + p
}
