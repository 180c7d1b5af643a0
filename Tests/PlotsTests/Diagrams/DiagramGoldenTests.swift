import Foundation
import Testing
@testable import Plots

/// Golden pictures of the image grid, confusion matrix and network diagrams (each at 360x240 as a 72x24 `Golden` picture).
@Suite struct DiagramGoldenTests {
    static func cases() -> [(String, any Chart)] {
        let digits = (0..<10).map { label in
            ImageGrid.Tile(width: 28, height: 28, values: DiagramSamples.digit(label),
                           caption: "\(label == 7 ? 1 : label)", correct: label != 7)
        }
        let filters = DiagramSamples.filters(count: 8, side: 5, seed: 3).map {
            ImageGrid.Tile(width: 5, height: 5, values: $0)
        }
        let sizes = [2, 8, 8, 1]
        let wide = NetworkDiagram(layerSizes: sizes, weights: DiagramSamples.weights(sizes, seed: 11),
                                  activations: DiagramSamples.activations(
                                      DiagramSamples.weights(sizes, seed: 11), input: [0.5, -1]),
                                  inputLabels: ["x", "y"], outputLabels: ["out"])
        let tenClasses = (0..<10).map { i in (0..<10).map { j in i == j ? 90 + i : (i + 2 * j) % 7 } }
        let fashion = ["T-shirt", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
                       "Sneaker", "Bag", "Boot"]
        return [
            ("digits", ImageGrid(tiles: digits)),
            ("one-digit", ImageGrid(image: ImageGrid.Tile(width: 28, height: 28,
                                                          values: DiagramSamples.digit(4)))),
            ("confusion-rows", ConfusionMatrix(counts: tenClasses, classNames: fashion,
                                               normalizeRows: true)),
            ("network-mnist", NetworkDiagram(layerSizes: [784, 32, 10],
                                             weights: DiagramSamples.weights([784, 32, 10], seed: 2))),
            ("network-thumbnails", NetworkDiagramTests.thumbnailDiagram()),
            ("filters", ImageGrid(tiles: filters, normalization: .signed)),
            ("confusion", ConfusionMatrix(counts: ConfusionMatrixTests.counts,
                                          classNames: ["cat", "dog", "bird"])),
            ("network-xor", NetworkDiagramTests.xorDiagram()),
            ("network-xor-small", LeftPart(chart: NetworkDiagramTests.xorDiagram(), fraction: 0.4)),
            ("network-2881", wide),
        ]
    }

    @Test func diagramsMatchTheirGoldens() throws {
        for (name, chart) in Self.cases() {
            let raster = Figure.single(chart, title: name, width: 360, height: 240).render()
            try Golden.check(picture: raster, "diagrams/\(name).txt", columns: 72, rows: 24)
        }
    }
}

/// Draws a chart into the left part of its rect, to see how it behaves in a small panel.
struct LeftPart: Chart {
    var chart: any Chart
    var fraction: Double

    func draw(into raster: inout Raster, in rect: Rect, theme: Theme) {
        chart.draw(into: &raster, in: Rect(x: rect.x, y: rect.y, width: rect.width * fraction,
                                           height: rect.height), theme: theme)
    }
}
