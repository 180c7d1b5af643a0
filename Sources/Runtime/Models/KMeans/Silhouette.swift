/// Silhouette coefficients of a clustering (Rousseeuw 1987), as scikit-learn's
/// `silhouette_samples` computes them with Euclidean distances: for point i, a = the mean distance
/// to the other points of its cluster, b = the smallest mean distance to the points of another
/// cluster, s = (b − a) / max(a, b); a point alone in its cluster gets 0.
public enum Silhouette {
    /// Per-point silhouettes, [n], of `points` `[n, d]` with `labels` in 0..<k.
    /// - Throws: `RuntimeError` when the sizes disagree, or fewer than 2 or more than n − 1
    ///   clusters are used (the coefficient is undefined there).
    public static func samples(points: [Float], features d: Int, labels: [Int], k: Int) throws -> [Double] {
        guard d >= 1, !labels.isEmpty, points.count == labels.count * d else {
            throw RuntimeError("\(points.count) values do not make \(labels.count) points of \(d) features")
        }
        let n = labels.count
        guard labels.allSatisfy({ (0..<k).contains($0) }) else {
            throw RuntimeError("the labels must lie in 0...\(k - 1); train the model first")
        }
        var size = [Int](repeating: 0, count: k)
        for l in labels { size[l] += 1 }
        let used = size.filter { $0 > 0 }.count
        guard used >= 2 && used <= n - 1 else {
            throw RuntimeError("needs between 2 and \(n - 1) non-empty clusters, got \(used)")
        }
        // distanceSums: [n, k], the sum of distances from point i to the points of cluster j.
        var distanceSums = [Double](repeating: 0, count: n * k)
        accumulateDistances(points, n: n, d: d, labels: labels, k: k, into: &distanceSums)
        return (0..<n).map { i in
            let own = labels[i]
            guard size[own] > 1 else { return 0 }
            let a = distanceSums[i * k + own] / Double(size[own] - 1)
            var b = Double.infinity
            for j in 0..<k where j != own && size[j] > 0 {
                b = Swift.min(b, distanceSums[i * k + j] / Double(size[j]))
            }
            let s = (b - a) / Swift.max(a, b)
            return s.isFinite ? s : 0
        }
    }

    /// The mean silhouette, the score used to compare clusterings.
    public static func score(points: [Float], features d: Int, labels: [Int], k: Int) throws -> Double {
        let s = try samples(points: points, features: d, labels: labels, k: k)
        return s.reduce(0, +) / Double(s.count)
    }

    /// Sums of Euclidean distances per point and cluster. Few features: exact differences in
    /// double precision. Many (images): ‖a‖² + ‖b‖² − 2a·b with the cross terms from GEMM, 256
    /// rows at a time, so 10,000 digits take one large product instead of 10⁸ short loops.
    static func accumulateDistances(_ points: [Float], n: Int, d: Int, labels: [Int], k: Int, into sums: inout [Double]) {
        if d < 32 {
            for i in 0..<n {
                for j in (i + 1)..<Swift.max(i + 1, n) {
                    var s = 0.0
                    for f in 0..<d {
                        let e = Double(points[i * d + f]) - Double(points[j * d + f])
                        s += e * e
                    }
                    let dist = s.squareRoot()
                    sums[i * k + labels[j]] += dist
                    sums[j * k + labels[i]] += dist
                }
            }
            return
        }
        let norms: [Float] = (0..<n).map { i in
            var s: Float = 0
            for f in 0..<d { s += points[i * d + f] * points[i * d + f] }
            return s
        }
        let block = 256
        var cross = [Float](repeating: 0, count: block * n)   // cross: [block, n]
        points.withUnsafeBufferPointer { p in
            cross.withUnsafeMutableBufferPointer { c in
                var start = 0
                while start < n {
                    let rows = Swift.min(block, n - start)
                    GEMM.multiplyTransposed(m: rows, n: n, k: d, a: p.baseAddress! + start * d, lda: d,
                                            b: p.baseAddress!, ldb: d, c: c.baseAddress!, ldc: n, accumulate: false)
                    for r in 0..<rows {
                        let i = start + r
                        for j in 0..<n where j != i {
                            let sq = norms[i] + norms[j] - 2 * c[r * n + j]
                            sums[i * k + labels[j]] += Double(Swift.max(0, sq)).squareRoot()
                        }
                    }
                    start += rows
                }
            }
        }
    }
}
