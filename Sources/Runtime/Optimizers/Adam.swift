import Foundation

/// Adam (Kingma & Ba), as PyTorch computes it:
/// m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², θ ← θ − lr · m̂ / (√v̂ + ε)
/// with m̂ = m / (1 − β₁ᵗ), v̂ = v / (1 − β₂ᵗ).
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
    private var firstMoment: [[Float]] = []
    private var secondMoment: [[Float]] = []

    /// Adam with PyTorch's defaults except the learning rate.
    public init(lr: Float = 0.001, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8) {
        learningRate = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }

    public var description: String { "adam(lr: \(learningRate), beta1: \(beta1), beta2: \(beta2), eps: \(epsilon))" }

    public mutating func step(_ parameters: inout [Parameter]) {
        if firstMoment.count != parameters.count {
            firstMoment = Self.zeroState(like: parameters)
            secondMoment = firstMoment
            steps = 0
        }
        steps += 1
        let lr = learningRate, b1 = beta1, b2 = beta2, eps = epsilon
        let correction1 = 1 - Float(pow(Double(b1), Double(steps)))
        let correction2 = 1 - Float(pow(Double(b2), Double(steps)))
        var first = firstMoment, second = secondMoment
        firstMoment = []
        secondMoment = []
        Self.forEachBuffer(&parameters) { p, v, g in
            first[p].withUnsafeMutableBufferPointer { m in
            second[p].withUnsafeMutableBufferPointer { s in
                for k in 0..<v.count {
                    m[k] = b1 * m[k] + (1 - b1) * g[k]
                    s[k] = b2 * s[k] + (1 - b2) * g[k] * g[k]
                    v[k] -= lr * (m[k] / correction1) / ((s[k] / correction2).squareRoot() + eps)
                }
            }}
        }
        firstMoment = first
        secondMoment = second
    }
}
