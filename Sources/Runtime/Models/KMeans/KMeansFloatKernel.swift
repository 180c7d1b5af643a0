/// The assignment pass of Lloyd's algorithm on float32 points: the ranking ‖c‖² − 2 x·c in
/// float32 (8 lanes, half the memory of double), the point added to its cluster's running sum in
/// double precision, and — where float32 rounding could decide — the ranking redone in double.
///
/// The bound: each float32 value ‖c‖² − 2 x·c is within (d + 8)·2⁻²³·(‖x‖ + ‖c‖max)² of its
/// exact value (d fused multiply-adds, each rounding by at most half a unit of the running sum,
/// which stays below that square). When the best and the second best are closer than twice
/// that, the point is ranked again in double precision on the centred data, as scikit-learn
/// ranks it, so a label never depends on float32 rounding.
enum KMeansFloatKernel {
    struct BlockResult {
        var changed = 0
        var refined = 0
    }

    // x: [n, d] float32 points (as given, not centred); pointNorms: [n] ‖x‖²;
    // centroids: [k, d] float32 (not centred), centroidNorms: [k];
    // mean: [d]; exactCentroids: [k, d] centred, in double; exactNorms: [k];
    // labels, changedFlags: [n]; sums: [k, d] (not centred) and counts: [k] of this block;
    // scratch: [2k] floats; exactScratch: [d] doubles.
    static func assign(rows: Range<Int>, d: Int, k: Int,
                       x: UnsafePointer<Float>, pointNorms: UnsafePointer<Float>,
                       centroids: UnsafePointer<Float>, centroidNorms: UnsafePointer<Float>, largestCentroid: Float,
                       mean: UnsafePointer<Double>, exactCentroids: UnsafePointer<Double>, exactNorms: UnsafePointer<Double>,
                       labels: UnsafeMutablePointer<Int>, changedFlags: UnsafeMutablePointer<Bool>,
                       sums: UnsafeMutablePointer<Double>, counts: UnsafeMutablePointer<Int>,
                       scratch: UnsafeMutablePointer<Float>, exactScratch: UnsafeMutablePointer<Double>) -> BlockResult {
        var result = BlockResult()
        let unit = Float(d + 8) * 0x1p-23
        var i = rows.lowerBound
        while i < rows.upperBound {
            let pair = i + 1 < rows.upperBound
            let x0 = x + i &* d
            let x1 = pair ? x0 + d : x0
            rank(x0, x1, d: d, k: k, centroids: centroids, centroidNorms: centroidNorms, into: scratch, scratch + k)
            for r in 0..<(pair ? 2 : 1) {
                let row = i + r
                let values = scratch + r * k
                var best = 0
                var bestValue = values[0], second = Float.infinity
                for j in 1..<max(1, k) {
                    let v = values[j]
                    if v < bestValue {
                        second = bestValue
                        bestValue = v
                        best = j
                    } else if v < second {
                        second = v
                    }
                }
                let reach = pointNorms[row].squareRoot() + largestCentroid
                if k > 1 && second - bestValue <= 2 * unit * reach * reach {
                    best = exactBest(x + row &* d, d: d, k: k, mean: mean, centroids: exactCentroids,
                                     norms: exactNorms, centred: exactScratch)
                    result.refined += 1
                }
                let moved = labels[row] != best
                changedFlags[row] = moved
                if moved { result.changed += 1 }
                labels[row] = best
                counts[best] += 1
                let source = x + row &* d, target = sums + best &* d
                for p in 0..<d { target[p] += Double(source[p]) }
            }
            i += pair ? 2 : 1
        }
        return result
    }

    /// The nearest centroid in double precision on centred data (first index on a tie).
    static func exactBest(_ point: UnsafePointer<Float>, d: Int, k: Int, mean: UnsafePointer<Double>,
                          centroids: UnsafePointer<Double>, norms: UnsafePointer<Double>,
                          centred: UnsafeMutablePointer<Double>) -> Int {
        for p in 0..<d { centred[p] = Double(point[p]) - mean[p] }
        var best = 0, bestValue = Double.infinity
        for j in 0..<k {
            let value = norms[j] - 2 * KMeansKernels.dot(UnsafePointer(centred), centroids + j &* d, d)
            if value < bestValue { bestValue = value; best = j }
        }
        return best
    }

    /// values0[j] = ‖c_j‖² − 2 x0·c_j and the same for x1 in float32, four centroids at a time.
    @inline(__always)
    static func rank(_ x0: UnsafePointer<Float>, _ x1: UnsafePointer<Float>, d: Int, k: Int,
                     centroids: UnsafePointer<Float>, centroidNorms: UnsafePointer<Float>,
                     into values0: UnsafeMutablePointer<Float>, _ values1: UnsafeMutablePointer<Float>) {
        let vectorEnd = d & ~7
        var j = 0
        while j + 4 <= k {
            let c0 = centroids + j &* d, c1 = c0 + d, c2 = c1 + d, c3 = c2 + d
            var s00 = SIMD8<Float>(), s01 = SIMD8<Float>(), s02 = SIMD8<Float>(), s03 = SIMD8<Float>()
            var s10 = SIMD8<Float>(), s11 = SIMD8<Float>(), s12 = SIMD8<Float>(), s13 = SIMD8<Float>()
            var p = 0
            while p < vectorEnd {
                let u = load(x0 + p), v = load(x1 + p)
                let w0 = load(c0 + p); s00.addProduct(u, w0); s10.addProduct(v, w0)
                let w1 = load(c1 + p); s01.addProduct(u, w1); s11.addProduct(v, w1)
                let w2 = load(c2 + p); s02.addProduct(u, w2); s12.addProduct(v, w2)
                let w3 = load(c3 + p); s03.addProduct(u, w3); s13.addProduct(v, w3)
                p += 8
            }
            var t = (s00.sum(), s01.sum(), s02.sum(), s03.sum())
            var r = (s10.sum(), s11.sum(), s12.sum(), s13.sum())
            while p < d {
                let (e, f) = (x0[p], x1[p])
                t.0 += e * c0[p]; t.1 += e * c1[p]; t.2 += e * c2[p]; t.3 += e * c3[p]
                r.0 += f * c0[p]; r.1 += f * c1[p]; r.2 += f * c2[p]; r.3 += f * c3[p]
                p += 1
            }
            values0[j] = centroidNorms[j] - 2 * t.0; values0[j + 1] = centroidNorms[j + 1] - 2 * t.1
            values0[j + 2] = centroidNorms[j + 2] - 2 * t.2; values0[j + 3] = centroidNorms[j + 3] - 2 * t.3
            values1[j] = centroidNorms[j] - 2 * r.0; values1[j + 1] = centroidNorms[j + 1] - 2 * r.1
            values1[j + 2] = centroidNorms[j + 2] - 2 * r.2; values1[j + 3] = centroidNorms[j + 3] - 2 * r.3
            j += 4
        }
        while j < k {
            let c = centroids + j &* d
            var s0 = SIMD8<Float>(), s1 = SIMD8<Float>()
            var p = 0
            while p < vectorEnd {
                let w = load(c + p)
                s0.addProduct(load(x0 + p), w); s1.addProduct(load(x1 + p), w)
                p += 8
            }
            var t0 = s0.sum(), t1 = s1.sum()
            while p < d { t0 += x0[p] * c[p]; t1 += x1[p] * c[p]; p += 1 }
            values0[j] = centroidNorms[j] - 2 * t0
            values1[j] = centroidNorms[j] - 2 * t1
            j += 1
        }
    }

    @inline(__always)
    static func load(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
    }
}
