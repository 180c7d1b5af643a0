import Foundation

/// Softmax over each row, as a layer without parameters: y_k = e^{x_k − max x} / Σ_j e^{x_j − max x}.
///
/// Shapes: x and y `[batch, classes]`. An MLP with K classes ends in it (PyTorch's
/// `nn.Softmax(dim=1)`); training fuses it into the cross-entropy loss, so `backward` runs only
/// when it is trained with another loss or checked on its own.
public struct Softmax: Layer {
    /// The last forward output `[batch, classes]`, kept for the Jacobian.
    private var cached = Tensor(shape: [0, 0])
    public var parameters: [Parameter] {
        get { [] }
        set {}
    }

    /// A softmax layer.
    public init() {}

    public var torchName: String { "Softmax" }

    public func outputShape(for inputShape: [Int]) throws -> [Int] { inputShape }

    public func infer(_ input: Tensor) -> Tensor {
        var out = input
        let rows = input.shape[0], k = input.count / max(rows, 1)
        out.data.withUnsafeMutableBufferPointer { y in   // y: [batch, classes]
            for r in 0..<rows { Self.normalise(y, row: r, width: k) }
        }
        return out
    }

    /// Replaces row `r` of `y` (`width` values) by its softmax, subtracting the row's maximum
    /// first so that no exponential overflows.
    static func normalise(_ y: UnsafeMutableBufferPointer<Float>, row r: Int, width k: Int) {
        var top = -Float.infinity
        for j in 0..<k { top = max(top, y[r * k + j]) }
        var sum: Float = 0
        for j in 0..<k {
            let e = exp(y[r * k + j] - top)
            y[r * k + j] = e
            sum += e
        }
        for j in 0..<k { y[r * k + j] /= sum }
    }

    public mutating func forward(_ input: Tensor) -> Tensor {
        let out = infer(input)
        cached = out
        return out
    }

    // The Jacobian of a row is diag(y) − y yᵀ, so dx_k = y_k (dy_k − Σ_j dy_j y_j).
    public mutating func backward(_ outputGradient: Tensor) -> Tensor {
        var dx = outputGradient
        let rows = cached.shape[0], k = cached.count / max(rows, 1)
        cached.data.withUnsafeBufferPointer { y in
        dx.data.withUnsafeMutableBufferPointer { g in
            for r in 0..<rows {
                var dot: Float = 0
                for j in 0..<k { dot += g[r * k + j] * y[r * k + j] }
                for j in 0..<k { g[r * k + j] = y[r * k + j] * (g[r * k + j] - dot) }
            }
        }}
        return dx
    }
}
