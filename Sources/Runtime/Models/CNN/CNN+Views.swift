/// What the pictures of a CNN need from it: per-layer outputs of single images, the input
/// gradient of a class score, the first convolution's filters, a summary table.
///
/// These run on the network's scratch workspace, so they may be called between training steps
/// (a live dashboard's probe) but never inside one.
extension CNN {
    /// The summary rows: one per layer.
    public var layerSummaries: [CNNLayerSummary] {
        layers.indices.map { i in
            CNNLayerSummary(name: specs[i].description, kind: specs[i].typeName, outputShape: shapes[i],
                            parameters: layers[i].parameters.reduce(0) { $0 + $1.value.count })
        }
    }

    /// The index of the first convolution, if the network has one.
    public var firstConvIndex: Int? {
        specs.firstIndex { if case .conv = $0 { true } else { false } }
    }

    /// The first convolution's weights `[OC, C, k, k]` and their gradient from the last
    /// backward pass (zero before any), or nil when the network has no convolution.
    public var firstConvFilters: (weights: Tensor, gradients: Tensor)? {
        guard let i = firstConvIndex, let weight = layers[i].parameters.first else { return nil }
        return (weight.value, weight.gradient)
    }

    /// Every layer's output for each of `count` images `[count, C, H, W]` (inference mode: no
    /// dropout), in chunks of 64.
    /// - Throws: `RuntimeError` when the images do not have the network's input shape.
    public mutating func probes(images: [Float], count: Int, shape: [Int]) throws -> [CNNProbe] {
        try checkInput(shape: shape)
        guard images.count == count * inputShape.reduce(1, *) else {
            throw RuntimeError("\(images.count) values do not make \(count) images of shape \(shape)")
        }
        let chunk = 64, size = inputShape.reduce(1, *)
        ensureWorkspace(batch: min(chunk, max(count, 1)))
        var result: [CNNProbe] = []
        result.reserveCapacity(count)
        var start = 0
        while start < count {
            let n = min(chunk, count - start)
            images.withUnsafeBufferPointer { src in
                workspace.activations[0].update(from: src.baseAddress! + start * size, count: n * size)
            }
            let probs = forwardWorkspace(batch: n, training: false)
            for r in 0..<n {
                let outputs = shapes.indices.map { i in
                    let s = workspace.sizes[i + 1]
                    return Tensor(shape: shapes[i], data: Array(UnsafeBufferPointer(start: workspace.activations[i + 1] + r * s, count: s)))
                }
                let input = Tensor(shape: inputShape, data: Array(images[((start + r) * size)..<((start + r + 1) * size)]))
                result.append(CNNProbe(input: input, outputs: outputs,
                                       probabilities: Array(UnsafeBufferPointer(start: probs + r * classes, count: classes))))
            }
            start += n
        }
        return result
    }

    /// Every layer's output for one image `[C, H, W]`.
    /// - Throws: `RuntimeError` when the image does not have the network's input shape.
    public mutating func probe(_ image: [Float]) throws -> CNNProbe {
        try probes(images: image, count: 1, shape: inputShape)[0]
    }

    /// The gradient of class `classIndex`'s score (the logit, before any softmax) with respect to
    /// the pixels of `image` `[C, H, W]`: a saliency map. Parameter gradients are left at zero.
    /// - Throws: `RuntimeError` when the image does not fit or the class is out of range.
    public mutating func saliency(_ image: [Float], classIndex: Int) throws -> CNNSaliency {
        let size = inputShape.reduce(1, *)
        guard image.count == size else {
            throw RuntimeError("the network takes images of shape \(inputShape) (\(size) values), got \(image.count) values")
        }
        guard (0..<classes).contains(classIndex) else {
            throw RuntimeError("class \(classIndex) is out of range: the network has classes 0...\(classes - 1)")
        }
        ensureWorkspace(batch: 1)
        let acts = workspace.activations, grads = workspace.gradients
        image.withUnsafeBufferPointer { acts[0].update(from: $0.baseAddress!, count: size) }
        let probs = forwardWorkspace(batch: 1, training: false)
        let probabilities = Array(UnsafeBufferPointer(start: probs, count: classes))
        let last = endsInSoftmax ? layers.count - 2 : layers.count - 1
        let score = acts[last + 1][classIndex]
        // d score / d logits is one-hot; back-propagate it down to the input (layer 0 writes dx too).
        grads[0].update(repeating: 0, count: classes)
        grads[0][classIndex] = 1
        var current = 0
        for i in stride(from: last, through: 0, by: -1) {
            layers[i].backward(x: acts[i], y: acts[i + 1], dy: grads[current], dx: grads[1 - current], batch: 1)
            current = 1 - current
        }
        let gradient = Array(UnsafeBufferPointer(start: grads[current], count: size))
        zeroGradients()
        return CNNSaliency(input: Tensor(shape: inputShape, data: image), gradient: Tensor(shape: inputShape, data: gradient),
                           classIndex: classIndex, score: score, probabilities: probabilities)
    }
}
