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
        steps += 1
        let lr = learningRate, b1 = beta1, b2 = beta2, eps = epsilon
        let c1 = 1 / (1 - Float(pow(Double(b1), Double(steps))))
        let c2 = 1 / (1 - Float(pow(Double(b2), Double(steps))))
        var slot = 0
        for i in model.layers.indices {
            for p in 0..<model.layers[i].parameterCount {
                moments[slot].withUnsafeMutableBufferPointer { state in
                    model.layers[i].withParameter(p) { v, g in
                        let n = v.count
                        let m = state.baseAddress!, s = m + n
                        let vectors = n / 8
                        let (vb1, vb2, vlr, veps) = (SIMD8<Float>(repeating: b1), SIMD8<Float>(repeating: b2),
                                                     SIMD8<Float>(repeating: lr), SIMD8<Float>(repeating: eps))
                        for q in 0..<vectors {
                            let at = 8 &* q
                            let grad = UnsafeRawPointer(g.baseAddress! + at).loadUnaligned(as: SIMD8<Float>.self)
                            let mk = vb1 * UnsafeRawPointer(m + at).loadUnaligned(as: SIMD8<Float>.self) + (1 - vb1) * grad
                            let sk = vb2 * UnsafeRawPointer(s + at).loadUnaligned(as: SIMD8<Float>.self) + (1 - vb2) * grad * grad
                            UnsafeMutableRawPointer(m + at).storeBytes(of: mk, as: SIMD8<Float>.self)
                            UnsafeMutableRawPointer(s + at).storeBytes(of: sk, as: SIMD8<Float>.self)
                            let value = UnsafeRawPointer(v.baseAddress! + at).loadUnaligned(as: SIMD8<Float>.self)
                            let update = vlr * (mk * c1) / ((sk * c2).squareRoot() + veps)
                            UnsafeMutableRawPointer(v.baseAddress! + at).storeBytes(of: value - update, as: SIMD8<Float>.self)
                        }
                        for k in (8 * vectors)..<n {
                            let grad = g[k]
                            m[k] = b1 * m[k] + (1 - b1) * grad
                            s[k] = b2 * s[k] + (1 - b2) * grad * grad
                            v[k] -= lr * (m[k] * c1) / ((s[k] * c2).squareRoot() + eps)
                        }
                    }
                }
                slot += 1
            }
        }
    }
}
