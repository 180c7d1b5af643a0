import Foundation
import Runtime

/// The charts of the XOR dashboard, each built from one `XORNetwork` value. Every function does
/// its own maths (decision field, output field, loss surface), so a view calls them only
/// inside a figure's draw closure, when the display actually draws a frame.
enum XORPanels {
    /// Samples per side of the decision field (bilinear upscaling makes 48 look smooth; the
    /// field costs 48² forward passes).
    static let fieldResolution = 48
    /// Samples per side of the loss surface: the original's 30.
    static let surfaceResolution = 30
    /// The input-plane range shown by the boundary: the original's data range padded by 1/2.
    static let inputRange: ClosedRange<Float> = -0.5...1.5
    /// The truth-table rows as the points' names.
    static let rowNames = ["(0,0)", "(0,1)", "(1,0)", "(1,1)"]
    static let classNames = ["XOR = 0", "XOR = 1"]
    static var targetClasses: [Int] { XORNetwork.targets.map { Int($0) } }

    // MARK: architecture

    /// The 2-h-1 network as a diagram for truth-table row `row`: every node shows its activation
    /// (inside) and, after the inputs, its input sum Σ and bias b; edges are coloured and sized
    /// by weight.
    static func architecture(_ network: XORNetwork, row: Int) -> any Chart {
        let h = network.hidden
        let r = min(max(row, 0), XORNetwork.batch - 1)
        let pass = network.forward()
        let x = [XORNetwork.inputs[2 * r], XORNetwork.inputs[2 * r + 1]]
        let hiddenActivations = pass.activations(row: r)
        let hiddenSums = Array(pass.hiddenSums[(r * h)..<((r + 1) * h)])
        // weights[0]: [h, 2] (PyTorch's [out, in]) from w1 [2, h]; weights[1]: [1, h]
        let first = (0..<h).map { j in [network.w1[j], network.w1[h + j]] }
        let activations = [x, hiddenActivations, [pass.outputs[r]]]
        let labels = NetworkDiagram.nodeLabels(activations: activations,
                                                inputSums: [hiddenSums, [pass.outputSums[r]]],
                                                biases: [network.b1, [network.b2]])
        return NetworkDiagram(layerSizes: [2, h, 1], weights: [first, [network.w2]],
                              activations: activations, nodeLabels: labels,
                              inputLabels: ["x1 = \(Int(x[0]))", "x2 = \(Int(x[1]))"],
                              outputLabels: ["ŷ"])
    }

    // MARK: decision boundary

    /// The output probability over the input plane with its 0.5 line and the four points; with
    /// `discretize`, hard 0/1 regions instead of the probability (as the mlp's boundary).
    static func boundary(_ network: XORNetwork, discretize: Bool = false, lineScale: Double = 1) -> any Chart {
        guard let field = try? network.decisionField(resolution: fieldResolution, range: inputRange) else {
            return MessageChart("no decision field")
        }
        let values = field.values.map(Double.init)
        let x = Double(field.xRange.lowerBound)...Double(field.xRange.upperBound)
        let y = Double(field.yRange.lowerBound)...Double(field.yRange.upperBound)
        // Heatmap cells are centred on the samples: widen by half a cell on each side.
        let half = (x.upperBound - x.lowerBound) / Double(2 * (field.resolution - 1))
        // Hard regions sit at 0.2 / 0.8 of the map, as in the mlp's boundary; their colour bar
        // would claim probabilities they do not have, so it is hidden.
        let shown = discretize ? values.map { $0.isFinite ? ($0 >= 0.5 ? 0.8 : 0.2) : .nan } : values
        let heatmap = Heatmap(values: shown, columns: field.resolution, rows: field.resolution,
                              x: (x.lowerBound - half)...(x.upperBound + half),
                              y: (y.lowerBound - half)...(y.upperBound + half),
                              colormap: FieldColormap.soft, range: 0...1,
                              interpolation: discretize ? .nearest : .bilinear, label: "P(XOR = 1)",
                              showColorBar: !discretize)
        let contour = ContourLayer(values: values, columns: field.resolution, rows: field.resolution,
                                   x: x, y: y, width: 1.5 * lineScale, label: "ŷ = 0.5")
        let points = ScatterChart(xs: [0, 0, 1, 1], ys: [0, 1, 0, 1], classes: targetClasses,
                                  classNames: classNames, radius: 6)
        return Axes([heatmap, contour, points], xLabel: "x1", yLabel: "x2", xRange: x, yRange: y,
                    grid: false, legend: nil)
    }

    // MARK: hidden feature space

    /// The four points in the hidden layer's space with the output unit's own boundary
    /// w2 · h + b2 = 0, where ŷ = 0.5: a threshold for 1 unit, a line for 2, a plane for 3; for
    /// more, the first three units (the boundary lives in all h dimensions, so no plane is drawn).
    static func features(_ network: XORNetwork) -> any Chart {
        let a = network.hiddenActivations   // [4, h]
        let h = network.hidden
        guard a.allSatisfy(\.isFinite) else { return MessageChart("hidden activations are not finite:\nsome weights are NaN or ∞") }
        switch h {
        case 1: return features1D(network, activations: a)
        case 2: return features2D(network, activations: a)
        default:
            let points = (0..<XORNetwork.batch).map { r in Vector3(a[r * h], a[r * h + 1], a[r * h + 2]) }
            var plane: Scatter3DPlane?
            if h == 3 {
                let candidate = Scatter3DPlane(normal: Vector3(network.w2[0], network.w2[1], network.w2[2]),
                                               offset: network.b2)
                if candidate.isValid { plane = candidate }
            }
            return Scatter3D(points: points, classes: targetClasses, labels: rowNames, plane: plane,
                             planeColor: RGBA(90, 90, 90, 70), pointRadius: 6,
                             axisNames: ["h1", "h2", "h3"],
                             bounds: Projection.Bounds(x: 0...1, y: 0...1, z: 0...1))
        }
    }

    /// Two hidden units: the points at (h1, h2), the output ŷ = σ(w2 · h + b2) the network
    /// computes at every (h1, h2) behind them, and its 0.5 line w2 · h + b2 = 0.
    static func features2D(_ network: XORNetwork, activations a: [Double]) -> any Chart {
        let range = -0.05...1.05
        var layers: [any PlotLayer] = []
        let n = 24
        var values = [Double](repeating: 0, count: n * n)   // [n, n], row 0 at the bottom
        for i in 0..<n {
            for j in 0..<n {
                let h1 = Double(GridField.coordinate(j, of: n, in: -0.05...1.05))
                let h2 = Double(GridField.coordinate(i, of: n, in: -0.05...1.05))
                values[i * n + j] = 1 / (1 + exp(-(network.w2[0] * h1 + network.w2[1] * h2 + network.b2)))
            }
        }
        if values.allSatisfy(\.isFinite) {
            let half = (range.upperBound - range.lowerBound) / Double(2 * (n - 1))
            layers.append(Heatmap(values: values, columns: n, rows: n,
                                  x: (range.lowerBound - half)...(range.upperBound + half),
                                  y: (range.lowerBound - half)...(range.upperBound + half),
                                  colormap: FieldColormap.soft, range: 0...1, label: "output ŷ",
                                  showColorBar: false))
            layers.append(ContourLayer(values: values, columns: n, rows: n, x: range, y: range,
                                       label: "w2·h + b2 = 0"))
        }
        layers.append(ScatterChart(xs: [a[0], a[2], a[4], a[6]], ys: [a[1], a[3], a[5], a[7]],
                                   classes: targetClasses, classNames: classNames, radius: 6))
        // No legend: the heatmap leaves no empty corner for it, the points' colours are the
        // boundary panel's, and the panel title names the line.
        return Axes(layers, xLabel: "h1 activation", yLabel: "h2 activation", xRange: range,
                    yRange: range, grid: false, legend: nil)
    }

    /// One hidden unit: each point at (h1, ŷ) coloured by its target, with the output unit's
    /// threshold w2 h1 + b2 = 0 — one unit cannot order 0, 1, 1, 0, and the picture shows why.
    static func features1D(_ network: XORNetwork, activations a: [Double]) -> any Chart {
        let outputs = network.forward().outputs
        var layers: [any PlotLayer] = []
        if network.w2[0] != 0 {
            let threshold = -network.b2 / network.w2[0]
            if threshold.isFinite, threshold > -0.05, threshold < 1.05 {
                layers.append(LineChart([LineSeries([-0.05, 1.05], xs: [threshold, threshold],
                                                    label: "w2·h1 + b2 = 0", color: RGBA(20, 20, 20),
                                                    dash: [5, 4])]))
            }
        }
        layers.append(ScatterChart(xs: a, ys: outputs, classes: targetClasses, classNames: classNames, radius: 6))
        return Axes(layers, xLabel: "h1 activation", yLabel: "output ŷ", xRange: -0.05...1.05,
                    yRange: -0.05...1.05, legend: .above)
    }

    // MARK: loss surface

    /// The loss over (w1[0,0], w1[0,1]) with every other weight held at its current value, and
    /// the path the two weights took (at the loss recorded then), ending at the current weights.
    /// The grid covers ±5 around the current weights (the original's span), widened to hold the
    /// whole path.
    static func surface(_ network: XORNetwork, camera: Camera = Camera()) -> any Chart {
        guard network.hidden >= 2 else {
            return MessageChart("the loss surface is drawn over w1[0,0] and w1[0,1]:\nit needs at least 2 hidden units")
        }
        guard network.weightsAreFinite else {
            return MessageChart("the weights are not finite (NaN or ∞):\nno loss surface to draw")
        }
        let path = network.trajectory.filter { $0.w00.isFinite && $0.w01.isFinite && $0.loss.isFinite }
        var radius = 5.0
        for point in path {
            radius = max(radius, abs(point.w00 - network.w1[0]) * 1.05, abs(point.w01 - network.w1[1]) * 1.05)
        }
        radius = min(radius, 100)
        guard let field = try? network.lossSurface(resolution: surfaceResolution, radius: Float(radius)) else {
            return MessageChart("no loss surface")
        }
        let n = field.resolution
        let xs = (0..<n).map { Double(GridField.coordinate($0, of: n, in: field.xRange)) }
        let ys = (0..<n).map { Double(GridField.coordinate($0, of: n, in: field.yRange)) }
        let z = (0..<n).map { i in (0..<n).map { j in Double(field.values[i * n + j]) } }
        var points = path.map { Vector3($0.w00, $0.w01, $0.loss) }
        points.append(Vector3(network.w1[0], network.w1[1], network.loss))
        let inside = points.filter { xs[0]...xs[n - 1] ~= $0.x && ys[0]...ys[n - 1] ~= $0.y }
        var chart = Surface3D(xs: xs, ys: ys, z: z, path: inside.count >= 2 ? inside : [],
                              axisNames: ["w1[0,0]", "w1[0,1]", "loss"], camera: camera)
        chart.opacity = 0.88
        chart.meshLines = true
        chart.pathLegend = true
        return chart
    }

    // MARK: curves

    /// The loss of every epoch (log scale); an untrained network shows its one current loss.
    static func loss(_ network: XORNetwork, lineScale: Double = 1) -> any Chart {
        let losses = network.losses.isEmpty ? [network.loss] : network.losses
        let finite = losses.filter { $0.isFinite && $0 > 0 }
        let logY = (finite.max() ?? 1) / max(finite.min() ?? 1, .leastNonzeroMagnitude) > 20
        return Axes([LineChart([LineSeries(losses, width: 1.5 * lineScale)])], xLabel: "epoch", yLabel: "½ mean (ŷ − y)²",
                    logY: logY, legend: nil)
    }

    /// The norms of each layer's weight gradient at every report of training (log scale).
    static func gradients(_ network: XORNetwork, lineScale: Double = 1) -> any Chart {
        let points = network.trajectory.filter { $0.epoch > 0 }
        guard !points.isEmpty else { return MessageChart("gradient norms appear\nonce the network trains") }
        let epochs = points.map { Double($0.epoch) }
        return Axes([LineChart([
            LineSeries(points.map(\.gradientNorms.w1), xs: epochs, label: "‖∂L/∂w1‖", width: 1.5 * lineScale),
            LineSeries(points.map(\.gradientNorms.w2), xs: epochs, label: "‖∂L/∂w2‖", width: 1.5 * lineScale),
        ])], xLabel: "epoch", yLabel: "gradient norm", logY: true, legend: .above)
    }
}
