/// A multilayer perceptron, TensorFlow Playground style: 2D points through chosen input features,
/// or the columns of a table as they are; two classes, K classes, or a regression.
///
/// `widths` `[f, h₁, ..., out]` builds Dense(f→h₁), activation, ..., Dense(→out), then the head
/// — Sigmoid (one output, the probability of class 1), Softmax (K ≥ 2 outputs, one probability
/// per class) or Identity (linear outputs, a regression) — the same module list as a PyTorch
/// `nn.Sequential`, so `layers[i]` is Sequential index i (activation layers count; `linear`
/// becomes `nn.Identity`). With `.binaryCrossEntropy` and `.crossEntropy` the final sigmoid or
/// softmax is fused into the loss during training.
public struct MLP: Sendable {
    /// Layer widths, inputs first; `widths[0]` equals `features.count`.
    public let widths: [Int]
    /// Hidden-layer nonlinearity.
    public let activation: Activation.Kind
    /// Training loss.
    public let loss: Loss
    /// What the last layer computes.
    public let head: Head
    /// Features computed from (x, y) for the first layer; empty when the network takes the
    /// data's columns as they are (`widths[0]` of them).
    public let features: [InputFeature]
    /// Weight penalty.
    public var regularization: Regularization
    /// Points per gradient step (the last batch of an epoch may be smaller).
    public var batchSize: Int
    /// Update rule.
    public var optimizer: any Optimizer
    /// The modules, in `nn.Sequential` order.
    public var layers: [any Layer]
    /// The widest layer accepted.
    public static let maximumWidth = 4096
    /// The most layer widths (inputs and output included) accepted: a playground network, drawn
    /// neuron by neuron.
    public static let maximumDepth = 1024
    /// The most trainable values accepted: 80 MB of weights, about 320 MB with their gradients
    /// and Adam's moments ([2, 4096, 4096, 1] has 16.8 million).
    public static let maximumParameters = 20_000_000
    /// The most bytes the activations of one training step may take (see `checkBudget(batch:)`).
    public static let maximumActivationBytes = 4e9
    /// Rows per forward pass when a whole data set or grid goes through the network, so the
    /// memory of `predict` and `loss(on:)` is `[chunk, width]` whatever the number of points.
    static let inferenceChunk = 4096
    /// Epochs trained so far.
    public internal(set) var epoch = 0
    /// Loss on the whole training set after each epoch.
    public internal(set) var trainLosses: [Float] = []
    /// Loss on the test set after each epoch (empty when trained without one).
    public internal(set) var testLosses: [Float] = []

    /// Builds a network with freshly initialised weights (see `Dense.init(inputs:outputs:rng:)`).
    /// `head` defaults to softmax for `.crossEntropy` and to sigmoid for the other losses.
    /// - Throws: `RuntimeError` for fewer than 2 widths or more than `maximumDepth`, a width outside
    ///   1...`maximumWidth`, a first width that differs from the number of features, an output width
    ///   the head cannot have (sigmoid 1, softmax 2 or more), a loss the head cannot train with,
    ///   a batch size below 1, or more than `maximumParameters` parameters (the message gives the
    ///   count and its size).
    public init(layers widths: [Int], activation: Activation.Kind = .tanh, loss: Loss = .binaryCrossEntropy,
                head: Head? = nil, features: [InputFeature] = [.x, .y], regularization: Regularization = .none,
                batchSize: Int = 10, optimizer: any Optimizer = SGD(lr: 0.03),
                rng: inout SeededGenerator) throws {
        guard widths.count >= 2 else {
            throw RuntimeError("'layers' needs at least an input and an output width, got \(widths)")
        }
        guard widths.count <= Self.maximumDepth else {
            throw RuntimeError("'layers' has \(widths.count) widths; at most \(Self.maximumDepth) are accepted")
        }
        if let bad = widths.firstIndex(where: { $0 < 1 || $0 > Self.maximumWidth }) {
            throw RuntimeError("layer \(bad) has width \(widths[bad]); every width must be 1 to \(Self.maximumWidth)")
        }
        guard features.isEmpty || widths[0] == features.count else {
            throw RuntimeError("layers[0] is \(widths[0]) but \(features.count) input features are selected (\(features.map(\.rawValue).joined(separator: ", ")))")
        }
        let head = head ?? (loss == .crossEntropy ? .softmax : .sigmoid)
        try head.check(outputs: widths[widths.count - 1], loss: loss)
        guard batchSize >= 1 else {
            throw RuntimeError("'batch' must be a positive integer, got \(batchSize)")
        }
        let parameters = Self.parameterCount(widths)
        guard parameters <= Double(Self.maximumParameters) else {
            throw RuntimeError("layers \(Self.shortList(widths)) would have \(SizeText.count(parameters)) parameters (\(SizeText.bytes(4 * parameters)) of weights); the limit is \(SizeText.count(Double(Self.maximumParameters))) (\(SizeText.bytes(4 * Double(Self.maximumParameters))))")
        }
        self.widths = widths
        self.activation = activation
        self.loss = loss
        self.head = head
        self.features = features
        self.regularization = regularization
        self.batchSize = batchSize
        self.optimizer = optimizer
        var modules: [any Layer] = []
        for i in 1..<widths.count {
            modules.append(Dense(inputs: widths[i - 1], outputs: widths[i], rng: &rng))
            modules.append(i == widths.count - 1 ? head.module : Activation(activation))
        }
        layers = modules
    }

    /// The trainable values of a network of `widths`: Σ (inᵢ · outᵢ + outᵢ), counted in `Double`.
    public static func parameterCount(_ widths: [Int]) -> Double {
        zip(widths, widths.dropFirst()).reduce(0) { $0 + Double($1.0) * Double($1.1) + Double($1.1) }
    }

    /// A width list for a message, its middle elided when it is long: [2, 4096, ... (300 more), 1].
    static func shortList(_ widths: [Int]) -> String {
        guard widths.count > 8 else { return "\(widths)" }
        let head = widths.prefix(4).map(String.init).joined(separator: ", ")
        let tail = widths.suffix(2).map(String.init).joined(separator: ", ")
        return "[\(head), ... (\(widths.count - 6) more), \(tail)]"
    }

    /// Checks that a training step on `batch` points stays within `maximumActivationBytes`:
    /// every dense layer keeps its input `[batch, in]` and makes its output and the gradients
    /// `[batch, out]`, about three floats per neuron and point.
    /// - Throws: `RuntimeError` giving the memory the batch would need.
    public func checkBudget(batch: Int) throws {
        let bytes = 4 * 3 * Double(batch) * Double(widths.reduce(0, +))
        guard bytes <= Self.maximumActivationBytes else {
            throw RuntimeError("the network would need \(SizeText.bytes(bytes)) for activations at batch \(batch) (limit \(SizeText.bytes(Self.maximumActivationBytes))); use a smaller batch")
        }
    }

    /// Runs `points` `[n, inputDimension]` through modules `0..<end` in chunks of
    /// `inferenceChunk` rows, handing each chunk's output `[rows, width]` and its first row's
    /// index to `body`.
    func forwardInChunks(points: [Float], through end: Int, _ body: (Tensor, Int) -> Void) {
        let d = inputDimension
        let n = points.count / d
        var start = 0
        repeat {
            let rows = min(Self.inferenceChunk, n - start)
            var x = inputMatrix(points: Array(points[(d * start)..<(d * (start + rows))]))
            for layer in layers[..<end] { x = layer.infer(x) }
            body(x, start)
            start += rows
        } while start < n
    }

    /// The dense layers, first to last, with their Sequential indices.
    public var denseLayers: [(index: Int, layer: Dense)] {
        layers.enumerated().compactMap { i, l in (l as? Dense).map { (i, $0) } }
    }

    /// Weights of each dense layer, `[out, in]`.
    public var weights: [Tensor] { denseLayers.map(\.layer.weight) }
    /// Biases of each dense layer, `[out]`.
    public var biases: [Tensor] { denseLayers.map(\.layer.bias) }

    /// Replaces one weight (dense layer `layer`, output `row`, input `column`).
    /// - Throws: `RuntimeError` naming the index that is out of range.
    public mutating func setWeight(layer: Int, row: Int, column: Int, to value: Float) throws {
        let dense = denseLayers
        guard dense.indices.contains(layer) else {
            throw RuntimeError("layers[\(layer)]: the network has \(dense.count) dense layers")
        }
        let (index, d) = dense[layer]
        guard (0..<d.outputs).contains(row), (0..<d.inputs).contains(column) else {
            throw RuntimeError("layers[\(layer)].weight[\(row)][\(column)]: the weight is \(d.outputs) x \(d.inputs)")
        }
        layers[index].parameters[0].value.data[row * d.inputs + column] = value
    }

    /// The weight penalty of the current weights.
    public var regularizationPenalty: Float {
        weights.reduce(0) { $0 + regularization.penalty($1.data) }
    }

    /// One row per module for a summary table: the PyTorch module name, the per-sample output
    /// shape and the number of parameters.
    public var summary: [(layer: String, outputShape: [Int], parameters: Int)] {
        var shape = [widths[0]]
        return layers.map { layer in
            shape = (try? layer.outputShape(for: shape)) ?? shape
            return (layer.torchName, shape, layer.parameters.reduce(0) { $0 + $1.value.count })
        }
    }

    /// Every parameter in Sequential order, named as PyTorch's state dict names them
    /// (`layers.0.weight` `[out, in]`, `layers.0.bias` `[out]`, ...).
    public var stateDict: [(name: String, tensor: Tensor)] {
        layers.enumerated().flatMap { i, layer in
            layer.parameters.map { ("layers.\(i).\($0.name)", $0.value) }
        }
    }
}
