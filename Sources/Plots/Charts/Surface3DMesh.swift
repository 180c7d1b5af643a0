/// The faces of a surface z = f(x, y) sampled on a grid, ready for shading and depth sorting.
///
/// The grid is `xs` (nx values) by `ys` (ny values) with heights `z[j][i]` at `(xs[i], ys[j])`;
/// each cell between four neighbouring samples becomes one quad. A cell with a non-finite corner
/// is left out, so NaN or infinity in the data shows as a hole rather than a spike.
public struct Surface3DMesh: Sendable {
    /// One grid cell.
    public struct Quad: Sendable {
        /// The corners in data coordinates, going round the cell:
        /// (i, j), (i+1, j), (i+1, j+1), (i, j+1).
        public var corners: [Vector3]
        /// The cell's mean height mapped to 0...1 over the z range of the bounds (for colouring).
        public var heightFraction: Double
        /// The face normal in scene space (after the projection's axis scaling), unit length;
        /// zero for a degenerate cell.
        public var sceneNormal: Vector3
        /// Grid position of the cell's first corner.
        public var i: Int, j: Int
    }

    public let quads: [Quad]

    /// Builds the quads of the grid; rows of `z` shorter than `xs` or missing rows are treated
    /// as holes (the chart validates shapes before this and reports them to the user).
    public init(xs: [Double], ys: [Double], z: [[Double]], projection: Projection) {
        var quads: [Quad] = []
        let zRange = projection.bounds.z
        let nx = xs.count, ny = min(ys.count, z.count)
        guard nx >= 2, ny >= 2 else {
            self.quads = []
            return
        }
        quads.reserveCapacity((nx - 1) * (ny - 1))
        for j in 0..<(ny - 1) {
            for i in 0..<(nx - 1) {
                guard i + 1 < z[j].count, i + 1 < z[j + 1].count else { continue }
                let corners = [Vector3(xs[i], ys[j], z[j][i]),
                               Vector3(xs[i + 1], ys[j], z[j][i + 1]),
                               Vector3(xs[i + 1], ys[j + 1], z[j + 1][i + 1]),
                               Vector3(xs[i], ys[j + 1], z[j + 1][i])]
                guard corners.allSatisfy(\.isFinite) else { continue }
                let scene = corners.map(projection.scenePoint)
                // The cross product of the diagonals is the normal of a (possibly non-planar) quad.
                let normal = (scene[2] - scene[0]).cross(scene[3] - scene[1]).normalized
                let meanZ = corners.reduce(0) { $0 + $1.z } / 4
                let fraction = (meanZ - zRange.lowerBound) / (zRange.upperBound - zRange.lowerBound)
                quads.append(Quad(corners: corners, heightFraction: min(1, max(0, fraction)),
                                  sceneNormal: normal, i: i, j: j))
            }
        }
        self.quads = quads
    }
}
