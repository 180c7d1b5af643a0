import CKernels
import Foundation

/// The Adam update of one parameter buffer, the one rule both Adam drivers run — `Adam` over an
/// MLP's parameter list, `CNNAdam` in place over a CNN's layers:
/// m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², θ ← θ − lr · (m · c₁) / (√(v · c₂) + ε), with the
/// bias corrections given as reciprocals c₁ = 1 / (1 − β₁ᵗ), c₂ = 1 / (1 − β₂ᵗ) (see `corrections`).
enum AdamRule {
    /// c₁ = 1 / (1 − β₁ᵗ) and c₂ = 1 / (1 − β₂ᵗ) for step `t` (1 for the first step).
    static func corrections(beta1: Float, beta2: Float, step t: Int) -> (Float, Float) {
        (1 / (1 - Float(pow(Double(beta1), Double(t)))), 1 / (1 - Float(pow(Double(beta2), Double(t)))))
    }

    /// Updates `n` values `vp` from their gradients `gp` and moments `m`, `s` (each `[n]`),
    /// sixteen lanes at a time with AVX-512 when this process uses it (CKernels' `nv_adam_avx512`,
    /// the same arithmetic), eight at a time, then the rest one by one with the same arithmetic:
    /// an element's result does not depend on which of them updates it. `isa` is for tests.
    @inline(__always)
    static func update(values vp: UnsafeMutablePointer<Float>, gradients gp: UnsafePointer<Float>,
                       first m: UnsafeMutablePointer<Float>, second s: UnsafeMutablePointer<Float>, count n: Int,
                       lr: Float, beta1 b1: Float, beta2 b2: Float, epsilon eps: Float, c1: Float, c2: Float,
                       isa: GEMM.ISA = GEMM.isa) {
        var start = 0
        #if arch(x86_64)
        if isa == .avx512 && n >= 16 { start = nv_adam_avx512(vp, gp, m, s, n, lr, b1, b2, eps, c1, c2) }
        #endif
        let vectors = (n - start) / 8
        let (vb1, vb2, vlr, veps) = (SIMD8<Float>(repeating: b1), SIMD8<Float>(repeating: b2),
                                     SIMD8<Float>(repeating: lr), SIMD8<Float>(repeating: eps))
        for q in 0..<vectors {
            let at = start &+ 8 &* q
            let grad = UnsafeRawPointer(gp + at).loadUnaligned(as: SIMD8<Float>.self)
            let mk = vb1 * UnsafeRawPointer(m + at).loadUnaligned(as: SIMD8<Float>.self) + (1 - vb1) * grad
            let sk = vb2 * UnsafeRawPointer(s + at).loadUnaligned(as: SIMD8<Float>.self) + (1 - vb2) * grad * grad
            UnsafeMutableRawPointer(m + at).storeBytes(of: mk, as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(s + at).storeBytes(of: sk, as: SIMD8<Float>.self)
            let value = UnsafeRawPointer(vp + at).loadUnaligned(as: SIMD8<Float>.self)
            let update = vlr * (mk * c1) / (squareRoot(sk * c2) + veps)
            UnsafeMutableRawPointer(vp + at).storeBytes(of: value - update, as: SIMD8<Float>.self)
        }
        for k in (start + 8 * vectors)..<n {
            let grad = gp[k]
            m[k] = b1 * m[k] + (1 - b1) * grad
            s[k] = b2 * s[k] + (1 - b2) * grad * grad
            let root = squareRoot(SIMD8<Float>(repeating: s[k] * c2))[0]
            vp[k] -= lr * (m[k] * c1) / (root + eps)
        }
    }

    /// √x for finite x ≥ 0 in eight lanes, within 2 ulp of the correctly rounded root (√0 = 0).
    /// SIMD8's own `squareRoot()` is lowered lane by lane on Linux (a libm-style scalar root
    /// with a branch per lane), which made Adam a tenth of a CNN training step. Here: the classic
    /// bit-trick estimate of 1/√x, three Newton steps r ← r(1.5 − ½xr²) (relative error
    /// 3.4% → 2e-3 → 5e-6 → float rounding), then √x = x·r. Lanes are independent and the
    /// arithmetic fixed, so results are deterministic.
    @inline(__always)
    static func squareRoot(_ x: SIMD8<Float>) -> SIMD8<Float> {
        // Subnormal x (squared gradients below 1e-38) are scaled by 2⁶⁴ first and their roots
        // by 2⁻³² after: the bit trick needs a normal exponent.
        let tiny = x .< Float.leastNormalMagnitude
        let scaled = x.replacing(with: x * 0x1p64, where: tiny)
        let bits = SIMD8<UInt32>(repeating: 0x5F37_59DF) &- (unsafeBitCast(scaled, to: SIMD8<UInt32>.self) &>> 1)
        var r = unsafeBitCast(bits, to: SIMD8<Float>.self)
        let half = 0.5 * scaled
        for _ in 0..<3 { r = r * (1.5 - half * r * r) }
        let root = scaled * r
        return root.replacing(with: root * 0x1p-32, where: tiny)
    }
}
