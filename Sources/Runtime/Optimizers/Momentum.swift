/// Gradient descent with momentum, PyTorch's form: v ← β v + g, θ ← θ − lr · v.
public struct Momentum: Optimizer {
    public var learningRate: Float
    /// Momentum coefficient β in [0, 1).
    public var beta: Float
    /// Velocity per parameter buffer, created on the first step.
    private var velocity: [[Float]] = []

    /// Momentum with step size `lr` and coefficient `beta` (default 0.9).
    public init(lr: Float, beta: Float = 0.9) {
        learningRate = lr
        self.beta = beta
    }

    public var description: String { "momentum(lr: \(learningRate), beta: \(beta))" }

    public mutating func step(_ parameters: inout [Parameter]) {
        if velocity.count != parameters.count { velocity = Self.zeroState(like: parameters) }
        let lr = learningRate, beta = self.beta
        var velocity = self.velocity
        self.velocity = []
        Self.forEachBuffer(&parameters) { p, v, g in
            velocity[p].withUnsafeMutableBufferPointer { m in
                for k in 0..<v.count {
                    m[k] = beta * m[k] + g[k]
                    v[k] -= lr * m[k]
                }
            }
        }
        self.velocity = velocity
    }
}
