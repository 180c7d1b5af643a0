import Foundation

/// An elementwise nonlinearity, as a layer without parameters.
public struct Activation: Layer {
    /// Which function.
    public enum Kind: String, Sendable, CaseIterable {
        case tanh, relu, sigmoid, linear
    }

    /// The function applied.
    public let kind: Kind
    /// The last forward output (tanh, sigmoid) or input (relu), kept for the derivative.
    private var cached = Tensor(shape: [0])
    public var parameters: [Parameter] {
        get { [] }
        set {}
    }

    /// An activation layer of the given kind.
    public init(_ kind: Kind) { self.kind = kind }

    /// PyTorch's module: Tanh, ReLU, Sigmoid, and Identity for linear.
    public var torchName: String {
        switch kind {
        case .tanh: "Tanh"
        case .relu: "ReLU"
        case .sigmoid: "Sigmoid"
        case .linear: "Identity"
        }
    }

    public func outputShape(for inputShape: [Int]) throws -> [Int] { inputShape }

    /// The function on one value.
    @inline(__always) public func apply(_ z: Float) -> Float {
        switch kind {
        case .tanh: Foundation.tanh(z)
        case .relu: max(z, 0)
        case .sigmoid: 1 / (1 + exp(-z))
        case .linear: z
        }
    }

    public func infer(_ input: Tensor) -> Tensor {
        var out = input
        let kind = self.kind
        guard kind != .linear else { return out }
        out.data.withUnsafeMutableBufferPointer { y in
            for k in 0..<y.count { y[k] = Activation(kind).apply(y[k]) }
        }
        return out
    }

    public mutating func forward(_ input: Tensor) -> Tensor {
        let out = infer(input)
        cached = kind == .relu ? input : out
        return out
    }

    // Derivatives from the cached value: tanh' = 1 − y², σ' = y(1 − y), relu' = [x > 0].
    public mutating func backward(_ outputGradient: Tensor) -> Tensor {
        var dx = outputGradient
        let kind = self.kind
        guard kind != .linear else { return dx }
        cached.data.withUnsafeBufferPointer { c in
        dx.data.withUnsafeMutableBufferPointer { g in
            for k in 0..<g.count {
                switch kind {
                case .tanh: g[k] *= 1 - c[k] * c[k]
                case .sigmoid: g[k] *= c[k] * (1 - c[k])
                case .relu: g[k] = c[k] > 0 ? g[k] : 0
                case .linear: break
                }
            }
        }}
        return dx
    }
}
