/// The NN product of small matrices without packing: a register-blocked kernel that keeps a
/// 4 × 16 (or 4 × 8) tile of C in SIMD registers while it streams over K. Each element is the
/// packed kernel's chain exactly (fused multiply-adds from 0 in K order, then + C), so which of
/// the two runs a product changes no result; this one skips the packing that small products
/// (the CNN's, a few hundred thousand multiply-adds) cannot pay for.
extension GEMM {
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
}
