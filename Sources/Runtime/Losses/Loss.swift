import Foundation

/// A training loss over a batch, as PyTorch's `reduction="mean"` computes it.
///
/// Shapes: prediction `[batch, outputs]`. For `.meanSquaredError` and `.binaryCrossEntropy` the
/// target has the prediction's shape and the mean runs over every output value; for
/// `.crossEntropy` the target is `[batch, 1]` holding class indices and the mean runs over the
/// rows. For `.binaryCrossEntropy` the prediction is the *logit* (the input of the final
/// sigmoid) and for `.crossEntropy` the K logits (the input of the final softmax): fusing the
/// output function into the loss gives the stable gradients σ(z) − y and softmax(z) − onehot(y)
/// and a loss that never takes log(0).
public enum Loss: String, Sendable, CaseIterable {
    /// ½ (ŷ − y)² averaged (the ½ makes the gradient ŷ − y, as in the XOR original).
    case meanSquaredError = "mse"
    /// −[y log σ(z) + (1 − y) log(1 − σ(z))] averaged, computed from logits z.
    case binaryCrossEntropy = "bce"
    /// −log softmax(z)_y averaged over the rows, computed from the K logits z of each row.
    case crossEntropy = "ce"

    /// The loss value and its gradient with respect to `prediction`.
    public func evaluate(prediction: Tensor, target: Tensor) -> (loss: Float, gradient: Tensor) {
        if self == .crossEntropy { return Self.crossEntropy(logits: prediction, classes: target) }
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
                case .crossEntropy:
                    break   // returned above
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

    /// Cross-entropy of `logits` `[batch, K]` against class indices `classes` `[batch, 1]`:
    /// log Σ_j e^{z_j} − z_y per row (the maximum subtracted first), gradient
    /// (softmax(z) − onehot(y)) / batch.
    static func crossEntropy(logits: Tensor, classes: Tensor) -> (loss: Float, gradient: Tensor) {
        let rows = logits.shape[0], k = logits.count / max(rows, 1)
        precondition(classes.count == rows, "cross-entropy: \(classes.count) targets for \(rows) rows")
        var gradient = logits
        var total: Double = 0
        classes.data.withUnsafeBufferPointer { y in
        gradient.data.withUnsafeMutableBufferPointer { g in   // g: [batch, K], logits then gradient
            for r in 0..<rows {
                let label = Int(y[r])
                precondition((0..<k).contains(label), "cross-entropy: class \(y[r]) outside 0..<\(k)")
                var top = -Float.infinity
                for j in 0..<k { top = max(top, g[r * k + j]) }
                var sum: Double = 0
                for j in 0..<k { sum += Double(exp(g[r * k + j] - top)) }
                total += log(sum) - Double(g[r * k + label] - top)
                for j in 0..<k {
                    let p = Float(Double(exp(g[r * k + j] - top)) / sum)
                    g[r * k + j] = (p - (j == label ? 1 : 0)) / Float(max(rows, 1))
                }
            }
        }}
        return (Float(total / Double(max(rows, 1))), gradient)
    }
}
