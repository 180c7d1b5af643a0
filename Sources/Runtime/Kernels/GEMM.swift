import CKernels
import Foundation

/// Single-precision matrix multiplies on raw row-major buffers: the CNN's hot loops and the
/// large products of distances and attention.
///
/// - `multiply` (NN): C[M, N] (+)= A[M, K] · B[K, N].
/// - `multiplyTransposed` (NT): C[M, N] (+)= A[M, K] · B[N, K]ᵀ.
/// Large products run the packed, cache-blocked kernel of the C target CKernels (GotoBLAS
/// style: B and A packed into panels, an mr × nr register tile per micro-kernel call) with the
/// widest vector unit the CPU has, chosen at run time (`isa`): AVX-512 (12 × 32 tile), AVX2 +
/// FMA (6 × 16) or NEON (8 × 12). The kernels are C with intrinsics because Swift has no
/// per-function target attribute: a Swift AVX-512 kernel would need its whole module compiled
/// for AVX-512, and then nv would not start on the AVX2 CPUs it supports.
///
/// Every element of C is one chain of fused multiply-adds from 0 in increasing K (then added to
/// the old C when `accumulate`) on every path — packed or register kernel, any ISA, any split
/// between the cores — so results do not depend on the machine or the core count. (The CNN's
/// NT products keep their own summation order: see `multiplyTransposedByRowDots`.)
/// Work is split over the cores with `Parallel.pair` only when the product has enough
/// multiply-adds to pay for the hand-off (inside a half-batch the worker is busy and it runs inline).
public enum GEMM {
    /// Multiply-adds below which a product runs on one thread.
    static let parallelThreshold = 2_000_000
    /// Multiply-adds below which an NN product skips packing (`multiplyColumns`, same results).
    /// Measured on the CNN: the training step's CPU time is the same either way, but inference
    /// at batch 1 took 17.6 µs a call with packing against 6.6 µs without.
    static let packingThreshold = 2_000_000
    /// Multiply-adds below which an NN product runs unpacked with AVX-512 (`nv_sgemm_small_avx512`,
    /// same results) when the process uses AVX-512. Higher than `packingThreshold`: the 28x28
    /// CNN's second convolution (16 × 1936 × 72 per half-batch, forward, and 72 × 1936 × 16 for
    /// ∂columns) took 10% less CPU per training step unpacked than packed (16 rows fill a
    /// 12-row packed tile badly, and packing copied the 557 KB columns matrix again).
    static let smallThreshold = 4_000_000

    /// The vector instruction sets the packed kernel can use.
    public enum ISA: String, CaseIterable, Sendable {
        case scalar, neon, avx2, avx512

        var c: nv_isa {
            switch self {
            case .scalar: NV_ISA_SCALAR
            case .neon: NV_ISA_NEON
            case .avx2: NV_ISA_AVX2
            case .avx512: NV_ISA_AVX512
            }
        }

        /// Whether this CPU (and its operating system) can run the kernel.
        public var isAvailable: Bool { GEMM.availableISAs.contains(self) }
    }

    /// The instruction sets this CPU can run, asked once (CPUID traps to the hypervisor in a VM).
    static let availableISAs: Set<ISA> = Set(ISA.allCases.filter { nv_isa_available($0.c) != 0 })

    /// The instruction set this process uses: the best the CPU has, or the one `NV_GEMM_ISA`
    /// names (avx2, avx512, neon, scalar — to measure or test a narrower path) when the CPU has it.
    public static let isa: ISA = chooseISA(environment: ProcessInfo.processInfo.environment)

    /// `NV_GEMM_ISA`'s choice when it names an instruction set this CPU has, else the best one.
    static func chooseISA(environment: [String: String]) -> ISA {
        if let name = environment["NV_GEMM_ISA"]?.lowercased(), let chosen = ISA(rawValue: name), chosen.isAvailable {
            return chosen
        }
        return ISA.allCases.last { $0.isAvailable } ?? .scalar
    }

    /// C[M, N] = A[M, K] · B[K, N] (+ C when `accumulate`). Leading dimensions are the row lengths.
    public static func multiply(m: Int, n: Int, k: Int,
                                a: UnsafePointer<Float>, lda: Int,
                                b: UnsafePointer<Float>, ldb: Int,
                                c: UnsafeMutablePointer<Float>, ldc: Int,
                                accumulate: Bool) {
        guard m > 0, n > 0 else { return }
        #if arch(x86_64)
        if isa == .avx512 && m * n * k < smallThreshold && k > 0 {
            nv_sgemm_small_avx512(m, n, k, a, lda, b, ldb, c, ldc, accumulate ? 1 : 0)
            return
        }
        #endif
        if m * n * k < packingThreshold && k > 0 {
            multiplyColumns(m: m, columns: 0..<n, k: k, a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc,
                            accumulate: accumulate)
            return
        }
        multiplyStrided(m: m, n: n, k: k, a: a, rsa: lda, csa: 1, b: b, rsb: ldb, csb: 1, c: c, ldc: ldc,
               accumulate: accumulate, isa: isa)
    }

    /// C[M, N] = A[M, K] · B[N, K]ᵀ (+ C when `accumulate`): B's rows are packed as columns.
    public static func multiplyTransposed(m: Int, n: Int, k: Int,
                                          a: UnsafePointer<Float>, lda: Int,
                                          b: UnsafePointer<Float>, ldb: Int,
                                          c: UnsafeMutablePointer<Float>, ldc: Int,
                                          accumulate: Bool) {
        guard m > 0, n > 0 else { return }
        multiplyStrided(m: m, n: n, k: k, a: a, rsa: lda, csa: 1, b: b, rsb: 1, csb: ldb, c: c, ldc: ldc,
               accumulate: accumulate, isa: isa)
    }

    /// C[M, N] (+)= A · B with the packed kernel on strided operands — element (i, p) of A at
    /// a[i·rsa + p·csa], (p, j) of B at b[p·rsb + j·csb], so a transposed operand needs no copy —
    /// with `isa` (default: this process's; it must be available), the rows or the columns of C
    /// (whichever are more) split between the two cores when the product is large.
    public static func multiplyStrided(m: Int, n: Int, k: Int,
                       a: UnsafePointer<Float>, rsa: Int, csa: Int,
                       b: UnsafePointer<Float>, rsb: Int, csb: Int,
                       c: UnsafeMutablePointer<Float>, ldc: Int,
                       accumulate: Bool, isa: ISA = GEMM.isa) {
        guard m > 0, n > 0 else { return }
        let accumulate: Int32 = accumulate ? 1 : 0
        precondition(isa.isAvailable, "GEMM: this CPU cannot run the \(isa.rawValue) kernel")
        // Even halves: a half that is not a whole number of register tiles costs one partial
        // tile, about 1% at these sizes, less than uneven halves would.
        if Parallel.slices > 1 && m * n * k >= parallelThreshold && max(m, n) >= 2 {
            let (aa, bb, cc) = (SendablePointer(a), SendablePointer(b), SendableMutablePointer(c))
            if m >= n {
                let split = m / 2
                Parallel.pair({
                    nv_sgemm(isa.c, split, n, k, aa.pointer, rsa, csa, bb.pointer, rsb, csb, cc.pointer, ldc, accumulate)
                }, {
                    nv_sgemm(isa.c, m - split, n, k, aa.pointer + split * rsa, rsa, csa, bb.pointer, rsb, csb,
                             cc.pointer + split * ldc, ldc, accumulate)
                })
            } else {
                let split = n / 2
                Parallel.pair({
                    nv_sgemm(isa.c, m, split, k, aa.pointer, rsa, csa, bb.pointer, rsb, csb, cc.pointer, ldc, accumulate)
                }, {
                    nv_sgemm(isa.c, m, n - split, k, aa.pointer, rsa, csa, bb.pointer + split * csb, rsb, csb,
                             cc.pointer + split, ldc, accumulate)
                })
            }
        } else {
            nv_sgemm(isa.c, m, n, k, a, rsa, csa, b, rsb, csb, c, ldc, accumulate)
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
struct SendablePointer<Element>: @unchecked Sendable {
    let pointer: UnsafePointer<Element>
    init(_ pointer: UnsafePointer<Element>) { self.pointer = pointer }
}

/// A writable pointer that may cross to the other thread of `Parallel.pair`; each thread writes its own rows or
/// columns, never the same element.
struct SendableMutablePointer<Element>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Element>
    init(_ pointer: UnsafeMutablePointer<Element>) { self.pointer = pointer }
}
