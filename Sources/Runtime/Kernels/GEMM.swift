import Dispatch

/// Single-precision matrix multiplies on raw row-major buffers, the hot loops of the CNN.
///
/// Two shapes cover every product a conv or dense layer needs:
/// - `multiply` (NN): C[M, N] (+)= A[M, K] · B[K, N] — a register-blocked kernel that keeps a
///   4 × 16 (or 4 × 8) tile of C in SIMD registers while it streams over K.
/// - `multiplyTransposed` (NT): C[M, N] (+)= A[M, K] · B[N, K]ᵀ — every entry is a dot product
///   of two contiguous rows, vectorised along K.
/// Multiply-adds are fused (`addProduct`): Package.swift compiles Runtime for AVX2 with FMA on
/// x86-64 (and every arm64 CPU has FMA), so each is one instruction. On a CPU target without
/// FMA, Swift would lower each to one libm `fmaf` call per lane — keep the target flag.
/// A transposed left operand (TN) is handled by the caller with `transpose` into scratch space;
/// at the sizes of these networks the copy is cheap next to the product.
/// Work is split over the cores with `Parallel.pair` only when the product has enough
/// multiply-adds to pay for the hand-off (inside a half-batch the worker is busy and it runs inline).
public enum GEMM {
    /// Multiply-adds below which a product runs on one thread.
    static let parallelThreshold = 2_000_000

    /// C[M, N] = A[M, K] · B[K, N] (+ C when `accumulate`). Leading dimensions are the row lengths.
    public static func multiply(m: Int, n: Int, k: Int,
                                a: UnsafePointer<Float>, lda: Int,
                                b: UnsafePointer<Float>, ldb: Int,
                                c: UnsafeMutablePointer<Float>, ldc: Int,
                                accumulate: Bool) {
        guard m > 0, n > 0 else { return }
        let work = m * n * k
        let columnBlocks = (n + 7) / 8
        if Parallel.slices > 1 && work >= parallelThreshold && columnBlocks >= 2 {
            let split = min(n, (columnBlocks + 1) / 2 * 8)
            Parallel.pair({
                multiplyColumns(m: m, columns: 0..<split, k: k, a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc, accumulate: accumulate)
            }, {
                multiplyColumns(m: m, columns: split..<n, k: k, a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc, accumulate: accumulate)
            })
        } else {
            multiplyColumns(m: m, columns: 0..<n, k: k, a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc,
                            accumulate: accumulate)
        }
    }

    /// The NN product restricted to the columns `columns` of B and C.
    @inline(__always)
    static func multiplyColumns(m: Int, columns: Range<Int>, k: Int,
                                a: UnsafePointer<Float>, lda: Int,
                                b: UnsafePointer<Float>, ldb: Int,
                                c: UnsafeMutablePointer<Float>, ldc: Int,
                                accumulate: Bool) {
        var j = columns.lowerBound
        // 16-wide column panels, 4 rows at a time: 8 accumulators (8 of the 16 AVX registers),
        // 2 panel loads and 4 broadcasts per 8 multiply-adds — the 8-wide tile below needs 5
        // loads per 4 and is bound by the load ports. Every lane's arithmetic is the same in
        // both tiles (fused multiply-adds from 0 in K order), so results do not depend on which
        // tile a column falls in.
        while j + 16 <= columns.upperBound {
            var i = 0
            while i + 4 <= m {
                var c0 = SIMD8<Float>(), c1 = SIMD8<Float>(), c2 = SIMD8<Float>(), c3 = SIMD8<Float>()
                var d0 = SIMD8<Float>(), d1 = SIMD8<Float>(), d2 = SIMD8<Float>(), d3 = SIMD8<Float>()
                let a0 = a + i &* lda, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda
                var bp = b + j
                for p in 0..<k {
                    let bv = UnsafeRawPointer(bp).loadUnaligned(as: SIMD8<Float>.self)
                    let bw = UnsafeRawPointer(bp + 8).loadUnaligned(as: SIMD8<Float>.self)
                    let (s0, s1, s2, s3) = (a0[p], a1[p], a2[p], a3[p])
                    c0.addProduct(s0, bv); d0.addProduct(s0, bw)
                    c1.addProduct(s1, bv); d1.addProduct(s1, bw)
                    c2.addProduct(s2, bv); d2.addProduct(s2, bw)
                    c3.addProduct(s3, bv); d3.addProduct(s3, bw)
                    bp += ldb
                }
                let r0 = c + (i &* ldc &+ j), r1 = r0 + ldc, r2 = r1 + ldc, r3 = r2 + ldc
                store(c0, to: r0, accumulate: accumulate); store(d0, to: r0 + 8, accumulate: accumulate)
                store(c1, to: r1, accumulate: accumulate); store(d1, to: r1 + 8, accumulate: accumulate)
                store(c2, to: r2, accumulate: accumulate); store(d2, to: r2 + 8, accumulate: accumulate)
                store(c3, to: r3, accumulate: accumulate); store(d3, to: r3 + 8, accumulate: accumulate)
                i += 4
            }
            while i < m {
                var c0 = SIMD8<Float>(), d0 = SIMD8<Float>()
                let a0 = a + i &* lda
                var bp = b + j
                for p in 0..<k {
                    c0.addProduct(a0[p], UnsafeRawPointer(bp).loadUnaligned(as: SIMD8<Float>.self))
                    d0.addProduct(a0[p], UnsafeRawPointer(bp + 8).loadUnaligned(as: SIMD8<Float>.self))
                    bp += ldb
                }
                let r0 = c + (i &* ldc &+ j)
                store(c0, to: r0, accumulate: accumulate); store(d0, to: r0 + 8, accumulate: accumulate)
                i += 1
            }
            j += 16
        }
        // An 8-wide panel left over: the same with 4 accumulators, then leftover rows.
        while j + 8 <= columns.upperBound {
            var i = 0
            while i + 4 <= m {
                var c0 = SIMD8<Float>(), c1 = SIMD8<Float>(), c2 = SIMD8<Float>(), c3 = SIMD8<Float>()
                let a0 = a + i &* lda, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda
                var bp = b + j
                for p in 0..<k {
                    let bv = UnsafeRawPointer(bp).loadUnaligned(as: SIMD8<Float>.self)
                    c0.addProduct(a0[p], bv)
                    c1.addProduct(a1[p], bv)
                    c2.addProduct(a2[p], bv)
                    c3.addProduct(a3[p], bv)
                    bp += ldb
                }
                store(c0, to: c + (i &* ldc &+ j), accumulate: accumulate)
                store(c1, to: c + ((i &+ 1) &* ldc &+ j), accumulate: accumulate)
                store(c2, to: c + ((i &+ 2) &* ldc &+ j), accumulate: accumulate)
                store(c3, to: c + ((i &+ 3) &* ldc &+ j), accumulate: accumulate)
                i += 4
            }
            while i < m {
                var c0 = SIMD8<Float>()
                let a0 = a + i &* lda
                var bp = b + j
                for p in 0..<k {
                    c0.addProduct(a0[p], UnsafeRawPointer(bp).loadUnaligned(as: SIMD8<Float>.self))
                    bp += ldb
                }
                store(c0, to: c + (i &* ldc &+ j), accumulate: accumulate)
                i += 1
            }
            j += 8
        }
        // Leftover columns (fewer than 8): the panel kernel on a partial panel, so each column
        // gets exactly the panels' arithmetic (a sample's conv output is then the same in any
        // batch) and K is not walked one dependent scalar multiply-add at a time. Rows of B are
        // read 8 wide where that stays inside B (the caller's buffer holds B up to
        // (k − 1)·ldb + n), the extra lanes ignored; the last rows are read lane by lane.
        let rem = columns.upperBound - j
        guard rem > 0 else { return }
        let end = (k - 1) * ldb + columns.upperBound              // elements of B from b
        let safe = Swift.min(k, Swift.max(0, (end - j - 8) / ldb + 1))   // rows p with p·ldb + j + 8 ≤ end
        @inline(__always) func panel(_ p: Int) -> SIMD8<Float> {
            let bp = b + (p &* ldb &+ j)
            if p < safe { return UnsafeRawPointer(bp).loadUnaligned(as: SIMD8<Float>.self) }
            var v = SIMD8<Float>()
            for q in 0..<rem { v[q] = bp[q] }
            return v
        }
        @inline(__always) func storePartial(_ v: SIMD8<Float>, _ i: Int) {
            let ci = c + (i &* ldc &+ j)
            for q in 0..<rem { ci[q] = accumulate ? ci[q] + v[q] : v[q] }
        }
        var i = 0
        while i + 4 <= m {
            var c0 = SIMD8<Float>(), c1 = SIMD8<Float>(), c2 = SIMD8<Float>(), c3 = SIMD8<Float>()
            let a0 = a + i &* lda, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda
            for p in 0..<k {
                let bv = panel(p)
                c0.addProduct(a0[p], bv)
                c1.addProduct(a1[p], bv)
                c2.addProduct(a2[p], bv)
                c3.addProduct(a3[p], bv)
            }
            storePartial(c0, i); storePartial(c1, i &+ 1); storePartial(c2, i &+ 2); storePartial(c3, i &+ 3)
            i += 4
        }
        while i < m {
            var c0 = SIMD8<Float>()
            let a0 = a + i &* lda
            for p in 0..<k { c0.addProduct(a0[p], panel(p)) }
            storePartial(c0, i)
            i += 1
        }
    }

    @inline(__always)
    static func store(_ v: SIMD8<Float>, to p: UnsafeMutablePointer<Float>, accumulate: Bool) {
        let raw = UnsafeMutableRawPointer(p)
        if accumulate {
            raw.storeBytes(of: raw.loadUnaligned(as: SIMD8<Float>.self) + v, as: SIMD8<Float>.self)
        } else {
            raw.storeBytes(of: v, as: SIMD8<Float>.self)
        }
    }

    /// C[M, N] = A[M, K] · B[N, K]ᵀ (+ C when `accumulate`): dot products of contiguous rows.
    public static func multiplyTransposed(m: Int, n: Int, k: Int,
                                          a: UnsafePointer<Float>, lda: Int,
                                          b: UnsafePointer<Float>, ldb: Int,
                                          c: UnsafeMutablePointer<Float>, ldc: Int,
                                          accumulate: Bool) {
        guard m > 0, n > 0 else { return }
        if Parallel.slices > 1 && m * n * k >= parallelThreshold && m >= 2 {
            let half = (m + 1) / 2
            Parallel.pair({
                dotRows(0..<half, a, lda: lda, b, ldb: ldb, n: n, k: k, into: c, ldc: ldc, accumulate: accumulate)
            }, {
                dotRows(half..<m, a, lda: lda, b, ldb: ldb, n: n, k: k, into: c, ldc: ldc, accumulate: accumulate)
            })
        } else {
            dotRows(0..<m, a, lda: lda, b, ldb: ldb, n: n, k: k, into: c, ldc: ldc, accumulate: accumulate)
        }
    }

    /// The rows `rows` of an NT product, two A rows at a time against four B rows (8
    /// accumulators: 6 loads per 8 multiply-adds instead of 5 per 4), then one at a time.
    /// Each output's arithmetic is `dotRow`'s exactly, so the pairing changes no result.
    @inline(__always)
    static func dotRows(_ rows: Range<Int>, _ a: UnsafePointer<Float>, lda: Int, _ b: UnsafePointer<Float>, ldb: Int,
                        n: Int, k: Int, into c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool) {
        let vectorEnd = k & ~7
        var i = rows.lowerBound
        while i + 2 <= rows.upperBound {
            let x0 = a + i &* lda, x1 = x0 + lda
            let o0 = c + i &* ldc, o1 = o0 + ldc
            var j = 0
            while j + 4 <= n {
                let b0 = b + j &* ldb, b1 = b0 + ldb, b2 = b1 + ldb, b3 = b2 + ldb
                var s00 = SIMD8<Float>(), s01 = SIMD8<Float>(), s02 = SIMD8<Float>(), s03 = SIMD8<Float>()
                var s10 = SIMD8<Float>(), s11 = SIMD8<Float>(), s12 = SIMD8<Float>(), s13 = SIMD8<Float>()
                var p = 0
                while p < vectorEnd {
                    let u = UnsafeRawPointer(x0 + p).loadUnaligned(as: SIMD8<Float>.self)
                    let v = UnsafeRawPointer(x1 + p).loadUnaligned(as: SIMD8<Float>.self)
                    let w0 = UnsafeRawPointer(b0 + p).loadUnaligned(as: SIMD8<Float>.self)
                    s00.addProduct(u, w0); s10.addProduct(v, w0)
                    let w1 = UnsafeRawPointer(b1 + p).loadUnaligned(as: SIMD8<Float>.self)
                    s01.addProduct(u, w1); s11.addProduct(v, w1)
                    let w2 = UnsafeRawPointer(b2 + p).loadUnaligned(as: SIMD8<Float>.self)
                    s02.addProduct(u, w2); s12.addProduct(v, w2)
                    let w3 = UnsafeRawPointer(b3 + p).loadUnaligned(as: SIMD8<Float>.self)
                    s03.addProduct(u, w3); s13.addProduct(v, w3)
                    p += 8
                }
                var t = (s00.sum(), s01.sum(), s02.sum(), s03.sum())
                var r = (s10.sum(), s11.sum(), s12.sum(), s13.sum())
                while p < k {
                    let (e, f) = (x0[p], x1[p])
                    t.0 += e * b0[p]; t.1 += e * b1[p]; t.2 += e * b2[p]; t.3 += e * b3[p]
                    r.0 += f * b0[p]; r.1 += f * b1[p]; r.2 += f * b2[p]; r.3 += f * b3[p]
                    p += 1
                }
                if accumulate {
                    o0[j] += t.0; o0[j + 1] += t.1; o0[j + 2] += t.2; o0[j + 3] += t.3
                    o1[j] += r.0; o1[j + 1] += r.1; o1[j + 2] += r.2; o1[j + 3] += r.3
                } else {
                    o0[j] = t.0; o0[j + 1] = t.1; o0[j + 2] = t.2; o0[j + 3] = t.3
                    o1[j] = r.0; o1[j + 1] = r.1; o1[j + 2] = r.2; o1[j + 3] = r.3
                }
                j += 4
            }
            if j < n {
                dotRow(x0, b + j &* ldb, ldb: ldb, n: n - j, k: k, into: o0 + j, accumulate: accumulate)
                dotRow(x1, b + j &* ldb, ldb: ldb, n: n - j, k: k, into: o1 + j, accumulate: accumulate)
            }
            i += 2
        }
        while i < rows.upperBound {
            dotRow(a + i &* lda, b, ldb: ldb, n: n, k: k, into: c + i &* ldc, accumulate: accumulate)
            i += 1
        }
    }

    /// One row of an NT product: out[j] (+)= ⟨row, B[j, :]⟩ for every j, four B rows at a time.
    @inline(__always)
    static func dotRow(_ row: UnsafePointer<Float>, _ b: UnsafePointer<Float>, ldb: Int, n: Int, k: Int,
                       into out: UnsafeMutablePointer<Float>, accumulate: Bool) {
        let vectorEnd = k & ~7
        var j = 0
        while j + 4 <= n {
            let b0 = b + j * ldb, b1 = b0 + ldb, b2 = b1 + ldb, b3 = b2 + ldb
            var s0 = SIMD8<Float>(), s1 = SIMD8<Float>(), s2 = SIMD8<Float>(), s3 = SIMD8<Float>()
            var p = 0
            while p < vectorEnd {
                let x = UnsafeRawPointer(row + p).loadUnaligned(as: SIMD8<Float>.self)
                s0.addProduct(x, UnsafeRawPointer(b0 + p).loadUnaligned(as: SIMD8<Float>.self))
                s1.addProduct(x, UnsafeRawPointer(b1 + p).loadUnaligned(as: SIMD8<Float>.self))
                s2.addProduct(x, UnsafeRawPointer(b2 + p).loadUnaligned(as: SIMD8<Float>.self))
                s3.addProduct(x, UnsafeRawPointer(b3 + p).loadUnaligned(as: SIMD8<Float>.self))
                p += 8
            }
            var t0 = s0.sum(), t1 = s1.sum(), t2 = s2.sum(), t3 = s3.sum()
            while p < k {
                let x = row[p]
                t0 += x * b0[p]; t1 += x * b1[p]; t2 += x * b2[p]; t3 += x * b3[p]
                p += 1
            }
            if accumulate {
                out[j] += t0; out[j + 1] += t1; out[j + 2] += t2; out[j + 3] += t3
            } else {
                out[j] = t0; out[j + 1] = t1; out[j + 2] = t2; out[j + 3] = t3
            }
            j += 4
        }
        while j < n {
            let bj = b + j * ldb
            var s = SIMD8<Float>()
            var p = 0
            while p < vectorEnd {
                s.addProduct(UnsafeRawPointer(row + p).loadUnaligned(as: SIMD8<Float>.self),
                             UnsafeRawPointer(bj + p).loadUnaligned(as: SIMD8<Float>.self))
                p += 8
            }
            var t = s.sum()
            while p < k { t += row[p] * bj[p]; p += 1 }
            out[j] = accumulate ? out[j] + t : t
            j += 1
        }
    }

    /// out[cols, rows] = in[rows, cols]ᵀ.
    public static func transpose(rows: Int, cols: Int, _ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>) {
        for r in 0..<rows {
            for c in 0..<cols { output[c * rows + r] = input[r * cols + c] }
        }
    }
}

/// A read-only pointer that may cross to the other thread of `Parallel.pair`; each thread reads disjoint or
/// shared-immutable memory.
struct SendablePointer: @unchecked Sendable {
    let pointer: UnsafePointer<Float>
    init(_ pointer: UnsafePointer<Float>) { self.pointer = pointer }
}

/// A writable pointer that may cross to the other thread of `Parallel.pair`; each thread writes its own rows or
/// columns, never the same element.
struct SendableMutablePointer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Float>
    init(_ pointer: UnsafeMutablePointer<Float>) { self.pointer = pointer }
}
