import Foundation
@testable import Plots

/// The text charts the golden tests draw: the chart fixtures (fixed data from fixed seeds) and
/// a few more for the kinds only text views need.
enum TextChartFixtures {
    /// Every case: a file name stem and its figure.
    static let cases: [(String, Figure)] = [
        ("line", Figure.single(ChartFixtures.lossCurves(), title: "loss curves")),
        ("line-log", Figure.single(ChartFixtures.logLoss(), title: "log loss")),
        ("scatter", Figure.single(ChartFixtures.scatter(), title: "three blobs")),
        ("hist", Figure.single(ChartFixtures.histogram(), title: "weights")),
        ("heatmap", Figure.single(matrix(), title: "a matrix")),
        ("boundary", Figure.single(ChartFixtures.decisionBoundary(), title: "decision boundary")),
        ("bars", Figure.single(ChartFixtures.bars(), title: "prediction")),
        ("images", Figure.single(images(), title: "digits")),
        ("confusion", Figure.single(confusion(), title: "confusion")),
        ("network", Figure.single(network(), title: "architecture")),
        ("dashboard", ChartFixtures.dashboard()),
    ]

    /// The builtin `heatmap`'s shape: a 5 x 7 matrix, cells labelled by row and column.
    static func matrix() -> Axes {
        let rows = 5, columns = 7
        let values = (0..<(rows * columns)).map { i in sin(Double(i % columns) * 0.7) * cos(Double(i / columns) * 0.9) }
        let layer = Heatmap(values: values, columns: columns, rows: rows, x: 0...Double(columns), y: 0...Double(rows),
                            colormap: .viridis, interpolation: .nearest)
        return Axes([layer], xLabel: "column", yLabel: "row", grid: false, legend: nil,
                    customXTicks: (0..<columns).map { Axes.AxisTick(Double($0) + 0.5, "\($0)") },
                    customYTicks: (0..<rows).map { Axes.AxisTick(Double(rows - $0) - 0.5, "\($0)") })
    }

    /// Six synthetic digits captioned as predictions, two of them wrong.
    static func images() -> ImageGrid {
        let predictions = [0, 1, 2, 5, 4, 3]
        return ImageGrid(tiles: (0..<6).map { k in
            ImageGrid.Tile(width: 28, height: 28, values: DiagramSamples.digit(k), caption: "\(k)→\(predictions[k])",
                           correct: predictions[k] == k)
        }, normalization: .fixed(low: 0, high: 1))
    }

    static func confusion() -> ConfusionMatrix {
        ConfusionMatrix(counts: [[50, 2, 0, 1], [3, 41, 5, 0], [0, 4, 47, 2], [1, 0, 3, 38]],
                        classNames: ["cat", "dog", "bird", "fish"])
    }

    /// A 2-3-1 network with values on its nodes, as the XOR view labels them.
    static func network() -> NetworkDiagram {
        let weights = DiagramSamples.weights([2, 3, 1], seed: 4)
        let activations = DiagramSamples.activations(weights, input: [0, 1])
        let labels = NetworkDiagram.nodeLabels(activations: activations, inputSums: [[0.5, -1.25, 2], [0.75]],
                                                biases: [[-0.3, 0.1, 1.5], [-2]])
        return NetworkDiagram(layerSizes: [2, 3, 1], weights: weights, activations: activations, nodeLabels: labels,
                              inputLabels: ["x1 = 0", "x2 = 1"], outputLabels: ["ŷ"])
    }
}
