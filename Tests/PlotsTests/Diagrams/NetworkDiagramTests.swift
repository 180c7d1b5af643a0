import Foundation
import Testing
@testable import Plots

@Suite struct NetworkDiagramTests {
    @Test(arguments: [(0.0, 2.0, 0.5, 0.6), (2, 2, 1, 5), (-1, 2, 0.25, 2.8), (-9, 2, 0, 5),
                      (.nan, 2, 0.5, 0.6), (1, 0, 0.5, 0.6)])
    func edgeStyleFollowsSignAndMagnitude(weight: Double, largest: Double, position: Double,
                                          width: Double) {
        let style = NetworkDiagram.edgeStyle(weight: weight, largest: largest)
        #expect(abs(style.position - position) < 1e-9 && abs(style.width - width) < 1e-9)
    }

    @Test(arguments: [(0.98765, "0.99"), (-1.25, "−1.25"), (12.34, "12.3"), (-0.001, "0"),
                      (4321.6, "4322"), (31_000, "3e4"), (.nan, "NaN"), (-.infinity, "−∞")])
    func shortLabels(value: Double, text: String) {
        #expect(NetworkDiagram.shortLabel(value) == text)
    }

    @Test func xorLabelsShowActivationSumAndBias() {
        let labels = NetworkDiagram.nodeLabels(activations: [[1, 0], [0.731, 0.5]],
                                               inputSums: [[1, 0]], biases: [[-0.25]])
        #expect(labels == [[["1.00"], ["0"]], [["0.73", "Σ 1.00", "b −0.25"], ["0.50", "Σ 0"]]])
    }

    @Test func badShapesAreNamed() {
        #expect(NetworkDiagram(layerSizes: [2, 0, 1], weights: []).problem
            == "layer 1 has 0 nodes; every layer needs at least 1")
        #expect(NetworkDiagram(layerSizes: [2, 3, 1], weights: [[[1, 2]]]).problem
            == "1 weight matrices for 3 layers (expected 2)")
        #expect(NetworkDiagram(layerSizes: [2, 1], weights: [[[1, 2, 3]]]).problem
            == "weights of layer 0 must be 1x2 ([out, in])")
        #expect(NetworkDiagram(layerSizes: [2, 1], weights: [[[1, 2]]],
                               activations: [[0, 1]]).problem
            == "activations must give one value per node of every layer")
    }

    static func xorDiagram() -> NetworkDiagram {
        let weights = DiagramSamples.weights([2, 3, 1], seed: 7)
        let activations = DiagramSamples.activations(weights, input: [1, 0])
        let labels: [[[String]]] = activations.enumerated().map { layer, values in
            values.enumerated().map { i, a in
                layer == 0 ? [NetworkDiagram.shortLabel(a)]
                    : [NetworkDiagram.shortLabel(a), "Σ " + NetworkDiagram.shortLabel(Double(i) - 0.7),
                       "b " + NetworkDiagram.shortLabel(0.1 * Double(i))]
            }
        }
        return NetworkDiagram(layerSizes: [2, 3, 1], weights: weights, activations: activations,
                              nodeLabels: labels, inputLabels: ["x₁", "x₂"], outputLabels: ["ŷ"])
    }

    @Test func xorNodesCarryTheirActivationColour() {
        var raster = Raster(width: 360, height: 240, fill: Theme.light.background)
        let chart = Self.xorDiagram()
        chart.draw(into: &raster, in: Rect(x: 0, y: 0, width: 360, height: 240))
        LookAt.save(raster, "charts-network-xor")
        let layout = NetworkDiagramLayout(layerSizes: [2, 3, 1], x: 0, y: 0, width: 360,
                                          height: 240, leftMargin: 6 + 12, rightMargin: 6 + 6,
                                          topMargin: 2, bottomMargin: 2, labelLines: 2,
                                          lineHeight: Double(Font.small.lineHeight), maxRadius: 20)
        #expect(layout.labelLines == 2)
        // The node at the rim carries its activation colour.
        let node = layout.nodes[1][0]
        let value = chart.activations?[1][0] ?? 0
        let expected = Colormap.viridis.color(at: value)
        let rim = raster[Int(node.x), Int(node.y - layout.radius + 3)]
        #expect(abs(Int(rim.r) - Int(expected.r)) < 8 && abs(Int(rim.g) - Int(expected.g)) < 8)
    }

    /// A 2-8-8-1 network whose nodes show made-up outputs over the input plane (sigmoids of
    /// rotated lines).
    static func thumbnailDiagram() -> NetworkDiagram {
        let sizes = [2, 8, 8, 1]
        let weights = DiagramSamples.weights(sizes, seed: 11)
        let thumbnails: [[ImageGrid.Tile?]] = sizes.enumerated().map { layer, n in
            (0..<n).map { i in
                let values: [Float] = (0..<(16 * 16)).map { p in
                    let x = Double(p % 16) / 7.5 - 1, y = Double(p / 16) / 7.5 - 1
                    let angle = Double(i + layer) * 0.7
                    return Float(1 / (1 + exp(-4 * (x * cos(angle) + y * sin(angle)))))
                }
                return ImageGrid.Tile(width: 16, height: 16, values: values)
            }
        }
        return NetworkDiagram(layerSizes: sizes, weights: weights, thumbnails: thumbnails,
                              inputLabels: ["x", "y"], outputLabels: ["out"])
    }

    @Test func wideNetworkWithThumbnailsDraws() {
        let chart = Self.thumbnailDiagram()
        var raster = Raster(width: 400, height: 300, fill: Theme.light.background)
        chart.draw(into: &raster, in: Rect(x: 0, y: 0, width: 400, height: 300))
        LookAt.save(raster, "charts-network-2881")
        // Both weight signs appear as edge colours (reddish and bluish pixels).
        var reds = 0, blues = 0
        for y in 0..<300 {
            for x in 0..<400 {
                let c = raster[x, y]
                if Int(c.r) - Int(c.b) > 60 { reds += 1 }
                if Int(c.b) - Int(c.r) > 60 { blues += 1 }
            }
        }
        #expect(reds > 200 && blues > 200)

        var mnist = Raster(width: 300, height: 260, fill: Theme.light.background)
        NetworkDiagram(layerSizes: [784, 32, 10], weights: DiagramSamples.weights([784, 32, 10], seed: 2))
            .draw(into: &mnist, in: Rect(x: 0, y: 0, width: 300, height: 260))
        LookAt.save(mnist, "charts-network-mnist")
    }
}
