/// One CNN layer on its own, run forward and backward on one sample: the layer a network would
/// build for the same spec, so a learner can check its numbers by hand (a 3×3 convolution of a
/// 4×4 input, a max-pool's routing, softmax's Jacobian) against the code that trains networks.
///
/// Shapes are per sample, without the batch axis: x `inputShape`, y `outputShape`; the weight
/// and bias are in PyTorch's layout (conv W `[OC, C, k, k]`, dense W `[out, in]`, b `[OC]`).
public struct SingleLayer: Sendable {
    /// The layer's description.
    public let spec: CNNLayerSpec
    /// Per-sample input shape.
    public let inputShape: [Int]
    /// Per-sample output shape, as shape inference computes it for a network.
    public let outputShape: [Int]
    private var layer: any CNNLayer

    /// The layer for a per-sample input of `inputShape`, with fresh (Glorot-normal) weights
    /// drawn from `seed` for conv and dense, as a network's first layer would get them.
    /// Dropout runs as in inference (the identity); softmax normalises over its input features.
    /// - Throws: `RuntimeError` from shape inference when the layer cannot take the input.
    public init(_ spec: CNNLayerSpec, inputShape: [Int], seed: UInt64) throws {
        outputShape = try spec.outputShape(for: inputShape, index: 1)
        self.spec = spec
        self.inputShape = inputShape
        var rng = SeededGenerator(seed: seed)
        layer = spec.makeLayer(inputShape: inputShape, classes: inputShape.reduce(1, *), rng: &rng, dropoutSeed: seed)
    }

    /// The weight and bias (empty for a layer without parameters).
    public var parameters: [Parameter] { layer.parameters }

    /// Replaces parameter `index` (0 weight, 1 bias) with `values`, in the layout of `parameters`.
    /// - Throws: `RuntimeError` when the layer has no such parameter or the count differs.
    public mutating func setParameter(_ index: Int, to values: [Float]) throws {
        var all = layer.parameters
        guard index < all.count else {
            throw RuntimeError("\(spec.description) has no \(index == 0 ? "weight" : "bias")")
        }
        let shape = all[index].value.shape
        guard values.count == all[index].value.count else {
            throw RuntimeError("\(spec.description): the \(all[index].name) needs \(all[index].value.count) values \(shape), got \(values.count)")
        }
        all[index] = Parameter(name: all[index].name, value: Tensor(shape: shape, data: values))
        layer.parameters = all
    }

    /// y = layer(x) for one sample; `x` holds `inputShape`'s count of values, row-major.
    public mutating func forward(_ x: [Float]) -> Tensor {
        let out = layer.forward(Tensor(shape: [1] + inputShape, data: x), outputShape: outputShape)
        return Tensor(shape: outputShape, data: out.data)
    }

    /// ∂L/∂x, ∂L/∂W and ∂L/∂b for one sample, given ∂L/∂y (`outputGradient`, `outputShape`'s
    /// count of values): the layer's own backward after a forward of `x`, gradients starting
    /// from zero. The parameter gradients are empty for a layer without parameters.
    public mutating func backward(_ x: [Float], outputGradient: [Float]) -> (dx: Tensor, gradients: [Tensor]) {
        var zeroed = layer.parameters
        for i in zeroed.indices { zeroed[i].gradient = Tensor(shape: zeroed[i].value.shape) }
        layer.parameters = zeroed
        let input = Tensor(shape: [1] + inputShape, data: x)
        let y = layer.forward(input, outputShape: outputShape)
        let dx = layer.backward(input: input, output: y,
                                outputGradient: Tensor(shape: [1] + outputShape, data: outputGradient))
        return (Tensor(shape: inputShape, data: dx.data), layer.parameters.map(\.gradient))
    }
}

extension CNNLayerSpec {
    /// The layer a network builds for this spec at per-sample input `inputShape`: conv and
    /// dense draw Glorot-normal weights from `rng`; dropout draws its masks from `dropoutSeed`.
    func makeLayer(inputShape shape: [Int], classes: Int, rng: inout SeededGenerator, dropoutSeed: UInt64) -> any CNNLayer {
        switch self {
        case let .conv(f, k, s, p): Conv2D(filters: f, size: k, stride: s, padding: p, inputShape: shape, rng: &rng)
        case let .maxpool(k, s): Pool2D(max: true, size: k, stride: s, inputShape: shape)
        case let .avgpool(k, s): Pool2D(max: false, size: k, stride: s, inputShape: shape)
        case let .dense(n): DenseLayer(inputs: shape[0], outputs: n, rng: &rng)
        case .relu, .sigmoid, .tanh, .flatten: ElementwiseLayer(self, inputShape: shape)
        case let .dropout(r): DropoutLayer(rate: r, inputShape: shape, seed: dropoutSeed)
        case .softmax: SoftmaxLayer(classes: classes)
        }
    }
}
