import Foundation
import Runtime

/// One digit's way through a CNN, left to right: the input, a card per layer (type, output
/// shape, parameters, the activation maps or a strip of the values) and the top-3 classes with
/// the true label.
struct InferenceRow: Chart {
    var probe: CNNProbe
    var label: Int?
    var layers: [CNNLayerSummary]
    /// Leave out the cards of layers that only reshape or apply an elementwise function (for
    /// small pictures).
    var compact: Bool

    static let gap = 6.0

    /// The layers that get a card.
    var shown: [Int] {
        layers.indices.filter { i in
            i < probe.outputs.count && (!compact || ["conv", "maxpool", "avgpool", "dense"].contains(layers[i].kind))
        }
    }

    func draw(into raster: inout Raster, in rect: Rect, theme: Theme) {
        let cards = shown
        let slots = Double(cards.count + 2)
        let width = (rect.width - Self.gap * (slots - 1)) / slots
        guard width >= 4, rect.height >= 8 else { return }
        var x = rect.minX
        func next() -> Rect {
            defer { x += width + Self.gap }
            return Rect(x: x, y: rect.minY, width: width, height: rect.height)
        }
        raster.withClip(rect) { raster in
            let inputRect = next()
            Self.card(title: label.map { "input · true \($0)" } ?? "input", subtitle: CNNPanels.shapeText(probe.input.shape),
                      into: &raster, in: inputRect, theme: theme) { raster, body in
                ImageGrid(tiles: CNNPanels.maps(probe.input), normalization: .fixed(low: 0, high: 1), gap: 2)
                    .draw(into: &raster, in: body, theme: theme)
            }
            for i in cards {
                let output = probe.outputs[i], layer = layers[i]
                let subtitle = CNNPanels.shapeText(layer.outputShape) + (layer.parameters > 0 ? " · \(ViewFormat.count(layer.parameters)) p" : "")
                Self.card(title: layer.name, subtitle: subtitle, into: &raster, in: next(), theme: theme) { raster, body in
                    Self.values(output, kind: layer.kind, into: &raster, in: body, theme: theme)
                }
            }
            let top = probe.top(3)
            let verdict = label.map { $0 == probe.predicted ? "right" : "wrong" } ?? ""
            Self.card(title: "top 3", subtitle: verdict, into: &raster, in: next(), theme: theme) { raster, body in
                let bars = BarChart(labels: top.map { "\($0.label)" }, values: top.map { Double($0.probability) },
                                    color: ClassPalette.color(0), highlight: label.flatMap { l in top.firstIndex { $0.label == l } },
                                    range: 0...1, decimals: 2)
                bars.draw(into: &raster, in: body, theme: theme)
            }
        }
    }

    /// A framed card with a title and a subtitle line; `body` draws into the rest.
    static func card(title: String, subtitle: String, into raster: inout Raster, in rect: Rect, theme: Theme,
                     body: (inout Raster, Rect) -> Void) {
        let font = Font.small, line = Double(font.lineHeight)
        raster.fillRect(rect, color: theme.plotBackground)
        raster.strokeRect(rect, color: theme.grid)
        let columns = max(1, Int(rect.width - 4) / font.cellWidth)
        raster.drawText(Legend.truncated(title, columns: columns), x: rect.midX, y: rect.minY + 2, font: font, color: theme.text, anchor: .top)
        raster.drawText(Legend.truncated(subtitle, columns: columns), x: rect.midX, y: rect.minY + 2 + line, font: font,
                        color: theme.mutedText, anchor: .top)
        let inner = rect.inset(top: 2 * line + 6, left: 3, bottom: 3, right: 3)
        guard inner.width >= 2, inner.height >= 2 else { return }
        raster.withClip(inner) { body(&$0, inner) }
    }

    /// A layer's output: channel maps for `[C, H, W]`, probabilities as bars for softmax, a
    /// wrapped strip of cells for other vectors (logits too: their signs would need room for
    /// value labels on both sides of a bar chart that a card does not have).
    static func values(_ output: Tensor, kind: String, into raster: inout Raster, in rect: Rect, theme: Theme) {
        if output.shape.count == 3 {
            ImageGrid(tiles: CNNPanels.maps(output), normalization: .minMax, colormap: .viridis, gap: 1)
                .draw(into: &raster, in: rect, theme: theme)
        } else if kind == "softmax" {
            let best = output.data.indices.max { output.data[$0] < output.data[$1] }
            BarChart(labels: output.data.indices.map(String.init), values: output.data.map(Double.init), highlight: best,
                     range: kind == "softmax" ? 0...1 : nil, decimals: 2).draw(into: &raster, in: rect, theme: theme)
        } else {
            let columns = DenseActivations.columns(count: output.count, width: rect.width, height: rect.height)
            let rows = (output.count + columns - 1) / columns
            let side = min(rect.width / Double(columns), rect.height / Double(rows))
            var values = output.data
            values += [Float](repeating: values.min() ?? 0, count: rows * columns - values.count)
            let box = Rect(x: rect.midX - side * Double(columns) / 2, y: rect.minY, width: side * Double(columns), height: side * Double(rows))
            ImageGrid(image: ImageGrid.Tile(width: columns, height: rows, values: values), colormap: .viridis)
                .drawStretched(into: &raster, in: box)
        }
    }
}
