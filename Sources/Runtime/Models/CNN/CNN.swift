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
    /// Batches (training and inference) of at least twice this many samples are split in two.
    static let minimumShard = 8
    /// Images per forward pass in inference: small enough that a chunk's im2col columns and
    /// activations stay in the L2 cache (256 at once ran at half the speed of one at a time).
    static let inferenceChunk = 16

    /// A network with fresh weights drawn from `seed`.
    /// - Throws: `RuntimeError` from shape inference, naming the layer and the shapes.
    public init(layers specs: [CNNLayerSpec], inputShape: [Int], classes: Int, seed: UInt64, config: CNNConfig? = nil) throws {
        shapes = try CNNLayerSpec.inferShapes(specs, input: inputShape, classes: classes, batch: config?.batchSize ?? 32)
        self.specs = specs
        self.inputShape = inputShape
        self.classes = classes
        self.config = config ?? CNNConfig(layers: specs, inputSize: inputShape[1], inChannels: inputShape[0], classes: classes)
        layers = Self.buildLayers(specs, inputShape: inputShape, shapes: shapes, classes: classes, seed: seed)
        workspace = CNNWorkspace(sizes: [inputShape.reduce(1, *)] + shapes.map { $0.reduce(1, *) })
    }

    /// Fresh layers for `specs` (shapes already inferred), weights and dropout masks drawn from `seed`.
    static func buildLayers(_ specs: [CNNLayerSpec], inputShape: [Int], shapes: [[Int]], classes: Int, seed: UInt64) -> [any CNNLayer] {
        var rng = SeededGenerator(seed: seed)
        var built: [any CNNLayer] = []
        var shape = inputShape
        for (i, spec) in specs.enumerated() {
            built.append(spec.makeLayer(inputShape: shape, classes: classes, rng: &rng, dropoutSeed: seed &+ UInt64(i) &* 7919))
            shape = shapes[i]
        }
        return built
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
        ownWorkspace()
        workspace.reserve(batch: batch, classes: classes)
    }

    /// Makes the workspace this value's own (a fresh one, without a replica, when a copy still
    /// shares it), so two copies running on two threads never use the same buffers or replica.
    mutating func ownWorkspace() {
        if !isKnownUniquelyReferenced(&workspace) { workspace = CNNWorkspace(sizes: workspace.sizes) }
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

    /// Class probabilities `[count, classes]` for the images of `data`.
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
        try checkInput(shape: shape)
        guard images.count == count * inputShape.reduce(1, *) else {
            throw RuntimeError("\(images.count) values do not make \(count) images of shape \(shape)")
        }
        var out = Tensor(shape: [count, classes])
        images.withUnsafeBufferPointer { src in
        out.data.withUnsafeMutableBufferPointer { o in
            guard let x = src.baseAddress, let y = o.baseAddress else { return }
            let half = count >= 2 * Self.minimumShard ? count / 2 : count
            guard half < count else {
                infer(x, count: count, start: 0, into: y, logits: logits)
                return
            }
            let replica = prepareReplica()
            replica.work = .infer(x: x, count: count - half, start: half, y: y, logits: logits)
            Parallel.pair({ infer(x, count: half, start: 0, into: y, logits: logits) }, replica)
            replica.work = nil
        }}
        return out
    }

    /// Runs the forward pass over images `[start, start + count)` of `x` in chunks of
    /// `inferenceChunk`, writing probabilities (or logits) into `y` `[*, classes]` at the same rows.
    /// A sample's output does not depend on its chunk: every kernel computes each sample's
    /// columns or rows on their own, in the same order.
    mutating func infer(_ x: UnsafePointer<Float>, count: Int, start: Int, into y: UnsafeMutablePointer<Float>, logits: Bool) {
        let size = inputShape.reduce(1, *)
        ensureWorkspace(batch: min(Self.inferenceChunk, max(count, 1)))
        var done = 0
        while done < count {
            let n = min(Self.inferenceChunk, count - done), row = start + done
            workspace.activations[0].update(from: x + row * size, count: n * size)
            let probs = forwardWorkspace(batch: n, training: false)
            let source = logits && endsInSoftmax ? workspace.activations[layers.count - 1] : logits ? workspace.activations[layers.count] : probs
            (y + row * classes).update(from: source, count: n * classes)
            done += n
        }
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
    ///
    /// A batch of at least 2 × `minimumShard` samples is split into two fixed halves (the first
    /// ⌊batch/2⌋ samples and the rest): this network runs the first, a replica with a copy of the
    /// weights the second — on the two cores when there are two — and the replica's gradients are
    /// then added to this network's. Each half scales its loss gradient by 1 / batch, so the sum
    /// is the whole batch's mean. The split depends only on the batch size, never on the core
    /// count, so a run gives the same numbers on any machine (and with `NV_THREADS=1`).
    /// `shards` (1 or 2) overrides the split, for tests.
    mutating func computeGradients(_ data: ImageDataset, indices: ArraySlice<Int>, predictions: inout [Int], shards: Int? = nil) -> Float {
        let batch = indices.count
        predictions.removeAll(keepingCapacity: true)
        guard batch > 0 else { return 0 }
        let split = (shards ?? (batch >= 2 * Self.minimumShard ? 2 : 1)) == 2 && batch >= 2
        let half = split ? batch / 2 : batch
        predictions.append(contentsOf: repeatElement(0, count: batch))
        let scale = 1 / Float(max(batch, 1))
        var loss: Float = 0
        predictions.withUnsafeMutableBufferPointer { pred in
            let first = indices.prefix(half)
            guard split else {
                loss = shardGradients(data, indices: first, scale: scale, predictions: pred.baseAddress!)
                return
            }
            let replica = prepareReplica()
            replica.work = .train(data: data, indices: indices.dropFirst(half), scale: scale, predictions: pred.baseAddress! + half)
            Parallel.pair({ loss = shardGradients(data, indices: first, scale: scale, predictions: pred.baseAddress!) }, replica)
            loss += replica.loss
            replica.work = nil
        }
        if split, let replica = workspace.replica {
            for i in layers.indices {
                for p in 0..<layers[i].parameterCount {
                    replica.model.layers[i].withParameter(p) { _, extra in
                        layers[i].withParameter(p) { _, g in
                            Parallel.apply(GradientSum(into: g.baseAddress!, from: extra.baseAddress!), count: g.count,
                                           alignment: 1, job: workspace.sumJob)
                        }
                    }
                }
            }
        }
        return loss * scale
    }

    /// The replica for the second half of a batch, its weights copied from this network's.
    /// The copy happens here, before the threads start, so neither thread then reads the other's
    /// network.
    mutating func prepareReplica() -> CNNReplica {
        let replica = replicaForShards()
        for i in layers.indices {
            for p in 0..<layers[i].parameterCount {
                replica.model.layers[i].withParameter(p) { copy, _ in
                    layers[i].withParameter(p) { v, _ in copy.baseAddress!.update(from: v.baseAddress!, count: v.count) }
                }
            }
        }
        return replica
    }

    /// The second network that runs the second half of a split batch, made on first use with
    /// buffers of its own (no storage shared with this network, so the two threads never meet
    /// in a copy-on-write). Its dropout layers draw from generators of their own, so the halves
    /// get different masks; its weights are overwritten before every use.
    mutating func replicaForShards() -> CNNReplica {
        ownWorkspace()
        if let replica = workspace.replica { return replica }
        var copy = self
        copy.layers = Self.buildLayers(specs, inputShape: inputShape, shapes: shapes, classes: classes,
                                       seed: 0x9E37_79B9_7F4A_7C15)
        copy.workspace = CNNWorkspace(sizes: workspace.sizes)
        let replica = CNNReplica(model: copy)
        workspace.replica = replica
        return replica
    }

    /// Forward and backward on the samples `indices`, zeroing this network's gradients first and
    /// scaling the loss gradient by `scale`. Writes each sample's argmax class to `predictions`
    /// and returns the summed (not averaged) loss.
    mutating func shardGradients(_ data: ImageDataset, indices: ArraySlice<Int>, scale: Float,
                                 predictions: UnsafeMutablePointer<Int>) -> Float {
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
        // Fused softmax + cross-entropy: dlogits = (p − onehot) · scale.
        var loss: Float = 0
        let dlogits = grads[0]
        for (r, i) in indices.enumerated() {
            let label = data.labels[i], row = probs + r * classes
            loss -= log(max(row[label], 1e-30))
            var best = 0
            for j in 0..<classes {
                dlogits[r * classes + j] = row[j] * scale
                if row[j] > row[best] { best = j }
            }
            dlogits[r * classes + label] -= scale
            predictions[r] = best
        }
        var current = 0
        var i = endsInSoftmax ? layers.count - 2 : layers.count - 1
        while i >= 0 {
            // relu then a max pool: one pass straight to the relu's input gradient, the same bits
            // as the two backward passes (nothing to do when the relu is the first layer).
            if i >= 1, specs[i - 1] == .relu, let pool = layers[i] as? Pool2D, pool.fusesReluBackward {
                if i >= 2 { pool.backwardThroughRelu(y: acts[i + 1], dy: grads[current], dx: grads[1 - current], batch: batch) }
                current = 1 - current
                i -= 2
                continue
            }
            let dx: UnsafeMutablePointer<Float>? = i == 0 ? nil : grads[1 - current]
            layers[i].backward(x: acts[i], y: acts[i + 1], dy: grads[current], dx: dx, batch: batch)
            current = 1 - current
            i -= 1
        }
        return loss
    }

    /// One optimisation step on the samples `indices` of `data`: forward, fused loss, backward,
    /// optimizer update. Returns the batch's mean loss.
    public mutating func trainStep(_ data: ImageDataset, indices: ArraySlice<Int>, optimizer: inout CNNAdam) -> Float {
        ensureWorkspace(batch: indices.count)
        // The workspace's predictions buffer, moved out and back so it is never copied: a step
        // allocates nothing.
        var predictions = workspace.predictions
        workspace.predictions = []
        let loss = computeGradients(data, indices: indices, predictions: &predictions)
        workspace.predictions = predictions
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

/// g += extra over a range of one parameter's gradient (the replica's half-batch added in).
struct GradientSum: RangeOperation {
    let into: UnsafeMutablePointer<Float>, from: UnsafeMutablePointer<Float>
    func apply(_ range: Range<Int>) {
        for k in range { into[k] += from[k] }
    }
}

/// The second copy of a network and the half-batch it is to run next (see
/// `CNN.computeGradients`): the job the pair worker runs while the caller runs the first half.
/// A job object rather than a closure, because a closure handed to another thread cost a heap
/// allocation on every step. Only the thread running that half touches it.
final class CNNReplica: PairJob, @unchecked Sendable {
    /// A half-batch to run.
    enum Work {
        /// Forward and backward on `indices` of `data`; predicted classes go to `predictions`.
        case train(data: ImageDataset, indices: ArraySlice<Int>, scale: Float, predictions: UnsafeMutablePointer<Int>)
        /// Inference on images `[start, start + count)` of `x`, outputs into `y` at the same rows.
        case infer(x: UnsafePointer<Float>, count: Int, start: Int, y: UnsafeMutablePointer<Float>, logits: Bool)
    }

    var model: CNN
    /// The half to run; nil between batches (so no dataset is kept alive).
    var work: Work?
    /// The summed loss of the last training half.
    private(set) var loss: Float = 0

    init(model: CNN) { self.model = model }

    func run() {
        switch work {
        case let .train(data, indices, scale, predictions)?:
            loss = model.shardGradients(data, indices: indices, scale: scale, predictions: predictions)
        case let .infer(x, count, start, y, logits)?:
            model.infer(x, count: count, start: start, into: y, logits: logits)
        case nil:
            break
        }
    }
}
