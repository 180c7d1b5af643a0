/// The first principal components of a point set, for drawing data of many features in 2D
/// (the algorithms keep working in the full space; only the picture is projected).
///
/// Power iteration on the covariance matrix with deflation, from a fixed start vector, so the
/// projection is deterministic; each component's sign is chosen so its largest-magnitude entry
/// is positive (as scikit-learn's `svd_flip` does for its components).
public struct PCA: Sendable, Equatable {
    /// Mean of the points, [d].
    public let mean: [Double]
    /// Components, [count, d] row-major, unit length, by decreasing variance.
    public let components: [Double]
    /// Variance along each component, [count].
    public let variances: [Double]
    /// Features per point.
    public let d: Int

    /// The first `count` components of `points` `[n, d]`.
    /// - Throws: `RuntimeError` when there are no points or the sizes disagree.
    public init(points: [Double], features d: Int, count: Int = 2) throws {
        guard d >= 1, !points.isEmpty, points.count % d == 0 else {
            throw RuntimeError("\(points.count) values do not make points of \(d) features")
        }
        let n = points.count / d
        var mean = [Double](repeating: 0, count: d)
        for i in 0..<n { for f in 0..<d { mean[f] += points[i * d + f] } }
        for f in 0..<d { mean[f] /= Double(n) }
        // covariance: [d, d]
        var covariance = [Double](repeating: 0, count: d * d)
        var centred = [Double](repeating: 0, count: d)
        for i in 0..<n {
            for f in 0..<d { centred[f] = points[i * d + f] - mean[f] }
            for a in 0..<d where centred[a] != 0 {
                let ca = centred[a]
                for b in a..<d { covariance[a * d + b] += ca * centred[b] }
            }
        }
        for a in 0..<d {
            for b in a..<d {
                covariance[a * d + b] /= Double(Swift.max(1, n - 1))
                covariance[b * d + a] = covariance[a * d + b]
            }
        }
        var components: [Double] = [], variances: [Double] = []
        for c in 0..<Swift.min(count, d) {
            // A fixed, non-symmetric start so it is not orthogonal to the leading direction by accident.
            var v = (0..<d).map { 1 + 0.01 * Double(($0 * 7 + c * 3) % 11) }
            var lambda = 0.0
            for _ in 0..<300 {
                var w = [Double](repeating: 0, count: d)
                for a in 0..<d {
                    var s = 0.0
                    for b in 0..<d { s += covariance[a * d + b] * v[b] }
                    w[a] = s
                }
                let norm = w.reduce(0) { $0 + $1 * $1 }.squareRoot()
                guard norm > 0 else { break }
                let next = w.map { $0 / norm }
                let change = zip(next, v).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
                v = next
                lambda = norm
                if change < 1e-20 { break }
            }
            if let largest = v.indices.max(by: { abs(v[$0]) < abs(v[$1]) }), v[largest] < 0 {
                v = v.map { -$0 }
            }
            // Deflate: C ← C − λ v vᵀ.
            for a in 0..<d { for b in 0..<d { covariance[a * d + b] -= lambda * v[a] * v[b] } }
            components += v
            variances.append(lambda)
        }
        self.mean = mean
        self.components = components
        self.variances = variances
        self.d = d
    }

    /// `points` `[m, d]` projected onto the components: [m, count].
    public func project(_ points: [Double]) -> [Double] {
        let count = variances.count
        let m = points.count / d
        var out = [Double](repeating: 0, count: m * count)
        for i in 0..<m {
            for c in 0..<count {
                var s = 0.0
                for f in 0..<d { s += (points[i * d + f] - mean[f]) * components[c * d + f] }
                out[i * count + c] = s
            }
        }
        return out
    }
}
