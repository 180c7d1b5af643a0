import CKernels

/// The NT product the CNN was trained with: its summation order (8 lane sums along K, then
/// the remainder) differs from the packed kernel's one chain per element, so the CNN keeps it —
/// its checkpoints and goldens stay bit-for-bit as they were.
extension GEMM {
    /// C[M, N] = A[M, K] · B[N, K]ᵀ (+ C when `accumulate`) as dot products of contiguous rows,
    /// each vectorised along K (8 lane sums, added up, then the last K mod 8 terms).
    public static func multiplyTransposedByRowDots(m: Int, n: Int, k: Int,
                                          a: UnsafePointer<Float>, lda: Int,
                                          b: UnsafePointer<Float>, ldb: Int,
                                          c: UnsafeMutablePointer<Float>, ldc: Int,
                                          accumulate: Bool) {
        guard m > 0, n > 0 else { return }
        if Parallel.slices > 1 && m * n * k >= parallelThreshold && m >= 2 {
            let half = (m + 1) / 2
            Parallel.pair({
                rowDots(0..<half, a, lda: lda, b, ldb: ldb, n: n, k: k, into: c, ldc: ldc, accumulate: accumulate)
            }, {
                rowDots(half..<m, a, lda: lda, b, ldb: ldb, n: n, k: k, into: c, ldc: ldc, accumulate: accumulate)
            })
        } else {
            rowDots(0..<m, a, lda: lda, b, ldb: ldb, n: n, k: k, into: c, ldc: ldc, accumulate: accumulate)
        }
    }

    /// The rows `rows` of an NT product: with the AVX-512 kernel of CKernels when this process
    /// uses AVX-512 (two 8-lane chains per register, the same arithmetic, so the same bits),
    /// else `dotRows`. `isa` overrides the choice, for tests.
    @inline(__always)
    static func rowDots(_ rows: Range<Int>, _ a: UnsafePointer<Float>, lda: Int, _ b: UnsafePointer<Float>, ldb: Int,
                        n: Int, k: Int, into c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool, isa: ISA = GEMM.isa) {
        #if arch(x86_64)
        if isa == .avx512 {
            nv_row_dots_avx512(rows.count, n, k, a + rows.lowerBound * lda, lda, b, ldb, c + rows.lowerBound * ldc, ldc,
                               accumulate ? 1 : 0)
            return
        }
        #endif
        dotRows(rows, a, lda: lda, b, ldb: ldb, n: n, k: k, into: c, ldc: ldc, accumulate: accumulate)
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
}
