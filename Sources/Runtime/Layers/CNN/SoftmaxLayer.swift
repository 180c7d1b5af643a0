import Foundation

/// Softmax over the features of each sample: y_j = e^(x_j − max x) / Σ_k e^(x_k − max x).
///
/// Shapes: x, y `[batch, classes]`. Backward (the full Jacobian, used only when softmax is not
/// followed by cross-entropy): dx_j = y_j (dy_j − Σ_k dy_k y_k). Training never takes this path:
/// the network fuses softmax with cross-entropy and starts back-propagation at the logits with
/// (p − onehot) / batch, which is exact and stable.
public struct SoftmaxLayer: ParameterFreeLayer {
    public let spec: CNNLayerSpec = .softmax
    /// Classes per sample.
    let classes: Int

    /// A softmax over `classes` features.
    public init(classes: Int) { self.classes = classes }

    public mutating func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, batch: Int, training: Bool) {
        for r in 0..<batch { Self.softmax(x + r * classes, y + r * classes, count: classes) }
    }

    public mutating func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                                  dx: UnsafeMutablePointer<Float>?, batch: Int) {
        guard let dx else { return }
        for r in 0..<batch {
            let o = r * classes
            var dot: Float = 0
            for j in 0..<classes { dot += dy[o + j] * y[o + j] }
            for j in 0..<classes { dx[o + j] = y[o + j] * (dy[o + j] - dot) }
        }
    }

    /// A numerically stable softmax of one row.
    static func softmax(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        var top = x[0]
        for j in 1..<count { top = max(top, x[j]) }
        var sum: Float = 0
        for j in 0..<count {
            y[j] = exp(x[j] - top)
            sum += y[j]
        }
        let inverse = 1 / sum
        for j in 0..<count { y[j] *= inverse }
    }
}
