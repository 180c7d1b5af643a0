/// A layered network drawn as nodes in columns joined by edges: each node coloured by its
/// activation and labelled with up to three short values, each edge coloured by the sign of its
/// weight (diverging map: blue negative, red positive) and as thick as its magnitude, optional
/// small thumbnails in place of the nodes (a neuron's output over the input plane), input and
/// output labels at the sides.
public struct NetworkDiagram: Chart {
    /// Nodes per layer, input first, e.g. [2, 3, 1].
    public var layerSizes: [Int]
    /// weights[l]: [layerSizes[l + 1], layerSizes[l]] — the weight from node i of layer l to
    /// node j of layer l + 1 is `weights[l][j][i]` (PyTorch's [out, in]).
    public var weights: [[[Double]]]
    /// activations[l]: one value per node, colouring it; nil draws every node in one neutral
    /// colour.
    public var activations: [[Double]]?
    /// The activation values mapped to the ends of `nodeColormap` (0...1 for sigmoid; use
    /// −1...1 with the diverging map for tanh).
    public var activationRange: ClosedRange<Double>
    public var nodeColormap: Colormap
    /// labels[l][i]: up to three short labels for node i of layer l. The first goes inside
    /// the node (the activation, say), the others under it (input sum, bias); under
    /// thumbnails all go under. Lines that do not fit are dropped, last first.
    public var nodeLabels: [[[String]]]?
    /// thumbnails[l][i]: an image drawn as node i of layer l (nil keeps the circle).
    public var thumbnails: [[ImageGrid.Tile?]]?
    public var thumbnailNormalization: ImageGridNormalization
    public var thumbnailColormap: Colormap
    /// Names of the inputs (left of the first column) and outputs (right of the last).
    public var inputLabels: [String]?
    public var outputLabels: [String]?

    /// A diagram of the layers and weights; everything else is optional decoration.
    public init(layerSizes: [Int], weights: [[[Double]]], activations: [[Double]]? = nil,
                activationRange: ClosedRange<Double> = 0...1,
                nodeColormap: Colormap = .viridis, nodeLabels: [[[String]]]? = nil,
                thumbnails: [[ImageGrid.Tile?]]? = nil,
                thumbnailNormalization: ImageGridNormalization = .fixed(low: 0, high: 1),
                thumbnailColormap: Colormap = .diverging,
                inputLabels: [String]? = nil, outputLabels: [String]? = nil) {
        self.layerSizes = layerSizes; self.weights = weights; self.activations = activations
        self.activationRange = activationRange; self.nodeColormap = nodeColormap
        self.nodeLabels = nodeLabels; self.thumbnails = thumbnails
        self.thumbnailNormalization = thumbnailNormalization
        self.thumbnailColormap = thumbnailColormap
        self.inputLabels = inputLabels; self.outputLabels = outputLabels
    }

    /// What is wrong with the input, in words for the learner, or nil when it can be drawn.
    public var problem: String? {
        if layerSizes.isEmpty { return "no layers" }
        if let bad = layerSizes.firstIndex(where: { $0 < 1 }) {
            return "layer \(bad) has \(layerSizes[bad]) nodes; every layer needs at least 1"
        }
        if weights.count != layerSizes.count - 1 {
            return "\(weights.count) weight matrices for \(layerSizes.count) layers"
                + " (expected \(layerSizes.count - 1))"
        }
        for (l, matrix) in weights.enumerated() {
            let rows = layerSizes[l + 1], columns = layerSizes[l]
            if matrix.count != rows || matrix.contains(where: { $0.count != columns }) {
                return "weights of layer \(l) must be \(rows)x\(columns) ([out, in])"
            }
        }
        if let activations {
            if activations.count != layerSizes.count
                || zip(activations, layerSizes).contains(where: { $0.count != $1 }) {
                return "activations must give one value per node of every layer"
            }
        }
        return nil
    }

    /// The colormap position and the line width of an edge of weight `weight` when the
    /// largest |weight| drawn is `largest`: position 0.5 ± 0.5·w/largest on the diverging map
    /// (so the sign reads as blue or red), width from `thinnest` up to `thickest` in
    /// proportion to |w|/largest (clamped; a NaN weight gets the thinnest neutral line).
    public static func edgeStyle(weight: Double, largest: Double, thinnest: Double = 0.6,
                                 thickest: Double = 5) -> (position: Double, width: Double) {
        guard weight.isFinite, largest.isFinite, largest > 0 else { return (0.5, thinnest) }
        let share = min(1, abs(weight) / largest)
        let position = 0.5 + 0.5 * (weight < 0 ? -share : share)
        return (position, thinnest + (thickest - thinnest) * share)
    }

    /// The XOR view's node labels: every node shows its activation; nodes after the input
    /// layer also show their input sum ("Σ 1.25") and bias ("b −0.30"). `inputSums` and
    /// `biases` are per layer after the input ([layer − 1][node]); missing values are left out.
    public static func nodeLabels(activations: [[Double]], inputSums: [[Double]],
                                  biases: [[Double]]) -> [[[String]]] {
        activations.enumerated().map { layer, values in
            values.enumerated().map { node, activation in
                var labels = [shortLabel(activation)]
                guard layer > 0 else { return labels }
                if let sum = inputSums[diagramSafe: layer - 1]?[diagramSafe: node] {
                    labels.append("Σ " + shortLabel(sum))
                }
                if let bias = biases[diagramSafe: layer - 1]?[diagramSafe: node] {
                    labels.append("b " + shortLabel(bias))
                }
                return labels
            }
        }
    }

    /// A value as a label of at most five characters ("0.98", "−1.3", "12", "3e+04"), with a
    /// real minus sign.
    public static func shortLabel(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "∞" : "−∞") }
        let magnitude = abs(value)
        let text: String
        switch magnitude {
        case ..<0.005: text = "0"
        case ..<10: text = formatFixed(magnitude, decimals: 2)
        case ..<100: text = formatFixed(magnitude, decimals: 1)
        case ..<10_000: text = formatFixed(magnitude, decimals: 0)
        default:
            var exponent = 0
            var mantissa = magnitude
            while mantissa >= 10 { mantissa /= 10; exponent += 1 }
            text = "\(Int(mantissa.rounded()))e\(exponent)"
        }
        return value < 0 && text != "0" ? "−" + text : text
    }

    private static func formatFixed(_ value: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let whole = Int((value * scale).rounded())
        guard decimals > 0 else { return String(whole) }
        let integer = whole / Int(scale), fraction = whole % Int(scale)
        let digits = String(fraction)
        return "\(integer)." + String(repeating: "0", count: decimals - digits.count) + digits
    }
}

extension Array {
    /// The element at `index`, or nil when out of range (labels and thumbnails may be given
    /// for fewer nodes than the network has). Named for the diagram so it cannot clash with a
    /// similar helper elsewhere in the module.
    subscript(diagramSafe index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}
