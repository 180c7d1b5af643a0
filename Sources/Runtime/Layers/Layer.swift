/// One trainable buffer of a layer and the gradient of the loss with respect to it (same shape).
///
/// Layers own their parameters; optimizers update `value` from `gradient` by the parameter's
/// position in the model's flat parameter list, which stays fixed for the life of a model.
public struct Parameter: Sendable, Equatable {
    /// The suffix of the state-dict name, as PyTorch spells it: "weight" or "bias".
    public var name: String
    /// Current values.
    public var value: Tensor
    /// Gradient accumulated by `backward` since the last `zeroGradients()`.
    public var gradient: Tensor

    /// A parameter with a zero gradient of the same shape.
    public init(name: String, value: Tensor) {
        self.name = name
        self.value = value
        self.gradient = Tensor(shape: value.shape)
    }
}

/// A network layer with its forward and backward pass side by side.
///
/// Tensors carry the batch as their first axis: dense layers take `[batch, features]`, image
/// layers (issue 5) `[batch, channels, height, width]`. `forward` caches what `backward` needs;
/// `backward` takes ∂L/∂output, *adds* ∂L/∂parameter into each parameter's gradient and returns
/// ∂L/∂input. `infer` is the same maths without caching, for prediction and pictures.
public protocol Layer: Sendable {
    /// The PyTorch module this layer corresponds to in an `nn.Sequential` ("Linear", "Tanh", ...).
    var torchName: String { get }
    /// Per-sample output shape for a per-sample input shape.
    /// - Throws: `RuntimeError` naming the layer and the shapes when the input does not fit.
    func outputShape(for inputShape: [Int]) throws -> [Int]
    /// Trainable buffers, in the order PyTorch lists them (weight, then bias). Empty for
    /// layers without parameters.
    var parameters: [Parameter] { get set }
    /// Forward pass without caching.
    func infer(_ input: Tensor) -> Tensor
    /// Forward pass that remembers what `backward` needs.
    mutating func forward(_ input: Tensor) -> Tensor
    /// Backward pass for the last `forward`: accumulates parameter gradients, returns ∂L/∂input.
    mutating func backward(_ outputGradient: Tensor) -> Tensor
}

extension Layer {
    /// Sets every parameter gradient to zero.
    public mutating func zeroGradients() {
        guard !parameters.isEmpty else { return }
        for i in parameters.indices {
            let count = parameters[i].gradient.count
            parameters[i].gradient.data.withUnsafeMutableBufferPointer { g in
                for k in 0..<count { g[k] = 0 }
            }
        }
    }
}
