extension MLP {
    /// Every neuron's output over the input plane, for the architecture thumbnails: element 0
    /// holds the input features, then one element per dense layer with the activated output of
    /// each of its neurons (the last is the output probability). Each field has `resolution` ×
    /// `resolution` samples over `range` on both axes (the Playground's −6...6 by default).
    /// - Throws: `RuntimeError` when `resolution` is outside 2...`TrainingLimits.maximumGridResolution`.
    public func neuronOutputs(resolution: Int, range: ClosedRange<Float> = -6...6) throws -> [[GridField]] {
        try neuronOutputs(resolution: resolution, plane: InputPlane(square: range, dimension: inputDimension))
    }

    /// `neuronOutputs(resolution:range:)` over `plane` (for a network of more than two inputs,
    /// two columns spanned and the others held).
    public func neuronOutputs(resolution: Int, plane: InputPlane) throws -> [[GridField]] {
        guard resolution >= 2, resolution <= TrainingLimits.maximumGridResolution else {
            throw RuntimeError("neuron outputs: resolution must be 2 to \(TrainingLimits.maximumGridResolution), got \(resolution)")
        }
        let points = try plane.points(resolution: resolution, dimension: inputDimension)
        let samples = resolution * resolution
        func fields(_ t: Tensor) -> [GridField] {
            let width = t.shape[1]
            return (0..<width).map { k in
                GridField(resolution: resolution, xRange: plane.xRange, yRange: plane.yRange,
                          values: (0..<samples).map { t.data[$0 * width + k] })
            }
        }
        var x = inputMatrix(points: points)
        var result = [fields(x)]
        for layer in layers {
            x = layer.infer(x)
            if layer is Activation || layer is Softmax { result.append(fields(x)) }
        }
        return result
    }

    /// The first output over the input plane: the class-1 probability of a sigmoid network
    /// (the decision boundary's field), a regression's fitted surface.
    public func decisionField(resolution: Int, range: ClosedRange<Float> = -6...6) throws -> GridField {
        try outputFields(resolution: resolution, plane: InputPlane(square: range, dimension: inputDimension))[0]
    }

    /// Every output over `plane`, one field per output unit: the class probabilities of a
    /// softmax network (the regions are where each is largest), a regression's values.
    /// - Throws: `RuntimeError` when `resolution` is outside 2...`TrainingLimits.maximumGridResolution`
    ///   or the plane does not fit the network's inputs.
    public func outputFields(resolution: Int, plane: InputPlane) throws -> [GridField] {
        guard resolution >= 2, resolution <= TrainingLimits.maximumGridResolution else {
            throw RuntimeError("decision field: resolution must be 2 to \(TrainingLimits.maximumGridResolution), got \(resolution)")
        }
        let k = widths[widths.count - 1], samples = resolution * resolution
        let out = predict(points: try plane.points(resolution: resolution, dimension: inputDimension))   // [samples, k]
        return (0..<k).map { j in
            GridField(resolution: resolution, xRange: plane.xRange, yRange: plane.yRange,
                      values: (0..<samples).map { out[$0 * k + j] })
        }
    }

    /// The activated outputs of dense layer `layer` (0-based among dense layers) for `points`
    /// `[n, inputDimension]` → `[n, width]`, or only the columns of `neurons` → `[n, neurons.count]` (the
    /// hidden-feature view of a chosen pair, whose memory then does not grow with the width).
    /// - Throws: `RuntimeError` when `layer` or a neuron is out of range.
    public func layerOutputs(layer: Int, points: [Float], neurons: [Int]? = nil) throws -> Tensor {
        let dense = denseLayers
        guard dense.indices.contains(layer) else {
            throw RuntimeError("layer \(layer): the network has \(dense.count) dense layers (0 to \(dense.count - 1))")
        }
        let width = dense[layer].layer.outputs
        let picked = neurons ?? Array(0..<width)
        if let bad = picked.first(where: { !(0..<width).contains($0) }) {
            throw RuntimeError("layer \(layer) has neurons 0 to \(width - 1), asked for \(bad)")
        }
        let n = points.count / inputDimension
        var out = Tensor(shape: [n, picked.count])
        forwardInChunks(points: points, through: dense[layer].index + 2) { x, start in
            for r in 0..<x.shape[0] {
                for (k, neuron) in picked.enumerated() { out.data[(start + r) * picked.count + k] = x.data[r * width + neuron] }
            }
        }
        return out
    }
}
