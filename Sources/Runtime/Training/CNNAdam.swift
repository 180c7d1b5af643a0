import Foundation

/// Adam for a `CNN`, working in place on each layer's parameter buffers (no copies per step).
///
/// The rule is `AdamRule`, the same code `Adam` runs for an MLP (and PyTorch's rule):
/// m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², θ ← θ − lr · m̂ / (√v̂ + ε), m̂ = m / (1 − β₁ᵗ),
/// v̂ = v / (1 − β₂ᵗ). Defaults are the original project's: lr 0.01, β₁ 0.9, β₂ 0.999, ε 1e-8.
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
        let (lr, b1, b2, eps) = (learningRate, beta1, beta2, epsilon)
        let (c1, c2) = AdamRule.corrections(beta1: b1, beta2: b2, step: steps)
        var slot = 0
        for i in model.layers.indices {
            for p in 0..<model.layers[i].parameterCount {
                moments[slot].withUnsafeMutableBufferPointer { state in   // state: [2n], m then v
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

    /// The update of one parameter buffer (values, gradients, moments: [n] each), by ranges:
    /// `AdamRule.update` on each. Elements are independent; a range starting at a multiple of 8
    /// gives each element the vector or scalar path it gets in one pass over the whole buffer
    /// (the last n mod 8 scalar), so the result does not depend on the core count.
    struct Update: RangeOperation {
        let value: UnsafeMutablePointer<Float>, gradient: UnsafeMutablePointer<Float>
        let first: UnsafeMutablePointer<Float>, second: UnsafeMutablePointer<Float>
        let lr: Float, beta1: Float, beta2: Float, epsilon: Float, c1: Float, c2: Float

        func apply(_ range: Range<Int>) {
            let at = range.lowerBound
            AdamRule.update(values: value + at, gradients: gradient + at, first: first + at, second: second + at,
                            count: range.count, lr: lr, beta1: beta1, beta2: beta2, epsilon: epsilon, c1: c1, c2: c2)
        }
    }
}
