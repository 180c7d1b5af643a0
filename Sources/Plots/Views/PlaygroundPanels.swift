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

    /// The legend's class names: for a softmax network the data's own (setosa, ...) when it
    /// names one per output, else "class k"; "class 0" and "class 1" for a sigmoid.
    static func names(_ model: MLP, _ data: Dataset) -> [String] {
        guard model.head == .softmax else { return classNames }
        let k = model.widths[model.widths.count - 1]
        return data.classNames.count == k ? data.classNames : (0..<k).map { "class \($0)" }
    }

    /// The square range that frames every point of `sets` with a 5% margin (the plane is
    /// square so the boundary is not stretched), or Playground's −6...6 without points.
    static func plane(_ sets: [Dataset]) -> ClosedRange<Float> {
        var lo = Float.infinity, hi = -Float.infinity
        for set in sets { for v in set.points where v.isFinite { lo = min(lo, v); hi = max(hi, v) } }
        guard lo < hi else { return defaultRange }
        let pad = (hi - lo) * 0.05
        return (lo - pad)...(hi + pad)
    }

    /// The plane the pictures of `model` span: for a network of 2D points the square around
    /// every point (`plane(_:)`); for one that takes a table's columns, columns `pair` (unless
    /// given, the two that tell the classes apart best, `informativePair`) each framed with a 5%
    /// margin, the other columns held at the training set's means.
    static func plane(_ model: MLP, _ sets: [Dataset], pair: (Int, Int)? = nil) -> InputPlane {
        let d = model.inputDimension
        if !model.features.isEmpty || d < 2 || (d == 2 && pair == nil) {
            return InputPlane(square: plane(sets), dimension: d)
        }
        let (a, b) = pair ?? sets.first.map { informativePair($0, columns: d) } ?? (0, 1)
        var lo = [Float](repeating: .infinity, count: d), hi = [Float](repeating: -.infinity, count: d)
        var sum = [Double](repeating: 0, count: d)
        var rows = 0
        for (index, set) in sets.enumerated() where set.points.count == d * set.count {
            for r in 0..<set.count {
                for c in 0..<d {
                    let v = set.points[d * r + c]
                    guard v.isFinite else { continue }
                    lo[c] = min(lo[c], v); hi[c] = max(hi[c], v)
                    if index == 0 { sum[c] += Double(v) }
                }
                if index == 0 { rows += 1 }
            }
        }
        func range(_ c: Int) -> ClosedRange<Float> {
            guard (0..<d).contains(c), lo[c] < hi[c] else { return defaultRange }
            let pad = (hi[c] - lo[c]) * 0.05
            return (lo[c] - pad)...(hi[c] + pad)
        }
        let base = sum.map { rows > 0 ? Float($0 / Double(rows)) : 0 }
        return InputPlane(xAxis: a, yAxis: b, xRange: range(a), yRange: range(b), base: base)
    }

    /// The two columns a table is best drawn over, in column order: those with the largest
    /// Fisher ratio (the spread of the class means over the spread within the classes) for
    /// classes, or the largest |correlation| with the target for a regression. On iris these
    /// are the petal length and width; columns 0 and 1 (the sepals) showed one flat region,
    /// the petals at their means deciding everything.
    static func informativePair(_ set: Dataset, columns d: Int) -> (Int, Int) {
        let n = set.count
        guard d > 2, n > 1, set.points.count == n * d else { return (0, 1) }
        var scores = [Double](repeating: 0, count: d)
        for c in 0..<d {
            let values = (0..<n).map { Double(set.points[$0 * d + c]) }
            guard values.allSatisfy(\.isFinite) else { continue }
            let mean = values.reduce(0, +) / Double(n)
            if let targets = set.targets, targets.count == n {
                let t = targets.map(Double.init), tm = t.reduce(0, +) / Double(n)
                var sxy = 0.0, sxx = 0.0, syy = 0.0
                for i in 0..<n { sxy += (values[i] - mean) * (t[i] - tm); sxx += (values[i] - mean) * (values[i] - mean); syy += (t[i] - tm) * (t[i] - tm) }
                scores[c] = sxx > 0 && syy > 0 ? abs(sxy) / (sxx * syy).squareRoot() : 0
            } else if set.labels.count == n {
                var sums: [Int: (Double, Double, Int)] = [:]   // class: (sum, sum of squares, count)
                for i in 0..<n {
                    let entry = sums[set.labels[i], default: (0, 0, 0)]
                    sums[set.labels[i]] = (entry.0 + values[i], entry.1 + values[i] * values[i], entry.2 + 1)
                }
                var between = 0.0, within = 0.0
                for (sum, squares, count) in sums.values {
                    let classMean = sum / Double(count)
                    between += Double(count) * (classMean - mean) * (classMean - mean)
                    within += squares - Double(count) * classMean * classMean
                }
                scores[c] = within > 0 ? between / within : (between > 0 ? .infinity : 0)
            }
        }
        // Highest score first; equal scores keep column order, so the choice is repeatable.
        let order = (0..<d).sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
        return (min(order[0], order[1]), max(order[0], order[1]))
    }

    /// The axis names of a plane: x and y for 2D points, else the data's names of the two
    /// columns (their numbers when it names none).
    static func axisNames(_ model: MLP, _ plane: InputPlane, _ data: Dataset) -> (String, String) {
        guard model.features.isEmpty else { return ("x", "y") }
        func name(_ c: Int) -> String { data.featureNames.indices.contains(c) ? data.featureNames[c] : "column \(c)" }
        return (name(plane.xAxis), name(plane.yAxis))
    }

    // MARK: architecture

    /// The network with a thumbnail of every neuron's output over the plane in place of its node
    /// (blue negative, red positive; the output shown as 2p − 1 so white is the 0.5 boundary)
    /// and edges coloured and sized by weight.
    static func architecture(_ model: MLP, plane: InputPlane) -> any Chart {
        let sizes = [model.widths[0]] + model.denseLayers.map { $0.layer.weight.shape[0] }
        // weights[l]: [out, in] of dense layer l
        let weights = model.weights.map { w in
            (0..<w.shape[0]).map { o in (0..<w.shape[1]).map { i in Double(w.data[o * w.shape[1] + i]) } }
        }
        var thumbnails: [[ImageGrid.Tile?]]?
        if let fields = try? model.neuronOutputs(resolution: thumbnailResolution, plane: plane) {
            let last = fields.count - 1
            thumbnails = fields.enumerated().map { layer, neurons in
                neurons.map { field in
                    let values = layer == last && model.head.classifies ? field.values.map { 2 * $0 - 1 } : field.values
                    return tile(values, resolution: field.resolution)
                }
            }
        }
        return NetworkDiagram(layerSizes: sizes, weights: weights, thumbnails: thumbnails,
                              thumbnailNormalization: .signed,
                              inputLabels: inputLabels(model), outputLabels: outputLabels(model))
    }

    /// A thumbnail from a field whose row 0 is the lowest y (tiles start at the top).
    static func tile(_ values: [Float], resolution n: Int) -> ImageGrid.Tile {
        var flipped = [Float](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0..<n { flipped[(n - 1 - i) * n + j] = values[i * n + j] } }
        return ImageGrid.Tile(width: n, height: n, values: flipped)
    }

    /// The input nodes' names: the features of 2D points, else the columns' numbers.
    static func inputLabels(_ model: MLP) -> [String] {
        model.features.isEmpty ? (0..<model.widths[0]).map { "x\($0)" } : model.features.map(featureName)
    }

    /// The output nodes' names: P(1), a probability per class, or ŷ for a regression.
    static func outputLabels(_ model: MLP) -> [String] {
        let k = model.widths[model.widths.count - 1]
        switch model.head {
        case .sigmoid: return ["P(1)"]
        case .softmax: return (0..<k).map { "P(\($0))" }
        case .linear: return k == 1 ? ["ŷ"] : (0..<k).map { "ŷ\($0)" }
        }
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
        case .cosX: "cos x"
        case .cosY: "cos y"
        }
    }

    // MARK: decision boundary

    /// The output probability over the plane (hard 0/1 regions when `discretize`), its 0.5
    /// line, the training points as dots and the test points as rings.
    static func boundary(_ model: MLP, train: Dataset, test: Dataset?, discretize: Bool,
                         plane: InputPlane, lineScale: Double = 1) -> any Chart {
        switch model.head {
        case .sigmoid: break
        case .softmax: return regions(model, train: train, test: test, plane: plane)
        case .linear: return fittedSurface(model, train: train, test: test, plane: plane)
        }
        guard let field = try? model.outputFields(resolution: fieldResolution, plane: plane)[0] else {
            return MessageChart("no decision field")
        }
        let n = field.resolution
        let probabilities = field.values.map(Double.init)
        // Hard regions sit at 0.2 / 0.8 of the map (pale enough for the points on them); their
        // colour bar would claim probabilities they do not have, so it is hidden.
        let shown = discretize ? probabilities.map { $0.isFinite ? ($0 >= 0.5 ? 0.8 : 0.2) : .nan } : probabilities
        let (xRange, yRange, xCells, yCells) = cellRanges(plane, resolution: n)
        let (xName, yName) = axisNames(model, plane, train)
        var layers: [any PlotLayer] = [
            Heatmap(values: shown, columns: n, rows: n, x: xCells, y: yCells, colormap: FieldColormap.soft,
                    range: 0...1, interpolation: discretize ? .nearest : .bilinear, label: "P(class 1)",
                    showColorBar: !discretize),
            ContourLayer(values: probabilities, columns: n, rows: n, x: xRange, y: yRange, width: 1.5 * lineScale),
        ]
        layers += classPoints(model, train: train, test: test, plane: plane, names: classNames)
        return Axes(layers, xLabel: xName, yLabel: yName, xRange: xRange, yRange: yRange, grid: false,
                    legend: .above)
    }

    /// The plane's ranges in Double, and the ranges its `resolution` samples cover as cells
    /// (half a step beyond each end, since the samples sit on the ends).
    static func cellRanges(_ plane: InputPlane, resolution n: Int)
        -> (x: ClosedRange<Double>, y: ClosedRange<Double>, xCells: ClosedRange<Double>, yCells: ClosedRange<Double>) {
        func widen(_ r: ClosedRange<Float>) -> (ClosedRange<Double>, ClosedRange<Double>) {
            let range = Double(r.lowerBound)...Double(r.upperBound)
            let half = (range.upperBound - range.lowerBound) / Double(2 * (n - 1))
            return (range, (range.lowerBound - half)...(range.upperBound + half))
        }
        let (x, xCells) = widen(plane.xRange), (y, yCells) = widen(plane.yRange)
        return (x, y, xCells, yCells)
    }

    /// The training points as class-coloured dots and the test points as rings.
    static func classPoints(_ model: MLP, train: Dataset, test: Dataset?, plane: InputPlane,
                            names: [String]) -> [any PlotLayer] {
        let (tx, ty) = coordinates(train, model: model, plane: plane)
        var layers: [any PlotLayer] = [ScatterChart(xs: tx, ys: ty, classes: train.labels.map { classIndex($0, model) },
                                                    classNames: names, radius: 3)]
        if let test, test.count > 0 {
            let (x, y) = coordinates(test, model: model, plane: plane)
            layers.append(RingScatter(xs: x, ys: y, classes: test.labels.map { classIndex($0, model) }, radius: 3.5,
                                      label: "test (rings)"))
        }
        return layers
    }

    /// The two spanned columns of every point (none when the data does not fit the network).
    static func coordinates(_ data: Dataset, model: MLP, plane: InputPlane) -> ([Double], [Double]) {
        let n = data.count, d = model.inputDimension
        guard data.points.count == d * n, plane.xAxis < d, plane.yAxis < d else { return ([], []) }
        return ((0..<n).map { Double(data.points[d * $0 + plane.xAxis]) },
                (0..<n).map { Double(data.points[d * $0 + plane.yAxis]) })
    }

    /// A label's palette index: 0 or 1 for a sigmoid network, the class itself for a softmax.
    static func classIndex(_ label: Int, _ model: MLP) -> Int {
        model.head == .softmax ? label : (label >= 1 ? 1 : 0)
    }

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
        return Axes([LineChart(series)], xLabel: "epoch", yLabel: model.loss == .meanSquaredError ? "loss" : "cross-entropy",
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
        return Axes([ScatterChart(xs: xs, ys: ys, classes: data.labels.map { classIndex($0, model) },
                                  classNames: names(model, data), radius: 3)],
                    xLabel: "layer \(layer) neuron \(neurons.0)", yLabel: "layer \(layer) neuron \(neurons.1)",
                    legend: .above)
    }
}
