import Foundation

/// Adam (Kingma & Ba), as PyTorch computes it:
/// m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², θ ← θ − lr · m̂ / (√v̂ + ε)
/// with m̂ = m / (1 − β₁ᵗ), v̂ = v / (1 − β₂ᵗ). Each buffer is updated by `AdamRule`, the code
/// `CNNAdam` runs for a CNN.
public struct Adam: Optimizer {
    public var learningRate: Float
    /// Decay of the first moment.
    public var beta1: Float
    /// Decay of the second moment.
    public var beta2: Float
    /// Added to √v̂ so that a zero gradient does not divide by zero.
    public var epsilon: Float
    /// Steps taken (t).
    public private(set) var steps = 0
    /// Per parameter `[2n]`: the first moments, then the second.
    private var moments: [[Float]] = []

    /// Adam with PyTorch's defaults except the learning rate.
    public init(lr: Float = 0.001, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8) {
        learningRate = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }

    public var description: String { "adam(lr: \(learningRate), beta1: \(beta1), beta2: \(beta2), eps: \(epsilon))" }

    public mutating func step(_ parameters: inout [Parameter]) {
        if moments.count != parameters.count {
            moments = parameters.map { [Float](repeating: 0, count: 2 * $0.value.count) }
            steps = 0
        }
        steps += 1
        let (lr, b1, b2, eps) = (learningRate, beta1, beta2, epsilon)
        let (c1, c2) = AdamRule.corrections(beta1: b1, beta2: b2, step: steps)
        // Moved out so that each state buffer has one owner while it is written.
        var state = moments
        moments = []
        Self.forEachBuffer(&parameters) { p, v, g in
            guard v.count > 0 else { return }
            state[p].withUnsafeMutableBufferPointer { ms in   // ms: [2n], m then v
                AdamRule.update(values: v.baseAddress!, gradients: g.baseAddress!, first: ms.baseAddress!,
                                second: ms.baseAddress! + v.count, count: v.count, lr: lr,
                                beta1: b1, beta2: b2, epsilon: eps, c1: c1, c2: c2)
            }
        }
        moments = state
    }
}
