/// Principal component analysis of a table `[n, d]`: the directions of largest variance, found
/// as eigenvectors of the covariance matrix by the cyclic Jacobi method (in Double, no random
/// start, so the same data always gives the same components).
///
/// Conventions, chosen to match scikit-learn's `PCA` (≥ 1.5, `svd_flip` on the components):
/// - the data is centred, not scaled (standardise first when features have different units);
/// - variances use the n − 1 divisor (`explained_variance_`);
/// - components are sorted by decreasing variance (ties by feature order of the eigenvector);
/// - sign: each component's loading of largest magnitude is positive (on a tie, the first one).
public struct PCA: Sendable, Equatable {
    /// The mean of each feature, `[featureCount]`.
    public var mean: [Double]
    /// The principal directions, unit length and orthogonal, `[componentCount, featureCount]`.
    public var components: [Double]
    /// The variance of the data along each component, `[componentCount]`, largest first.
    public var variances: [Double]
    /// The sum of all features' variances (the trace of the covariance matrix).
    public var totalVariance: Double

    /// Number of input features d.
    public var featureCount: Int { mean.count }
    /// Number of components kept k.
    public var componentCount: Int { variances.count }

    /// The share of the total variance each component explains, `[componentCount]`
    /// (0 for data without variance).
    public var explainedRatio: [Double] {
        variances.map { totalVariance > 0 ? $0 / totalVariance : 0 }
    }

    /// Fits `k` components to `points` `[n, d]` row-major.
    /// - Throws: `RuntimeError` when there are no rows, `d` < 1, the count is not a multiple of
    ///   `d`, `k` is not in 1...d, or a value is not finite.
    public static func fit(points: [Float], featureCount d: Int, components k: Int = 2) throws -> PCA {
        guard d >= 1, points.count % d == 0 else {
            throw RuntimeError("PCA: \(points.count) values do not make rows of \(d) features")
        }
        let n = points.count / d
        guard n >= 1 else { throw RuntimeError("PCA: no rows to analyse") }
        guard k >= 1, k <= d else { throw RuntimeError("PCA: \(k) components asked of \(d) features; at most \(d)") }
        if let bad = points.firstIndex(where: { !$0.isFinite }) {
            throw RuntimeError("PCA: row \(bad / d + 1), feature \(bad % d + 1) is \(points[bad]), not a finite number")
        }
        var mean = [Double](repeating: 0, count: d)
        for i in 0..<n { for j in 0..<d { mean[j] += Double(points[i * d + j]) } }
        for j in 0..<d { mean[j] /= Double(n) }
        // covariance: [d, d], symmetric.
        var covariance = [Double](repeating: 0, count: d * d)
        var row = [Double](repeating: 0, count: d)
        for i in 0..<n {
            for j in 0..<d { row[j] = Double(points[i * d + j]) - mean[j] }
            for a in 0..<d where row[a] != 0 {
                for b in a..<d { covariance[a * d + b] += row[a] * row[b] }
            }
        }
        let divisor = Double(max(n - 1, 1))
        for a in 0..<d {
            for b in a..<d {
                covariance[a * d + b] /= divisor
                covariance[b * d + a] = covariance[a * d + b]
            }
        }
        let total = (0..<d).reduce(0.0) { $0 + covariance[$1 * d + $1] }
        let (values, vectors) = SymmetricEigen.jacobi(covariance, size: d)
        // Decreasing eigenvalue; equal ones keep their index order, so the result is repeatable.
        let order = (0..<d).sorted { values[$0] != values[$1] ? values[$0] > values[$1] : $0 < $1 }
        var components: [Double] = [], variances: [Double] = []
        for c in order.prefix(k) {
            var v = (0..<d).map { vectors[$0 * d + c] }
            var largest = 0
            for j in 1..<d where abs(v[j]) > abs(v[largest]) + 1e-12 { largest = j }
            if v[largest] < 0 { v = v.map { -$0 } }
            components += v
            variances.append(max(0, values[c]))
        }
        return PCA(mean: mean, components: components, variances: variances, totalVariance: total)
    }

    /// The coordinates of `points` `[n, featureCount]` along the components, `[n, componentCount]`.
    public func project(points: [Float]) -> [Float] {
        let d = featureCount, k = componentCount
        let n = d > 0 ? points.count / d : 0
        var out = [Float](repeating: 0, count: n * k)
        for i in 0..<n {
            for c in 0..<k {
                var s = 0.0
                for j in 0..<d { s += (Double(points[i * d + j]) - mean[j]) * components[c * d + j] }
                out[i * k + c] = Float(s)
            }
        }
        return out
    }
}

extension PCA {
    /// `project(points:)` in Double, for pictures that keep their coordinates in Double.
    public func project(_ points: [Double]) -> [Double] {
        let d = featureCount, k = componentCount
        let n = d > 0 ? points.count / d : 0
        var out = [Double](repeating: 0, count: n * k)
        for i in 0..<n {
            for c in 0..<k {
                var s = 0.0
                for j in 0..<d { s += (points[i * d + j] - mean[j]) * components[c * d + j] }
                out[i * k + c] = s
            }
        }
        return out
    }
}

/// Eigen-decomposition of a small symmetric matrix.
enum SymmetricEigen {
    /// Eigenvalues `[size]` and eigenvectors (column c of `[size, size]` belongs to value c) of the
    /// symmetric `matrix` `[size, size]`, by cyclic Jacobi rotations until the off-diagonal part is
    /// negligible (at most 100 sweeps; a few suffice for the sizes PCA sees, d ≤ a few hundred).
    static func jacobi(_ matrix: [Double], size d: Int) -> (values: [Double], vectors: [Double]) {
        var a = matrix
        var v = [Double](repeating: 0, count: d * d)
        for i in 0..<d { v[i * d + i] = 1 }
        let scale = max(a.reduce(0) { $0 + $1 * $1 }, .leastNormalMagnitude)
        for _ in 0..<100 {
            var off = 0.0
            for p in 0..<d { for q in (p + 1)..<d { off += a[p * d + q] * a[p * d + q] } }
            if off <= 1e-30 * scale { break }
            for p in 0..<d {
                for q in (p + 1)..<d {
                    let apq = a[p * d + q]
                    guard abs(apq) > 1e-300 else { continue }
                    // The rotation angle that zeroes a[p][q] (Numerical Recipes' stable form).
                    let theta = (a[q * d + q] - a[p * d + p]) / (2 * apq)
                    let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot(), s = t * c
                    for k in 0..<d {
                        let akp = a[k * d + p], akq = a[k * d + q]
                        a[k * d + p] = c * akp - s * akq
                        a[k * d + q] = s * akp + c * akq
                    }
                    for k in 0..<d {
                        let apk = a[p * d + k], aqk = a[q * d + k]
                        a[p * d + k] = c * apk - s * aqk
                        a[q * d + k] = s * apk + c * aqk
                    }
                    for k in 0..<d {
                        let vkp = v[k * d + p], vkq = v[k * d + q]
                        v[k * d + p] = c * vkp - s * vkq
                        v[k * d + q] = s * vkp + c * vkq
                    }
                }
            }
        }
        return ((0..<d).map { a[$0 * d + $0] }, v)
    }
}
