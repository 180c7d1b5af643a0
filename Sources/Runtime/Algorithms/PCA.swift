/// Principal components of a few hundred rows, for pictures (token embeddings in 2D): the
/// covariance's leading eigenvectors by power iteration with deflation, in Double, from a fixed
/// start, so the projection is deterministic. Each component's sign is chosen so that its
/// largest coordinate is positive (the picture does not flip between frames).
public enum PCA {
    /// The rows `[n, d]` projected on the first `components` principal axes, `[n, components]`
    /// row-major, and the share of the total variance each axis explains.
    public static func project(_ rows: [Float], count n: Int, dim d: Int, components k: Int = 2)
        -> (points: [Double], explained: [Double]) {
        precondition(rows.count == n * d && n > 0 && d > 0, "PCA: bad shape")
        let k = min(k, d)
        var mean = [Double](repeating: 0, count: d)
        for i in 0..<n { for j in 0..<d { mean[j] += Double(rows[i * d + j]) / Double(n) } }
        var centred = [Double](repeating: 0, count: n * d)
        for i in 0..<n { for j in 0..<d { centred[i * d + j] = Double(rows[i * d + j]) - mean[j] } }
        var cov = [Double](repeating: 0, count: d * d)
        for i in 0..<n {
            for a in 0..<d where centred[i * d + a] != 0 {
                let x = centred[i * d + a]
                for b in 0..<d { cov[a * d + b] += x * centred[i * d + b] / Double(n) }
            }
        }
        let total = (0..<d).reduce(0.0) { $0 + cov[$1 * d + $1] }
        var axes: [[Double]] = [], explained: [Double] = []
        for c in 0..<k {
            var v = (0..<d).map { 1 + Double(($0 * 7 + c * 3) % 11) / 10 }
            var lambda = 0.0
            for _ in 0..<300 {
                var w = [Double](repeating: 0, count: d)
                for a in 0..<d { for b in 0..<d { w[a] += cov[a * d + b] * v[b] } }
                let norm = w.reduce(0) { $0 + $1 * $1 }.squareRoot()
                guard norm > 1e-300 else { break }
                lambda = norm
                v = w.map { $0 / norm }
            }
            if let big = v.indices.max(by: { abs(v[$0]) < abs(v[$1]) }), v[big] < 0 { v = v.map { -$0 } }
            // Deflate: remove this axis's variance before looking for the next.
            for a in 0..<d { for b in 0..<d { cov[a * d + b] -= lambda * v[a] * v[b] } }
            axes.append(v)
            explained.append(total > 0 ? lambda / total : 0)
        }
        var points = [Double](repeating: 0, count: n * k)
        for i in 0..<n {
            for c in 0..<k {
                var s = 0.0
                for j in 0..<d { s += centred[i * d + j] * axes[c][j] }
                points[i * k + c] = s
            }
        }
        return (points, explained)
    }
}
