/// The neighbour searches of `KNNClassifier`, brute force.
enum KNNSearch {
    /// Euclidean: for a block of queries, C = Q · Xᵀ by one GEMM (float32), the ranking value
    /// ‖x‖² − 2q·x per training point, the k-th smallest of those, and then every training point
    /// within twice the float32 rounding bound of it re-ranked by its exact squared distance in
    /// double precision (ties: lower training index). The bound: each ranking value is off by at
    /// most a few float32 units of ‖q‖² + ‖x‖² (≥ |‖x‖² − 2q·x|), far below 2·10⁻⁵ of it.
    static func euclidean(queries q: [Float], m: Int, model: KNNClassifier, into result: inout KNNClassifier.Neighbours) {
        let n = model.n, d = model.d, k = model.k
        let maxNorm = model.norms.max() ?? 0
        // Query blocks of a few million distances each: every block is still one large product.
        let block = Swift.max(64, Swift.min(m, 4_000_000 / Swift.max(1, n)))
        var cross = [Float](repeating: 0, count: block * n)   // cross: [block, n]
        var indices = result.indices, distances = result.distances
        q.withUnsafeBufferPointer { qp in
        model.points.withUnsafeBufferPointer { xp in
        cross.withUnsafeMutableBufferPointer { cp in
        indices.withUnsafeMutableBufferPointer { ip in
        distances.withUnsafeMutableBufferPointer { dp in
            let qs = SendablePointer(qp.baseAddress!), xs = SendablePointer(xp.baseAddress!)
            let cs = SendableMutablePointer(cp.baseAddress!)
            let iout = SendableMutablePointer(ip.baseAddress!), dout = SendableMutablePointer(dp.baseAddress!)
            var start = 0
            while start < m {
                let rows = Swift.min(block, m - start)
                GEMM.multiplyTransposed(m: rows, n: n, k: d, a: qs.pointer + start * d, lda: d,
                                        b: xs.pointer, ldb: d, c: cs.pointer, ldc: n, accumulate: false)
                let first = start
                let rank = { (range: Range<Int>) in
                    var values = [Float](repeating: 0, count: n)
                    for r in range {
                        let i = first + r
                        let query = qs.pointer + i * d
                        var qNorm: Float = 0
                        for f in 0..<d { qNorm += query[f] * query[f] }
                        let row = cs.pointer + r * n
                        for j in 0..<n { values[j] = model.norms[j] - 2 * row[j] }
                        let kth = kthSmallest(values, k)
                        let threshold = kth + 2e-5 * (qNorm + maxNorm)
                        var candidates: [(Double, Int)] = []
                        for j in 0..<n where values[j] <= threshold {
                            candidates.append((exactSquaredDistance(query, xs.pointer + j * d, d), j))
                        }
                        pickNearest(&candidates, k: k, row: i, indices: iout.pointer, distances: dout.pointer) { $0.squareRoot() }
                    }
                }
                if rows >= 2 && rows * n * d >= Parallel.threshold {
                    let half = (rows + 1) / 2
                    Parallel.pair({ rank(0..<half) }, { rank(half..<rows) })
                } else {
                    rank(0..<rows)
                }
                start += rows
            }
        }}}}}
        result.indices = indices
        result.distances = distances
    }

    /// Manhattan and cosine: every distance in double precision, then the k smallest.
    static func direct(queries q: [Float], m: Int, model: KNNClassifier, into result: inout KNNClassifier.Neighbours) {
        let n = model.n, d = model.d, k = model.k
        for i in 0..<m {
            var qNorm = 0.0
            for f in 0..<d { qNorm += Double(q[i * d + f]) * Double(q[i * d + f]) }
            qNorm = qNorm.squareRoot()
            var all: [(Double, Int)] = []
            all.reserveCapacity(n)
            for j in 0..<n {
                var s = 0.0
                switch model.metric {
                case .manhattan:
                    for f in 0..<d { s += abs(Double(q[i * d + f]) - Double(model.points[j * d + f])) }
                case .cosine:
                    for f in 0..<d { s += Double(q[i * d + f]) * Double(model.points[j * d + f]) }
                    let denominator = qNorm * model.exactNorms[j]
                    s = Swift.min(2, Swift.max(0, 1 - (denominator > 0 ? s / denominator : 0)))
                case .euclidean:
                    s = 0
                }
                all.append((s, j))
            }
            result.indices.withUnsafeMutableBufferPointer { ip in
                result.distances.withUnsafeMutableBufferPointer { dp in
                    pickNearest(&all, k: k, row: i, indices: ip.baseAddress!, distances: dp.baseAddress!) { $0 }
                }
            }
        }
    }

    /// Writes the k smallest (distance, index) pairs, ordered by distance then index, into row `row`.
    @inline(__always)
    static func pickNearest(_ candidates: inout [(Double, Int)], k: Int, row: Int,
                            indices: UnsafeMutablePointer<Int>, distances: UnsafeMutablePointer<Double>,
                            distance: (Double) -> Double) {
        candidates.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        for r in 0..<k {
            indices[row * k + r] = candidates[r].1
            distances[row * k + r] = distance(candidates[r].0)
        }
    }

    /// The k-th smallest of `values` (k ≥ 1), by a sorted buffer of the k smallest so far.
    static func kthSmallest(_ values: [Float], _ k: Int) -> Float {
        if k > 64 { return values.sorted()[k - 1] }
        var best = [Float](repeating: .infinity, count: k)   // ascending
        for v in values where v < best[k - 1] {
            var p = k - 1
            while p > 0 && best[p - 1] > v {
                best[p] = best[p - 1]
                p -= 1
            }
            best[p] = v
        }
        return best[k - 1]
    }

    /// ‖a − b‖² in double precision.
    @inline(__always)
    static func exactSquaredDistance(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ d: Int) -> Double {
        var s = 0.0
        for f in 0..<d {
            let e = Double(a[f]) - Double(b[f])
            s += e * e
        }
        return s
    }
}
