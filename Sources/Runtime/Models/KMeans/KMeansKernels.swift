/// The two hot loops of Lloyd's algorithm, in double precision on raw row-major buffers.
///
/// Double, not Float: the reference check asks for scikit-learn's centroids to 1e-5 on unscaled
/// wine, whose proline column is in the thousands, where one float32 step is 6e-5. The work is
/// one pass over the data per iteration (k dot products a point), so the wider type costs about
/// twice the time of float32 and still leaves the iteration well under scikit-learn's.
///
/// Distances are ranked as scikit-learn ranks them: ‖c‖² − 2 x·c (the point's own ‖x‖² is the
/// same for every centroid), on data centred by its mean, the first centroid winning an exact tie.
enum KMeansKernels {
    /// The result of one assignment pass over a block of points.
    struct BlockResult {
        /// Sum of the squared distances of the block's points to their centroids.
        var inertia: Double = 0
        /// How many points changed cluster.
        var changed = 0
    }

    /// Assigns the points `rows` of `x` to their nearest centroid and adds each point to its
    /// cluster's running sum.
    /// - x: [n, d] (centred); norms: [n] = ‖x‖²; centroids: [k, d]; centroidNorms: [k];
    ///   labels: [n] in/out (the previous labels are compared to count changes);
    ///   changedFlags: [n] out; sums: [k, d] and counts: [k] accumulated (this block's own buffers).
    static func assign(rows: Range<Int>, d: Int, k: Int,
                       x: UnsafePointer<Double>, norms: UnsafePointer<Double>,
                       centroids: UnsafePointer<Double>, centroidNorms: UnsafePointer<Double>,
                       labels: UnsafeMutablePointer<Int>, changedFlags: UnsafeMutablePointer<Bool>,
                       sums: UnsafeMutablePointer<Double>, counts: UnsafeMutablePointer<Int>,
                       scratch: UnsafeMutablePointer<Double>) -> BlockResult {
        // scratch: [2, k], the ranking values of two points.
        var result = BlockResult()
        var i = rows.lowerBound
        while i < rows.upperBound {
            let pair = i + 1 < rows.upperBound
            let x0 = x + i &* d
            let x1 = pair ? x0 + d : x0
            rankCentroids(x0, x1, d: d, k: k, centroids: centroids, centroidNorms: centroidNorms,
                          into: scratch, scratch + k)
            for r in 0..<(pair ? 2 : 1) {
                let row = i + r
                let values = scratch + r * k
                var best = 0
                var bestValue = values[0]
                for j in 1..<k where values[j] < bestValue {
                    bestValue = values[j]
                    best = j
                }
                result.inertia += Swift.max(0, norms[row] + bestValue)
                let moved = labels[row] != best
                changedFlags[row] = moved
                if moved { result.changed += 1 }
                labels[row] = best
                counts[best] += 1
                add(x + row &* d, to: sums + best &* d, count: d)
            }
            i += pair ? 2 : 1
        }
        return result
    }

    /// values0[j] = ‖c_j‖² − 2 x0·c_j and the same for x1, four centroids at a time (8 vector
    /// accumulators: 6 loads per 8 multiply-adds). Each value's arithmetic does not depend on
    /// whether its point was paired, so a point's label does not depend on n's parity.
    @inline(__always)
    static func rankCentroids(_ x0: UnsafePointer<Double>, _ x1: UnsafePointer<Double>, d: Int, k: Int,
                              centroids: UnsafePointer<Double>, centroidNorms: UnsafePointer<Double>,
                              into values0: UnsafeMutablePointer<Double>, _ values1: UnsafeMutablePointer<Double>) {
        let vectorEnd = d & ~3
        var j = 0
        while j + 4 <= k {
            let c0 = centroids + j &* d, c1 = c0 + d, c2 = c1 + d, c3 = c2 + d
            var s00 = SIMD4<Double>(), s01 = SIMD4<Double>(), s02 = SIMD4<Double>(), s03 = SIMD4<Double>()
            var s10 = SIMD4<Double>(), s11 = SIMD4<Double>(), s12 = SIMD4<Double>(), s13 = SIMD4<Double>()
            var p = 0
            while p < vectorEnd {
                let u = load(x0 + p), v = load(x1 + p)
                let w0 = load(c0 + p); s00.addProduct(u, w0); s10.addProduct(v, w0)
                let w1 = load(c1 + p); s01.addProduct(u, w1); s11.addProduct(v, w1)
                let w2 = load(c2 + p); s02.addProduct(u, w2); s12.addProduct(v, w2)
                let w3 = load(c3 + p); s03.addProduct(u, w3); s13.addProduct(v, w3)
                p += 4
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
            values0[j] = centroidNorms[j] - 2 * dot(x0, c, d)
            values1[j] = centroidNorms[j] - 2 * dot(x1, c, d)
            j += 1
        }
    }

    /// ⟨a, b⟩ over `count` doubles, with the lanes and tail of `rankCentroids` (same result).
    @inline(__always)
    static func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ count: Int) -> Double {
        var s = SIMD4<Double>()
        var p = 0
        while p + 4 <= count {
            s.addProduct(load(a + p), load(b + p))
            p += 4
        }
        var t = s.sum()
        while p < count { t += a[p] * b[p]; p += 1 }
        return t
    }

    /// ‖a − b‖² over `count` doubles.
    @inline(__always)
    static func squaredDistance(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ count: Int) -> Double {
        var s = SIMD4<Double>()
        var p = 0
        while p + 4 <= count {
            let e = load(a + p) - load(b + p)
            s.addProduct(e, e)
            p += 4
        }
        var t = s.sum()
        while p < count {
            let e = a[p] - b[p]
            t += e * e
            p += 1
        }
        return t
    }

    /// dst[0..<count] += src[0..<count].
    @inline(__always)
    static func add(_ src: UnsafePointer<Double>, to dst: UnsafeMutablePointer<Double>, count: Int) {
        var p = 0
        while p + 4 <= count {
            let raw = UnsafeMutableRawPointer(dst + p)
            raw.storeBytes(of: raw.loadUnaligned(as: SIMD4<Double>.self) + load(src + p), as: SIMD4<Double>.self)
            p += 4
        }
        while p < count { dst[p] += src[p]; p += 1 }
    }

    @inline(__always)
    static func load(_ p: UnsafePointer<Double>) -> SIMD4<Double> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Double>.self)
    }
}
