import Foundation

/// A convolutional network built from a layer list, trained with softmax cross-entropy.
///
/// Input: per-sample `[channels, height, width]` (NCHW batches). The network's output is the
/// class scores `[classes]`; when the list ends in `softmax()` the scores are probabilities.
/// The loss is the batch mean of −log p[label]; the gradient at the logits is the fused
/// softmax/cross-entropy one, (p − onehot) / batch, so a final softmax layer is never
/// back-propagated through on its own.
public struct CNN: Sendable {
    /// The layer list the network was built from.
    public let specs: [CNNLayerSpec]
    /// Per-sample input shape `[C, H, W]`.
    public let inputShape: [Int]
    /// Number of classes.
    public let classes: Int
    /// Per-sample output shape of every layer.
    public let shapes: [[Int]]
    /// The layers, with their weights.
    public var layers: [any CNNLayer]
    /// Training settings and metrics carried into checkpoints (`__metadata__`).
    public var config: CNNConfig
    var workspace: CNNWorkspace

    /// A network with fresh weights drawn from `seed`.
    /// - Throws: `RuntimeError` from shape inference, naming the layer and the shapes.
    public init(layers specs: [CNNLayerSpec], inputShape: [Int], classes: Int, seed: UInt64, config: CNNConfig? = nil) throws {
        shapes = try CNNLayerSpec.inferShapes(specs, input: inputShape, classes: classes)
        self.specs = specs
        self.inputShape = inputShape
        self.classes = classes
        self.config = config ?? CNNConfig(layers: specs, inputSize: inputShape[1], inChannels: inputShape[0], classes: classes)
        var rng = SeededGenerator(seed: seed)
        var built: [any CNNLayer] = []
        var shape = inputShape
        for (i, spec) in specs.enumerated() {
            switch spec {
            case let .conv(f, k, s, p):
                built.append(Conv2D(filters: f, size: k, stride: s, padding: p, inputShape: shape, rng: &rng))
            case let .maxpool(k, s): built.append(Pool2D(max: true, size: k, stride: s, inputShape: shape))
            case let .avgpool(k, s): built.append(Pool2D(max: false, size: k, stride: s, inputShape: shape))
            case let .dense(n): built.append(DenseLayer(inputs: shape[0], outputs: n, rng: &rng))
            case .relu, .sigmoid, .tanh, .flatten: built.append(ElementwiseLayer(spec, inputShape: shape))
            case let .dropout(r): built.append(DropoutLayer(rate: r, inputShape: shape, seed: seed &+ UInt64(i) &* 7919))
            case .softmax: built.append(SoftmaxLayer(classes: classes))
            }
            shape = shapes[i]
        }
        layers = built
        workspace = CNNWorkspace(sizes: [inputShape.reduce(1, *)] + shapes.map { $0.reduce(1, *) })
    }

    /// The network from a config (its layers, input size, channels and classes).
    public init(config: CNNConfig, seed: UInt64) throws {
        try self.init(layers: config.layers, inputShape: [config.inChannels, config.inputSize, config.inputSize],
                      classes: config.classes, seed: seed, config: config)
    }

    /// True when the last layer is softmax (the logits are then the previous layer's output).
    public var endsInSoftmax: Bool { specs.last == .softmax }

    /// Trainable values in the whole network.
    public var parameterCount: Int {
        layers.reduce(0) { $0 + $1.parameters.reduce(0) { $0 + $1.value.count } }
    }

    /// Multiply-adds of one forward pass for one sample (conv and dense only).
    public var forwardMultiplyAdds: Int {
        var total = 0
        var shape = inputShape
        for (spec, out) in zip(specs, shapes) {
            switch spec {
            case let .conv(_, k, _, _): total += out.reduce(1, *) * shape[0] * k * k
            case .dense: total += out[0] * shape[0]
            default: break
            }
            shape = out
        }
        return total
    }

    /// A table of the layers: index, layer, output shape, parameters.
    public var summary: String {
        var lines = ["CNN  input \(inputShape)  \(classes) classes  \(parameterCount) parameters"]
        for (i, layer) in layers.enumerated() {
            let count = layer.parameters.reduce(0) { $0 + $1.value.count }
            lines.append("  \(i)  \(specs[i].description.padding(toLength: 26, withPad: " ", startingAt: 0))\(shapes[i])\(count > 0 ? "  \(count) params" : "")")
        }
        return lines.joined(separator: "\n")
    }

    /// Gives this value a workspace of its own for `batch` samples (a copy of a model shares its
    /// original's workspace until it runs).
    mutating func ensureWorkspace(batch: Int) {
        if !isKnownUniquelyReferenced(&workspace) { workspace = CNNWorkspace(sizes: workspace.sizes) }
        workspace.reserve(batch: batch, classes: classes)
    }

    /// Forward pass of `batch` samples already copied into `workspace.activations[0]`;
    /// returns the probabilities `[batch, classes]`.
    mutating func forwardWorkspace(batch: Int, training: Bool) -> UnsafeMutablePointer<Float> {
        let acts = workspace.activations
        for i in layers.indices {
            layers[i].forward(acts[i], acts[i + 1], batch: batch, training: training)
        }
        if endsInSoftmax { return acts[layers.count] }
        let probs = workspace.probabilities!
        let logits = acts[layers.count]
        for r in 0..<batch { SoftmaxLayer.softmax(logits + r * classes, probs + r * classes, count: classes) }
        return probs
    }

    /// Class probabilities `[count, classes]` for the images of `data`, in chunks of 256.
    public mutating func predict(_ data: ImageDataset) throws -> Tensor {
        try predict(images: data.images, count: data.count, shape: data.shape)
    }

    /// Class probabilities `[count, classes]` for `count` images `[count, C, H, W]`.
    /// - Throws: `RuntimeError` when the image shape is not the network's input shape.
    public mutating func predict(images: [Float], count: Int, shape: [Int]) throws -> Tensor {
        try run(images: images, count: count, shape: shape, logits: false)
    }

    /// Class scores before any softmax `[count, classes]` (PyTorch's output for the same layers
    /// without the final softmax).
    public mutating func logits(_ data: ImageDataset) throws -> Tensor {
        try run(images: data.images, count: data.count, shape: data.shape, logits: true)
    }

    mutating func run(images: [Float], count: Int, shape: [Int], logits: Bool) throws -> Tensor {
        guard shape == inputShape, images.count == count * inputShape.reduce(1, *) else {
            throw RuntimeError("predict: the network takes images of shape \(inputShape), got \(count) of shape \(shape)")
        }
        let chunk = 256, size = inputShape.reduce(1, *)
        ensureWorkspace(batch: min(chunk, max(count, 1)))
        var out = Tensor(shape: [count, classes])
        var start = 0
        while start < count {
            let n = min(chunk, count - start)
            images.withUnsafeBufferPointer { src in
                workspace.activations[0].update(from: src.baseAddress! + start * size, count: n * size)
            }
            let probs = forwardWorkspace(batch: n, training: false)
            let source = logits && endsInSoftmax ? workspace.activations[layers.count - 1] : logits ? workspace.activations[layers.count] : probs
            out.data.withUnsafeMutableBufferPointer { o in
                (o.baseAddress! + start * classes).update(from: source, count: n * classes)
            }
            start += n
        }
        return out
    }

    /// Sets every parameter gradient to zero.
    mutating func zeroGradients() {
        for i in layers.indices {
            for p in 0..<layers[i].parameterCount {
                layers[i].withParameter(p) { _, g in g.update(repeating: 0) }
            }
        }
    }

    /// One forward and backward pass on the samples `indices` of `data`, accumulating the
    /// gradients of the batch-mean loss (gradients are zeroed first).
    /// Returns the mean loss; `predictions` receives the argmax class of each sample.
    mutating func computeGradients(_ data: ImageDataset, indices: ArraySlice<Int>, predictions: inout [Int]) -> Float {
        let batch = indices.count, size = data.sampleSize
        ensureWorkspace(batch: batch)
        let acts = workspace.activations, grads = workspace.gradients
        data.images.withUnsafeBufferPointer { src in
            for (r, i) in indices.enumerated() {
                (acts[0] + r * size).update(from: src.baseAddress! + i * size, count: size)
            }
        }
        zeroGradients()
        let probs = forwardWorkspace(batch: batch, training: true)
        // Fused softmax + cross-entropy: dlogits = (p − onehot) / batch.
        var loss: Float = 0
        let dlogits = grads[0], scale = 1 / Float(batch)
        predictions.removeAll(keepingCapacity: true)
        for (r, i) in indices.enumerated() {
            let label = data.labels[i], row = probs + r * classes
            loss -= log(max(row[label], 1e-30))
            var best = 0
            for j in 0..<classes {
                dlogits[r * classes + j] = row[j] * scale
                if row[j] > row[best] { best = j }
            }
            dlogits[r * classes + label] -= scale
            predictions.append(best)
        }
        var current = 0
        let last = endsInSoftmax ? layers.count - 2 : layers.count - 1
        for i in stride(from: last, through: 0, by: -1) {
            let dx: UnsafeMutablePointer<Float>? = i == 0 ? nil : grads[1 - current]
            layers[i].backward(x: acts[i], y: acts[i + 1], dy: grads[current], dx: dx, batch: batch)
            current = 1 - current
        }
        return loss * scale
    }

    /// One optimisation step on the samples `indices` of `data`: forward, fused loss, backward,
    /// optimizer update. Returns the batch's mean loss.
    public mutating func trainStep(_ data: ImageDataset, indices: ArraySlice<Int>, optimizer: inout CNNAdam) -> Float {
        var predictions: [Int] = []
        let loss = computeGradients(data, indices: indices, predictions: &predictions)
        optimizer.step(&self)
        return loss
    }

    /// The L2 norm of each layer's parameter gradients (0 for layers without parameters).
    mutating func gradientNorms() -> [Float] {
        layers.indices.map { i in
            var sum: Float = 0
            for p in 0..<layers[i].parameterCount {
                sum += layers[i].withParameter(p) { _, g in g.reduce(0) { $0 + $1 * $1 } }
            }
            return sum.squareRoot()
        }
    }

    /// Every parameter's values, layer by layer (a snapshot for early stopping).
    func parameterValues() -> [[Tensor]] { layers.map { $0.parameters.map(\.value) } }

    /// Restores values taken by `parameterValues()`.
    mutating func restoreParameterValues(_ values: [[Tensor]]) {
        for i in layers.indices where !values[i].isEmpty {
            var params = layers[i].parameters
            for p in params.indices { params[p].value = values[i][p] }
            layers[i].parameters = params
        }
    }
}
