import Foundation

/// Adam for a `CNN`, working in place on each layer's parameter buffers (no copies per step).
///
/// The same rule as `Adam` (and PyTorch): m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g²,
/// θ ← θ − lr · m̂ / (√v̂ + ε), m̂ = m / (1 − β₁ᵗ), v̂ = v / (1 − β₂ᵗ). Defaults are the original
/// project's: lr 0.01, β₁ 0.9, β₂ 0.999, ε 1e-8.
public struct CNNAdam: Sendable {
    /// Step size.
    public var learningRate: Float
    /// Moment decays and the denominator's guard.
    public var beta1: Float, beta2: Float, epsilon: Float
    /// Steps taken.
    public private(set) var steps = 0
    /// First and second moments, one buffer per (layer, parameter) in layer order.
    private var moments: [[Float]] = []
    /// The second core's half of a long parameter's update (this value's own: see `step`).
    private var job = RangeJob<Update>()

    /// Adam with the original project's settings unless given.
    public init(lr: Float = 0.01, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8) {
        learningRate = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }

    /// Updates every parameter of `model` from its gradient.
    public mutating func step(_ model: inout CNN) {
        if moments.isEmpty {
            for layer in model.layers {
                for p in layer.parameters { moments.append([Float](repeating: 0, count: 2 * p.value.count)) }
            }
        }
        // A copy of this optimizer shares the job object; it must not post the same job from
        // another thread at the same time.
        if !isKnownUniquelyReferenced(&job) { job = RangeJob<Update>() }
        steps += 1
        let lr = learningRate, b1 = beta1, b2 = beta2, eps = epsilon
        let c1 = 1 / (1 - Float(pow(Double(b1), Double(steps))))
        let c2 = 1 / (1 - Float(pow(Double(b2), Double(steps))))
        var slot = 0
        for i in model.layers.indices {
            for p in 0..<model.layers[i].parameterCount {
                moments[slot].withUnsafeMutableBufferPointer { state in
                    model.layers[i].withParameter(p) { v, g in
                        let update = Update(value: v.baseAddress!, gradient: g.baseAddress!, first: state.baseAddress!,
                                            second: state.baseAddress! + v.count,
                                            lr: lr, beta1: b1, beta2: b2, epsilon: eps, c1: c1, c2: c2)
                        Parallel.apply(update, count: v.count, alignment: 8, job: job)
                    }
                }
                slot += 1
            }
        }
    }

    /// The update of one parameter buffer (values, gradients, moments: [n] each), by ranges.
    /// Elements are independent; a range starting at a multiple of 8 gives each element the
    /// vector or scalar path it gets in one pass over the whole buffer (the last n mod 8 scalar).
    struct Update: RangeOperation {
        let value: UnsafeMutablePointer<Float>, gradient: UnsafeMutablePointer<Float>
        let first: UnsafeMutablePointer<Float>, second: UnsafeMutablePointer<Float>
        let lr: Float, beta1: Float, beta2: Float, epsilon: Float, c1: Float, c2: Float

        func apply(_ range: Range<Int>) {
            let (vp, gp, m, s) = (value, gradient, first, second)
            let (b1, b2, lr, eps, c1, c2) = (beta1, beta2, self.lr, epsilon, self.c1, self.c2)
            let (vb1, vb2, vlr, veps) = (SIMD8<Float>(repeating: b1), SIMD8<Float>(repeating: b2),
                                         SIMD8<Float>(repeating: lr), SIMD8<Float>(repeating: eps))
            var at = range.lowerBound
            while at + 8 <= range.upperBound {
                let grad = UnsafeRawPointer(gp + at).loadUnaligned(as: SIMD8<Float>.self)
                let mk = vb1 * UnsafeRawPointer(m + at).loadUnaligned(as: SIMD8<Float>.self) + (1 - vb1) * grad
                let sk = vb2 * UnsafeRawPointer(s + at).loadUnaligned(as: SIMD8<Float>.self) + (1 - vb2) * grad * grad
                UnsafeMutableRawPointer(m + at).storeBytes(of: mk, as: SIMD8<Float>.self)
                UnsafeMutableRawPointer(s + at).storeBytes(of: sk, as: SIMD8<Float>.self)
                let value = UnsafeRawPointer(vp + at).loadUnaligned(as: SIMD8<Float>.self)
                let update = vlr * (mk * c1) / (CNNAdam.squareRoot(sk * c2) + veps)
                UnsafeMutableRawPointer(vp + at).storeBytes(of: value - update, as: SIMD8<Float>.self)
                at += 8
            }
            for k in at..<range.upperBound {
                let grad = gp[k]
                m[k] = b1 * m[k] + (1 - b1) * grad
                s[k] = b2 * s[k] + (1 - b2) * grad * grad
                let root = CNNAdam.squareRoot(SIMD8<Float>(repeating: s[k] * c2))[0]
                vp[k] -= lr * (m[k] * c1) / (root + eps)
            }
        }
    }

    /// √x for finite x ≥ 0 in eight lanes, within 2 ulp of the correctly rounded root (√0 = 0).
    /// SIMD8's own `squareRoot()` is lowered lane by lane on Linux (a libm-style scalar root
    /// with a branch per lane), which made Adam a tenth of a training step. Here: the classic
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
