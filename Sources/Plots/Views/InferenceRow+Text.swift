import Foundation
import Runtime

extension InferenceRow: TextChart {
    /// The layers that may get a card in text: every layer with an output, or only the main
    /// ones when compact.
    var shown: [Int] {
        layers.indices.filter { i in
            i < probe.outputs.count && (!compact || ["conv", "maxpool", "avgpool", "dense"].contains(layers[i].kind))
        }
    }

    /// The digit's way through the network in text, left to right: the input, one card per
    /// layer (name, output shape, and its maps, values or probabilities), and the top 3 classes
    /// with their probabilities. The top-3 card always keeps its room: when the width is short,
    /// layer cards are left out (the last ones first) rather than the answer.
    func drawText(into grid: inout CellGrid, in rect: CellRect, style: TextStyle) {
        guard rect.width >= 12, rect.height >= 3 else { return }
        let answerWidth = min(16, rect.width / 2)
        let inputWidth = min(max(6, rect.height * 2 - 2), (rect.width - answerWidth) / 2)
        var cards = shown
        let room = rect.width - answerWidth - inputWidth - 2
        let fitting = room / 8
        if cards.count > fitting { cards = Array(cards.prefix(max(0, fitting))) }
        let cardWidth = cards.isEmpty ? 0 : (room - cards.count) / cards.count
        var x = rect.x
        func card(_ width: Int, title: String, subtitle: String, body: (inout CellGrid, CellRect) -> Void) {
            grid.put(style.text(title), x: x, y: rect.y, bold: true, limit: width)
            grid.put(style.text(subtitle), x: x, y: rect.y + 1, color: TextStyle.muted, limit: width)
            body(&grid, CellRect(x: x, y: rect.y + 2, width: width, height: rect.height - 2))
            x += width + 1
        }
        card(inputWidth, title: label.map { "input · true \($0)" } ?? "input", subtitle: CNNPanels.shapeText(probe.input.shape)) { grid, body in
            ImageGrid(tiles: CNNPanels.maps(probe.input), normalization: .fixed(low: 0, high: 1))
                .drawText(into: &grid, in: body, style: style)
        }
        for i in cards {
            let output = probe.outputs[i], layer = layers[i]
            let subtitle = CNNPanels.shapeText(layer.outputShape) + (layer.parameters > 0 ? " · \(ViewFormat.count(layer.parameters)) p" : "")
            card(cardWidth, title: layer.name, subtitle: subtitle) { grid, body in
                Self.textValues(output, kind: layer.kind, into: &grid, in: body, style: style)
            }
        }
        let top = probe.top(3)
        let verdict = label.map { $0 == probe.predicted ? "right" : "wrong" } ?? ""
        card(rect.maxX - x, title: "top 3", subtitle: verdict) { grid, body in
            for (k, entry) in top.enumerated() where k < body.height {
                let first = k == 0
                let color: RGBA? = first && style.color ? (label.map { $0 == entry.label ? ImageGrid.rightColor : ImageGrid.wrongColor } ?? nil) : nil
                let text = "\(entry.label)  " + String(format: "%.2f", Double(entry.probability))
                grid.put(text, x: body.x, y: body.y + k, color: color, bold: first)
                let barColumns = body.width - text.count - 1
                let filled = Int((Double(max(0, barColumns)) * min(1, max(0, Double(entry.probability)))).rounded())
                if filled > 0 {
                    grid.put(String(repeating: style.unicode ? "█" : "#", count: filled), x: body.x + text.count + 1, y: body.y + k,
                             color: style.ink(first ? ClassPalette.color(1) : ClassPalette.color(0)))
                }
            }
        }
    }

    /// A layer's output in a card: maps as tiles, softmax as the three best classes, other
    /// vectors as a strip of coloured cells.
    static func textValues(_ output: Tensor, kind: String, into grid: inout CellGrid, in rect: CellRect, style: TextStyle) {
        if output.shape.count == 3 {
            ImageGrid(tiles: CNNPanels.maps(output), normalization: .minMax, colormap: .viridis)
                .drawText(into: &grid, in: rect, style: style)
        } else {
            DenseActivations(strips: [("", output.data)], probabilities: [], predicted: 0, label: nil)
                .drawStrip(output.data, into: &grid, in: rect, style: style)
        }
    }
}
