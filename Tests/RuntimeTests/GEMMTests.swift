import Foundation
import Testing
@testable import Runtime

/// The packed GEMM of CKernels on every instruction set this machine can run, against the
/// arithmetic it promises: each element one fused multiply-add chain from 0 in increasing K
/// (then + the old C when accumulating). Equality is exact, so a kernel that reorders a sum,
/// drops an edge or writes outside C fails.
@Suite("GEMM kernels")
struct GEMMTests {
    /// The instruction sets to check here (the scalar path always runs).
    static let isas = GEMM.ISA.allCases.filter(\.isAvailable)

    /// A product's operands and its expected result, with leading dimensions wider than the
    /// matrices so that writes past a row of C show up in the guard columns.
    struct Case {
        let m, n, k: Int
        let transposedB: Bool
        let accumulate: Bool
        var lda: Int { k + 3 }
        var ldb: Int { (transposedB ? k : n) + 5 }
        var ldc: Int { n + 2 }
        let a: [Float], b: [Float], c0: [Float]

        init(m: Int, n: Int, k: Int, transposedB: Bool = false, accumulate: Bool = false, seed: UInt64 = 1) {
            (self.m, self.n, self.k, self.transposedB, self.accumulate) = (m, n, k, transposedB, accumulate)
            var rng = SeededGenerator(seed: seed)
            let rowsB = transposedB ? n : k
            a = (0..<(m * (k + 3))).map { _ in Float.random(in: -1...1, using: &rng) }
            b = (0..<(rowsB * ((transposedB ? k : n) + 5))).map { _ in Float.random(in: -1...1, using: &rng) }
            c0 = (0..<(m * (n + 2))).map { _ in Float.random(in: -1...1, using: &rng) }
        }

        /// B's element (p, j) in either layout.
        func bAt(_ p: Int, _ j: Int) -> Float { transposedB ? b[j * ldb + p] : b[p * ldb + j] }

        /// The promised result: guard columns keep their old values.
        var expected: [Float] {
            var c = c0
            for i in 0..<m {
                for j in 0..<n {
                    var sum: Float = 0
                    for p in 0..<k { sum.addProduct(a[i * lda + p], bAt(p, j)) }
                    c[i * ldc + j] = accumulate ? c0[i * ldc + j] + sum : sum
                }
            }
            return c
        }

        /// C from the packed kernel with `isa`.
        func packed(isa: GEMM.ISA) -> [Float] {
            var c = c0
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    c.withUnsafeMutableBufferPointer { c in
                        GEMM.multiplyStrided(m: m, n: n, k: k, a: a.baseAddress!, rsa: lda, csa: 1, b: b.baseAddress!,
                                    rsb: transposedB ? 1 : ldb, csb: transposedB ? ldb : 1,
                                    c: c.baseAddress!, ldc: ldc, accumulate: accumulate, isa: isa)
                    }
                }
            }
            return c
        }

        /// C from the public entry point (`multiply` or `multiplyTransposed`).
        var public_: [Float] {
            var c = c0
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    c.withUnsafeMutableBufferPointer { c in
                        if transposedB {
                            GEMM.multiplyTransposed(m: m, n: n, k: k, a: a.baseAddress!, lda: lda, b: b.baseAddress!, ldb: ldb,
                                                    c: c.baseAddress!, ldc: ldc, accumulate: accumulate)
                        } else {
                            GEMM.multiply(m: m, n: n, k: k, a: a.baseAddress!, lda: lda, b: b.baseAddress!, ldb: ldb,
                                          c: c.baseAddress!, ldc: ldc, accumulate: accumulate)
                        }
                    }
                }
            }
            return c
        }
    }

    /// Sizes around every tile and block edge: 1, below and above a tile (6, 12 rows; 16, 32
    /// columns), K past the 256-deep block (so the chain continues through C), and a product
    /// large enough that the public entry point splits it between the cores.
    static let shapes: [(Int, Int, Int)] = [
        (1, 1, 1), (1, 17, 3), (5, 1, 9), (7, 33, 2), (12, 32, 8), (13, 31, 5), (25, 49, 17),
        (6, 16, 257), (37, 70, 300), (3, 5, 600), (150, 1100, 20),
    ]

    @Test("NN and NT products equal the fused chain on every ISA", arguments: isas)
    func packedMatchesTheChain(isa: GEMM.ISA) {
        for (m, n, k) in Self.shapes {
            for transposedB in [false, true] {
                for accumulate in [false, true] {
                    let t = Case(m: m, n: n, k: k, transposedB: transposedB, accumulate: accumulate, seed: UInt64(m * 1000 + n + k))
                    #expect(t.packed(isa: isa) == t.expected,
                            "\(isa) m \(m) n \(n) k \(k) \(transposedB ? "NT" : "NN") accumulate \(accumulate)")
                }
            }
        }
    }

    /// K = 0: C becomes 0, or stays as it was when accumulating.
    @Test("an empty depth gives zeros or leaves C", arguments: isas)
    func emptyDepth(isa: GEMM.ISA) {
        for accumulate in [false, true] {
            let t = Case(m: 7, n: 19, k: 0, accumulate: accumulate)
            #expect(t.packed(isa: isa) == t.expected)
        }
    }

    /// The public entry points (register kernel for small NN products, the packed kernel with
    /// this process's ISA for the rest, two cores for large ones) keep the same promise.
    @Test("multiply and multiplyTransposed equal the fused chain at every size")
    func publicEntryPoints() {
        for (m, n, k) in Self.shapes + [(200, 130, 90), (97, 260, 100)] {
            for transposedB in [false, true] {
                for accumulate in [false, true] {
                    let t = Case(m: m, n: n, k: k, transposedB: transposedB, accumulate: accumulate)
                    #expect(t.public_ == t.expected, "m \(m) n \(n) k \(k) \(transposedB ? "NT" : "NN") accumulate \(accumulate)")
                }
            }
        }
    }

    /// `NV_GEMM_ISA` picks a narrower path the CPU has; an unknown name or one the CPU lacks
    /// falls back to the best.
    @Test func environmentChoosesTheISA() {
        let best = GEMM.chooseISA(environment: [:])
        #expect(best.isAvailable)
        #expect(GEMM.chooseISA(environment: ["NV_GEMM_ISA": "scalar"]) == .scalar)
        #expect(GEMM.chooseISA(environment: ["NV_GEMM_ISA": "AVX2"]) == (GEMM.ISA.avx2.isAvailable ? .avx2 : best))
        #expect(GEMM.chooseISA(environment: ["NV_GEMM_ISA": "sse9"]) == best)
        for isa in GEMM.ISA.allCases where !isa.isAvailable {
            #expect(GEMM.chooseISA(environment: ["NV_GEMM_ISA": isa.rawValue]) == best)
        }
        #if arch(x86_64)
        #expect(GEMM.ISA.avx2.isAvailable, "nv requires AVX2 + FMA on x86-64")
        #endif
    }
}
