/// Plain stochastic gradient descent: θ ← θ − lr · g.
public struct SGD: Optimizer {
    public var learningRate: Float

    /// SGD with step size `lr`.
    public init(lr: Float) { learningRate = lr }

    public var description: String { "sgd(lr: \(learningRate))" }

    public mutating func step(_ parameters: inout [Parameter]) {
        let lr = learningRate
        Self.forEachBuffer(&parameters) { _, v, g in
            for k in 0..<v.count { v[k] -= lr * g[k] }
        }
    }
}
