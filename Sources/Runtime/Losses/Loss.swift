import Foundation

/// A training loss over a batch, averaged over every output value (PyTorch's `reduction="mean"`).
///
/// Shapes: prediction and target `[batch, outputs]`. For `.binaryCrossEntropy` the prediction
/// is the *logit* (the input of the final sigmoid): fusing the sigmoid into the loss gives the
/// stable gradient σ(z) − y and a loss that never takes log(0).
public enum Loss: String, Sendable, CaseIterable {
    /// ½ (ŷ − y)² averaged (the ½ makes the gradient ŷ − y, as in the XOR original).
    case meanSquaredError = "mse"
    /// −[y log σ(z) + (1 − y) log(1 − σ(z))] averaged, computed from logits z.
    case binaryCrossEntropy = "bce"

    /// The loss value and its gradient with respect to `prediction`.
    public func evaluate(prediction: Tensor, target: Tensor) -> (loss: Float, gradient: Tensor) {
        var gradient = Tensor(shape: prediction.shape)
        let n = Float(max(prediction.count, 1))
        var total: Double = 0
        prediction.data.withUnsafeBufferPointer { p in
        target.data.withUnsafeBufferPointer { y in
        gradient.data.withUnsafeMutableBufferPointer { g in
            for k in 0..<p.count {
                switch self {
                case .meanSquaredError:
                    let e = p[k] - y[k]
                    total += Double(0.5 * e * e)
                    g[k] = e / n
                case .binaryCrossEntropy:
                    let z = p[k]
                    // log(1 + e^−|z|) + max(z, 0) − z·y  ==  −[y log σ(z) + (1−y) log(1−σ(z))]
                    total += Double(log1p(exp(-abs(z))) + max(z, 0) - z * y[k])
                    g[k] = (1 / (1 + exp(-z)) - y[k]) / n
                }
            }
        }}}
        return (Float(total / Double(n)), gradient)
    }
}
