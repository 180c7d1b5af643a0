import Testing
@testable import Runtime

/// The AVX-512 kernels of CNN training give the same bits as the 8-lane Swift code they stand
/// in for (the AVX2 path): the NT products (`GEMM.multiplyTransposedByRowDots`) and Adam's
/// update. Trained weights must not depend on the CPU.
struct AVX512KernelTests {
    @Test(.enabled(if: GEMM.ISA.avx512.isAvailable, "this CPU has no AVX-512"))
    func avx512MatchesTheEightLaneKernelBitForBit() {
        var rng = SeededGenerator(seed: 21)
        // Odd and even row counts (the tile takes rows by 4 and lanes in pairs), B rows by 4 and
        // one, K below, at and off multiples of 8 (the scalar tail), padded leading dimensions.
        for (m, n, k) in [(1, 1, 1), (2, 3, 7), (3, 5, 8), (4, 4, 9), (5, 9, 16), (7, 6, 31), (8, 13, 64),
                          (16, 72, 100), (9, 2, 1936), (16, 128, 400), (6, 10, 0)] {
            let (lda, ldb, ldc) = (k + 3, k + 1, n + 2)
            let a = (0..<(m * lda)).map { _ in Float(rng.normal()) }
            let b = (0..<(n * ldb)).map { _ in Float(rng.normal()) }
            let start = (0..<(m * ldc)).map { _ in Float(rng.normal()) }
            for accumulate in [false, true] {
                var swift = start, wide = start
                a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    swift.withUnsafeMutableBufferPointer { c in
                        GEMM.dotRows(0..<m, a.baseAddress!, lda: lda, b.baseAddress!, ldb: ldb, n: n, k: k,
                                     into: c.baseAddress!, ldc: ldc, accumulate: accumulate)
                    }
                    wide.withUnsafeMutableBufferPointer { c in
                        GEMM.rowDots(0..<m, a.baseAddress!, lda: lda, b.baseAddress!, ldb: ldb, n: n, k: k,
                                     into: c.baseAddress!, ldc: ldc, accumulate: accumulate, isa: .avx512)
                    }
                }}
                #expect(wide.map(\.bitPattern) == swift.map(\.bitPattern), "m \(m) n \(n) k \(k) accumulate \(accumulate)")
            }
        }
    }

    @Test(.enabled(if: GEMM.ISA.avx512.isAvailable, "this CPU has no AVX-512"))
    func adamMatchesTheEightLaneUpdateBitForBit() {
        var rng = SeededGenerator(seed: 22)
        for count in Array(1...40) + [1000, 51_200] {
            let values = (0..<count).map { _ in Float(rng.normal()) }
            // Gradients from tiny (subnormal squares in the second moment) to large.
            let gradients = (0..<count).map { i in Float(rng.normal()) * (i % 5 == 0 ? 1e-22 : 1) }
            let first = (0..<count).map { _ in Float(rng.normal()) * 0.01 }
            let second = (0..<count).map { i in i % 7 == 0 ? 0 : Float(rng.uniform()) * 1e-3 }
            func run(_ isa: GEMM.ISA) -> [Float] {
                var (v, m, s) = (values, first, second)
                v.withUnsafeMutableBufferPointer { v in
                m.withUnsafeMutableBufferPointer { m in
                s.withUnsafeMutableBufferPointer { s in
                gradients.withUnsafeBufferPointer { g in
                    for step in 1...3 {
                        let (c1, c2) = AdamRule.corrections(beta1: 0.9, beta2: 0.999, step: step)
                        AdamRule.update(values: v.baseAddress!, gradients: g.baseAddress!, first: m.baseAddress!,
                                        second: s.baseAddress!, count: count, lr: 0.01, beta1: 0.9, beta2: 0.999,
                                        epsilon: 1e-8, c1: c1, c2: c2, isa: isa)
                    }
                }}}}
                return v + m + s
            }
            #expect(run(.avx512).map(\.bitPattern) == run(.avx2).map(\.bitPattern), "count \(count)")
        }
    }

    /// Small NN products (`GEMM.multiply` below the packing threshold: every product of CNN
    /// training at 14x14 and most at 28x28) against the 8-lane register kernel.
    @Test(.enabled(if: GEMM.isa == .avx512, "this process does not use AVX-512"))
    func smallProductsMatchTheEightLaneKernelBitForBit() {
        var rng = SeededGenerator(seed: 23)
        // Rows by 8 and the rest, columns by 32, one 16-lane group, and masked tails.
        for (m, n, k) in [(1, 1, 1), (3, 5, 2), (8, 32, 9), (9, 33, 16), (16, 47, 72), (7, 16, 3), (17, 100, 5),
                          (16, 400, 128), (128, 400, 16), (72, 256, 16), (8, 2304, 9), (2, 31, 64)] {
            let (lda, ldb, ldc) = (k + 1, n + 3, n + 5)
            let a = (0..<(m * lda)).map { _ in Float(rng.normal()) }
            let b = (0..<(k * ldb)).map { _ in Float(rng.normal()) }
            let start = (0..<(m * ldc)).map { _ in Float(rng.normal()) }
            for accumulate in [false, true] {
                var columns = start, wide = start
                a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    columns.withUnsafeMutableBufferPointer { c in
                        GEMM.multiplyColumns(m: m, columns: 0..<n, k: k, a: a.baseAddress!, lda: lda, b: b.baseAddress!, ldb: ldb,
                                             c: c.baseAddress!, ldc: ldc, accumulate: accumulate)
                    }
                    wide.withUnsafeMutableBufferPointer { c in
                        GEMM.multiply(m: m, n: n, k: k, a: a.baseAddress!, lda: lda, b: b.baseAddress!, ldb: ldb,
                                      c: c.baseAddress!, ldc: ldc, accumulate: accumulate)
                    }
                }}
                #expect(wide.map(\.bitPattern) == columns.map(\.bitPattern), "m \(m) n \(n) k \(k) accumulate \(accumulate)")
            }
        }
    }
}
