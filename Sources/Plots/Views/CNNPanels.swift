import Foundation
import Runtime

/// The charts of the CNN views, each built from plain values (a training state, a probe, a
/// tensor). Views call them inside a figure's draw closure, so a dropped frame costs nothing.
enum CNNPanels {
    /// Loss per batch (light), its smoothed curve and the validation loss per epoch (dots at
    /// the epoch's last batch), against batches seen.
    static func loss(_ state: CNNTrainingState, lineScale: Double = 1) -> any Chart {
        curves(batch: state.batchLosses, validation: state.epochRecords.map(\.validationLoss), state: state,
               yLabel: "cross-entropy", logY: true, lineScale: lineScale)
    }

    /// Accuracy per batch (smoothed) and validation accuracy per epoch.
    static func accuracy(_ state: CNNTrainingState, lineScale: Double = 1) -> any Chart {
        curves(batch: state.batchAccuracies, validation: state.epochRecords.map(\.validationAccuracy), state: state,
               yLabel: "accuracy", logY: false, lineScale: lineScale, yRange: 0...1)
    }

    private static func curves(batch: [Double], validation: [Double], state: CNNTrainingState, yLabel: String,
                               logY: Bool, lineScale: Double, yRange: ClosedRange<Double>? = nil) -> any Chart {
        guard !batch.isEmpty else { return MessageChart("curves appear once\nthe first batch is done") }
        let xs = (1...batch.count).map(Double.init)
        var series = [
            LineSeries(batch, xs: xs, color: RGBA(86, 180, 233, 90), width: 1),
            LineSeries(CNNTrainingState.smoothed(batch), xs: xs, label: "train", color: ClassPalette.color(0), width: 1.5 * lineScale),
        ]
        var layers: [any PlotLayer] = []
        if !validation.isEmpty {
            let ex = state.epochRecords.map { Double($0.epoch * state.batchesPerEpoch) }
            series.append(LineSeries(validation, xs: ex, label: "validation", color: ClassPalette.color(1), width: 1.5 * lineScale))
            layers.append(ScatterChart(xs: ex, ys: validation, color: ClassPalette.color(1), radius: 3 * min(lineScale, 2)))
        }
        layers.insert(LineChart(series), at: 0)
        return Axes(layers, xLabel: "batch", yLabel: yLabel, yRange: yRange, logY: logY, legend: .above)
    }

    /// The current batch as a grid of digits captioned with the predicted class, right in one
    /// colour and wrong in another (and framed), at most `limit` of them.
    static func batch(_ state: CNNTrainingState, limit: Int = 32) -> any Chart {
        let shape = state.imageShape, size = shape.reduce(1, *)
        let count = min(limit, state.batchPredictions.count, size > 0 ? state.batchImages.count / size : 0)
        guard count > 0, shape.count == 3 else { return MessageChart("the batch appears\nwith the first frame") }
        let tiles = (0..<count).map { i in
            ImageGrid.Tile(width: shape[2], height: shape[1], values: Array(state.batchImages[(i * size)..<(i * size + shape[1] * shape[2])]),
                           caption: "\(state.batchPredictions[i])", correct: state.batchPredictions[i] == state.batchLabels[i])
        }
        return ImageGrid(tiles: tiles, normalization: .fixed(low: 0, high: 1), gap: 3)
    }

    /// A conv weight tensor `[OC, C, k, k]` as one signed tile per output channel (its first
    /// input channel), or a message.
    static func filters(_ weights: Tensor?, empty: String) -> any Chart {
        guard let weights, weights.shape.count == 4, weights.count > 0 else { return MessageChart(empty) }
        let (oc, c, k) = (weights.shape[0], weights.shape[1], weights.shape[2])
        let tiles = (0..<oc).map { o in
            ImageGrid.Tile(width: k, height: k, values: Array(weights.data[(o * c * k * k)..<(o * c * k * k + k * k)]))
        }
        return ImageGrid(tiles: tiles, normalization: .signed, gap: 3)
    }

    /// The probe's maps after every conv and pool layer (the first `layers` of them, when
    /// given), one labelled band per layer under the input.
    static func featureMaps(_ probe: CNNProbe?, layerNames: [String], layers: Int = .max) -> any Chart {
        guard let probe else { return MessageChart("the probe digit's maps\nappear with the first frame") }
        var bands: [FeatureMapStack.Band] = [FeatureMapStack.Band(label: "input", maps: maps(probe.input), normalization: .fixed(low: 0, high: 1))]
        for (i, output) in probe.outputs.enumerated() where i < layerNames.count && output.shape.count == 3 {
            let name = layerNames[i]
            guard name.hasPrefix("conv") || name.hasPrefix("maxpool") || name.hasPrefix("avgpool") else { continue }
            guard bands.count <= layers else { break }
            bands.append(FeatureMapStack.Band(label: "\(name) → \(shapeText(output.shape))", maps: maps(output), normalization: .minMax))
        }
        return FeatureMapStack(bands: bands)
    }

    /// The probe's activations of each dense layer as a strip of cells, and its probabilities as
    /// bars with the predicted class highlighted.
    static func denseAndProbabilities(_ probe: CNNProbe?, layerNames: [String], label: Int?) -> any Chart {
        guard let probe else { return MessageChart("the probe's activations\nappear with the first frame") }
        // Every dense layer but the last (its outputs are the logits, shown as probabilities),
        // after the activation that follows it, if any: what the next layer sees.
        let dense = layerNames.indices.filter { layerNames[$0].hasPrefix("dense") && $0 < probe.outputs.count }.dropLast()
        let strips = dense.map { i -> (String, [Float]) in
            let activated = i + 1 < probe.outputs.count && ["relu()", "sigmoid()", "tanh()"].contains(layerNames[i + 1])
            let name = layerNames[i] + (activated ? " → " + layerNames[i + 1].dropLast(2) : "")
            return (name, probe.outputs[activated ? i + 1 : i].data)
        }
        return DenseActivations(strips: strips, probabilities: probe.probabilities.map(Double.init),
                                predicted: probe.predicted, label: label)
    }

    /// The confusion matrix of the last validation, or a message before the first epoch ends.
    static func confusion(_ counts: [[Int]]?) -> any Chart {
        guard let counts else { return MessageChart("the validation confusion\nmatrix appears after epoch 1") }
        return ConfusionMatrix(counts: counts, normalizeRows: true)
    }

    /// The gradient norm of each layer with parameters per batch (log scale).
    static func gradientNorms(_ state: CNNTrainingState, lineScale: Double = 1) -> any Chart {
        guard !state.gradientNorms.isEmpty else { return MessageChart("gradient norms appear\nonce the network trains") }
        let xs = (1...state.gradientNorms.count).map(Double.init)
        let series = state.parameterLayers.enumerated().map { k, layer in
            LineSeries(CNNTrainingState.smoothed(state.gradientNorms.map { $0[k] }, weight: 0.8), xs: xs,
                       label: "\(layer) \(state.layerNames[layer].prefix { $0 != "(" })", width: 1.2 * lineScale)
        }
        return Axes([LineChart(series)], xLabel: "batch", yLabel: "‖∇W‖", logY: true, legend: .above)
    }

    /// The channels of a `[C, H, W]` tensor as tiles.
    static func maps(_ t: Tensor) -> [ImageGrid.Tile] {
        guard t.shape.count == 3 else { return [] }
        let (c, h, w) = (t.shape[0], t.shape[1], t.shape[2])
        return (0..<c).map { ImageGrid.Tile(width: w, height: h, values: Array(t.data[($0 * h * w)..<(($0 + 1) * h * w)])) }
    }

    /// "8×12×12".
    static func shapeText(_ shape: [Int]) -> String { shape.map(String.init).joined(separator: "×") }
}
