extension MLP {
    /// Every neuron's output over the input plane, for the architecture thumbnails: element 0
    /// holds the input features, then one element per dense layer with the activated output of
    /// each of its neurons (the last is the output probability). Each field has `resolution` ×
    /// `resolution` samples over `range` on both axes (the Playground's −6...6 by default).
    /// - Throws: `RuntimeError` when `resolution` is outside 2...`TrainingLimits.maximumGridResolution`.
    public func neuronOutputs(resolution: Int, range: ClosedRange<Float> = -6...6) throws -> [[GridField]] {
        guard resolution >= 2, resolution <= TrainingLimits.maximumGridResolution else {
            throw RuntimeError("neuron outputs: resolution must be 2 to \(TrainingLimits.maximumGridResolution), got \(resolution)")
        }
        let points = Self.gridPoints(resolution: resolution, range: range)
        let samples = resolution * resolution
        func fields(_ t: Tensor) -> [GridField] {
            let width = t.shape[1]
            return (0..<width).map { k in
                GridField(resolution: resolution, xRange: range, yRange: range,
                          values: (0..<samples).map { t.data[$0 * width + k] })
            }
        }
        var x = InputFeature.matrix(features, points: points)
        var result = [fields(x)]
        for layer in layers {
            x = layer.infer(x)
            if layer is Activation { result.append(fields(x)) }
        }
        return result
    }

    /// The output probability over the input plane (the decision boundary's field).
    public func decisionField(resolution: Int, range: ClosedRange<Float> = -6...6) throws -> GridField {
        guard resolution >= 2, resolution <= TrainingLimits.maximumGridResolution else {
            throw RuntimeError("decision field: resolution must be 2 to \(TrainingLimits.maximumGridResolution), got \(resolution)")
        }
        return GridField(resolution: resolution, xRange: range, yRange: range,
                         values: predict(points: Self.gridPoints(resolution: resolution, range: range)))
    }

    /// The activated outputs of dense layer `layer` (0-based among dense layers) for `points`
    /// `[n, 2]` → `[n, width]`, or only the columns of `neurons` → `[n, neurons.count]` (the
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
        let n = points.count / 2
        var out = Tensor(shape: [n, picked.count])
        forwardInChunks(points: points, through: dense[layer].index + 2) { x, start in
            for r in 0..<x.shape[0] {
                for (k, neuron) in picked.enumerated() { out.data[(start + r) * picked.count + k] = x.data[r * width + neuron] }
            }
        }
        return out
    }

    /// Grid points `[n·n, 2]`, row i at y step i, column j at x step j.
    static func gridPoints(resolution: Int, range: ClosedRange<Float>) -> [Float] {
        var points = [Float]()
        points.reserveCapacity(2 * resolution * resolution)
        for i in 0..<resolution {
            let y = GridField.coordinate(i, of: resolution, in: range)
            for j in 0..<resolution {
                points.append(GridField.coordinate(j, of: resolution, in: range))
                points.append(y)
            }
        }
        return points
    }
}
