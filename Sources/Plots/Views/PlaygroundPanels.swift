import Foundation
import Runtime

/// The charts of the playground dashboard, each built from an `MLP` value and its data. As
/// with `XORPanels`, the maths runs when a chart is built, so views build them only inside a
/// figure's draw closure.
enum PlaygroundPanels {
    /// Samples per side of each neuron thumbnail.
    static let thumbnailResolution = 20
    /// Samples per side of the decision field.
    static let fieldResolution = 64
    /// TensorFlow Playground's plane, used when there are no data points to frame.
    static let defaultRange: ClosedRange<Float> = -6...6
    static let classNames = ["class 0", "class 1"]

    /// The square range that frames every point of `sets` with a 5% margin (the plane is
    /// square so the boundary is not stretched), or Playground's −6...6 without points.
    static func plane(_ sets: [Dataset]) -> ClosedRange<Float> {
        var lo = Float.infinity, hi = -Float.infinity
        for set in sets { for v in set.points where v.isFinite { lo = min(lo, v); hi = max(hi, v) } }
        guard lo < hi else { return defaultRange }
        let pad = (hi - lo) * 0.05
        return (lo - pad)...(hi + pad)
    }

    // MARK: architecture

    /// The network with a thumbnail of every neuron's output over the plane in place of its node
    /// (blue negative, red positive; the output shown as 2p − 1 so white is the 0.5 boundary)
    /// and edges coloured and sized by weight.
    static func architecture(_ model: MLP, plane: ClosedRange<Float>) -> any Chart {
        let sizes = [model.features.count] + model.denseLayers.map { $0.layer.weight.shape[0] }
        // weights[l]: [out, in] of dense layer l
        let weights = model.weights.map { w in
            (0..<w.shape[0]).map { o in (0..<w.shape[1]).map { i in Double(w.data[o * w.shape[1] + i]) } }
        }
        var thumbnails: [[ImageGrid.Tile?]]?
        if let fields = try? model.neuronOutputs(resolution: thumbnailResolution, range: plane) {
            let last = fields.count - 1
            thumbnails = fields.enumerated().map { layer, neurons in
                neurons.map { field in
                    let values = layer == last ? field.values.map { 2 * $0 - 1 } : field.values
                    return tile(values, resolution: field.resolution)
                }
            }
        }
        return NetworkDiagram(layerSizes: sizes, weights: weights, thumbnails: thumbnails,
                              thumbnailNormalization: .signed,
                              inputLabels: model.features.map(featureName), outputLabels: ["P(1)"])
    }

    /// A thumbnail from a field whose row 0 is the lowest y (tiles start at the top).
    static func tile(_ values: [Float], resolution n: Int) -> ImageGrid.Tile {
        var flipped = [Float](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0..<n { flipped[(n - 1 - i) * n + j] = values[i * n + j] } }
        return ImageGrid.Tile(width: n, height: n, values: flipped)
    }

    static func featureName(_ feature: InputFeature) -> String {
        switch feature {
        case .x: "x"
        case .y: "y"
        case .xSquared: "x²"
        case .ySquared: "y²"
        case .xTimesY: "xy"
        case .sinX: "sin x"
        case .sinY: "sin y"
        }
    }

    // MARK: decision boundary

    /// The output probability over the plane (hard 0/1 regions when `discretize`), its 0.5
    /// line, the training points as dots and the test points as rings.
    static func boundary(_ model: MLP, train: Dataset, test: Dataset?, discretize: Bool,
                         plane: ClosedRange<Float>, lineScale: Double = 1) -> any Chart {
        guard let field = try? model.decisionField(resolution: fieldResolution, range: plane) else {
            return MessageChart("no decision field")
        }
        let n = field.resolution
        let probabilities = field.values.map(Double.init)
        // Hard regions sit at 0.2 / 0.8 of the map (pale enough for the points on them); their
        // colour bar would claim probabilities they do not have, so it is hidden.
        let shown = discretize ? probabilities.map { $0.isFinite ? ($0 >= 0.5 ? 0.8 : 0.2) : .nan } : probabilities
        let range = Double(plane.lowerBound)...Double(plane.upperBound)
        let half = (range.upperBound - range.lowerBound) / Double(2 * (n - 1))
        let cells = (range.lowerBound - half)...(range.upperBound + half)
        var layers: [any PlotLayer] = [
            Heatmap(values: shown, columns: n, rows: n, x: cells, y: cells, colormap: FieldColormap.soft,
                    range: 0...1, interpolation: discretize ? .nearest : .bilinear, label: "P(class 1)",
                    showColorBar: !discretize),
            ContourLayer(values: probabilities, columns: n, rows: n, x: range, y: range, width: 1.5 * lineScale),
        ]
        let (tx, ty) = coordinates(train)
        layers.append(ScatterChart(xs: tx, ys: ty, classes: train.labels.map(classIndex),
                                   classNames: classNames, radius: 3))
        if let test, test.count > 0 {
            let (x, y) = coordinates(test)
            layers.append(RingScatter(xs: x, ys: y, classes: test.labels.map(classIndex), radius: 3.5,
                                      label: "test (rings)"))
        }
        return Axes(layers, xLabel: "x", yLabel: "y", xRange: range, yRange: range, grid: false,
                    legend: .above)
    }

    static func coordinates(_ data: Dataset) -> ([Double], [Double]) {
        let n = data.count
        return ((0..<n).map { Double(data.points[2 * $0]) }, (0..<n).map { Double(data.points[2 * $0 + 1]) })
    }

    static func classIndex(_ label: Int) -> Int { label >= 1 ? 1 : 0 }

    // MARK: curves

    /// Train and test loss per epoch.
    static func loss(_ model: MLP, lineScale: Double = 1) -> any Chart {
        var series = [LineSeries(model.trainLosses.map(Double.init), label: "train", width: 1.5 * lineScale)]
        if !model.testLosses.isEmpty {
            series.append(LineSeries(model.testLosses.map(Double.init), label: "test", width: 1.5 * lineScale, dash: [6, 3]))
        }
        guard model.trainLosses.count + model.testLosses.count > 0 else {
            return MessageChart("loss curves appear\nonce the network trains")
        }
        let all = (model.trainLosses + model.testLosses).filter { $0.isFinite && $0 > 0 }
        let logY = (all.max() ?? 1) / max(all.min() ?? 1, .leastNonzeroMagnitude) > 20
        return Axes([LineChart(series)], xLabel: "epoch", yLabel: model.loss == .binaryCrossEntropy ? "cross-entropy" : "loss",
                    logY: logY, legend: .above)
    }

    // MARK: hidden features

    /// The points of `data` placed by the outputs of two neurons of dense layer `layer`
    /// (0-based), coloured by class: how that layer has moved the classes apart.
    static func features(_ model: MLP, data: Dataset, layer: Int, neurons: (Int, Int)) -> any Chart {
        let dense = model.denseLayers
        guard dense.indices.contains(layer) else {
            return MessageChart("layer \(layer) does not exist:\nthe network has dense layers 0 to \(dense.count - 1)")
        }
        let width = dense[layer].layer.weight.shape[0]
        guard (0..<width).contains(neurons.0), (0..<width).contains(neurons.1) else {
            return MessageChart("layer \(layer) has neurons 0 to \(width - 1),\nasked for \(neurons.0) and \(neurons.1)")
        }
        guard data.count > 0 else { return MessageChart("no points to place") }
        guard let outputs = try? model.layerOutputs(layer: layer, points: data.points, neurons: [neurons.0, neurons.1]) else {
            return MessageChart("no layer outputs")
        }
        let xs = (0..<data.count).map { Double(outputs.data[$0 * 2]) }
        let ys = (0..<data.count).map { Double(outputs.data[$0 * 2 + 1]) }
        return Axes([ScatterChart(xs: xs, ys: ys, classes: data.labels.map(classIndex), classNames: classNames, radius: 3)],
                    xLabel: "layer \(layer) neuron \(neurons.0)", yLabel: "layer \(layer) neuron \(neurons.1)",
                    legend: .above)
    }
}
