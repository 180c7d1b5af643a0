extension MLP {
    /// What an MLP's last layer computes, and so what the network predicts.
    public enum Head: String, Sendable, CaseIterable, Codable {
        /// One sigmoid output, the probability of class 1 of two; trained with bce or mse.
        case sigmoid
        /// K ≥ 2 softmax outputs, one probability per class; trained with ce.
        case softmax
        /// Linear outputs, the predicted values of a regression; trained with mse.
        case linear

        /// The module that ends the network (`nn.Sigmoid`, `nn.Softmax(dim=1)`, `nn.Identity`).
        var module: any Layer {
            switch self {
            case .sigmoid: Activation(.sigmoid)
            case .softmax: Softmax()
            case .linear: Activation(.linear)
            }
        }

        /// Whether this head answers with a class (sigmoid, softmax) rather than a value.
        public var classifies: Bool { self != .linear }

        /// Checks that a last layer of `outputs` units and `loss` make sense with this head.
        /// - Throws: `RuntimeError` saying what the head needs.
        func check(outputs: Int, loss: Loss) throws {
            switch self {
            case .sigmoid:
                guard outputs == 1 else {
                    throw RuntimeError("the last layer must have 1 output (a class-1 probability), got \(outputs); K classes need loss ce")
                }
                guard loss != .crossEntropy else {
                    throw RuntimeError("loss ce needs a softmax output of 2 or more classes, not a sigmoid")
                }
            case .softmax:
                guard outputs >= 2 else {
                    throw RuntimeError("loss ce needs one output per class, 2 or more; the last layer has \(outputs)")
                }
                guard loss == .crossEntropy else {
                    throw RuntimeError("a softmax output of \(outputs) classes trains with loss ce, not \(loss.rawValue)")
                }
            case .linear:
                guard loss == .meanSquaredError else {
                    throw RuntimeError("a linear (regression) output trains with loss mse, not \(loss.rawValue)")
                }
            }
        }
    }
}
