import Foundation
import Runtime

/// One digit's way through a CNN, left to right: the input, the answer (the predicted class,
/// its probability and whether it is right), a card per layer (type, output shape, parameters,
/// the activation maps or a strip of the values) and the top-3 classes with the true label.
///
/// The answer and the top 3 always get the room they need (`plan`); the layer cards share the
/// rest, and where they would be too narrow to read, fewer layers get one (only conv, pool and
/// dense, then only as many of those as fit). The softmax card, which repeats the top 3 for
/// every class, is shown only when it has room for all its bars.
struct InferenceRow: Chart {
    var probe: CNNProbe
    var label: Int?
    var layers: [CNNLayerSummary]
    /// Leave out the cards of layers that only reshape or apply an elementwise function (for
    /// small pictures).
    var compact: Bool

    static let gap = 6.0
    /// The narrowest layer card: room for a title such as "conv(16,3)" and a shape.
    static let minimumCard = 78.0
    static let answerWidth = 84.0
    static let topWidth = 116.0
    /// The narrowest softmax card whose ten bars and values can be read.
    static let softmaxWidth = 150.0

    /// Which layers get a card in a row `width` pixels wide, and the width of each card.
    struct Plan: Equatable {
        var cards: [Int]
        var inputWidth: Double
        var cardWidth: Double
    }

    /// The cards of a row `width` x `height` pixels for `layers` (of which the first
    /// `outputCount` have outputs).
    static func plan(width: Double, height: Double, layers: [CNNLayerSummary], outputCount: Int,
                     compact: Bool) -> Plan {
        let inputWidth = min(max(60, height * 0.75), 120)
        let fixed = inputWidth + answerWidth + topWidth + 3 * gap
        let room = max(0, width - fixed)
        func fits(_ cards: [Int]) -> Double? {
            guard !cards.isEmpty else { return 0 }
            let each = (room - gap * Double(cards.count)) / Double(cards.count)
            let softmaxOK = !cards.contains { layers[$0].kind == "softmax" } || each >= softmaxWidth
            return each >= minimumCard && softmaxOK ? min(each, 220) : nil
        }
        let all = layers.indices.filter { $0 < outputCount }
        let main = all.filter { ["conv", "maxpool", "avgpool", "dense"].contains(layers[$0].kind) }
        var candidates: [[Int]] = compact ? [] : [all, all.filter { layers[$0].kind != "softmax" }]
        candidates.append(main)
        for count in stride(from: main.count - 1, through: 0, by: -1) {
            candidates.append(Array(main.prefix(count)))
        }
        for cards in candidates {
            if let each = fits(cards) { return Plan(cards: cards, inputWidth: inputWidth, cardWidth: each) }
        }
        return Plan(cards: [], inputWidth: inputWidth, cardWidth: 0)
    }

    func draw(into raster: inout Raster, in rect: Rect, theme: Theme) {
        guard rect.width >= 40, rect.height >= 8 else { return }
        let plan = Self.plan(width: rect.width, height: rect.height, layers: layers,
                             outputCount: probe.outputs.count, compact: compact)
        var x = rect.minX
        func next(_ width: Double) -> Rect {
            defer { x += width + Self.gap }
            return Rect(x: x, y: rect.minY, width: min(width, rect.maxX - x), height: rect.height)
        }
        raster.withClip(rect) { raster in
            Self.card(title: "input", subtitle: CNNPanels.shapeText(probe.input.shape),
                      into: &raster, in: next(plan.inputWidth), theme: theme) { raster, body in
                ImageGrid(tiles: CNNPanels.maps(probe.input), normalization: .fixed(low: 0, high: 1), gap: 2)
                    .draw(into: &raster, in: body, theme: theme)
            }
            drawAnswer(into: &raster, in: next(Self.answerWidth), theme: theme)
            for i in plan.cards {
                let output = probe.outputs[i], layer = layers[i]
                let subtitle = CNNPanels.shapeText(layer.outputShape) + (layer.parameters > 0 ? " · \(ViewFormat.count(layer.parameters)) p" : "")
                Self.card(title: layer.name.replacingOccurrences(of: ", size: ", with: ", "), subtitle: subtitle, into: &raster, in: next(plan.cardWidth), theme: theme) { raster, body in
                    Self.values(output, kind: layer.kind, into: &raster, in: body, theme: theme)
                }
            }
            let topRect = Rect(x: max(x, rect.maxX - Self.topWidth), y: rect.minY, width: Self.topWidth, height: rect.height)
            Self.card(title: "top 3", subtitle: label.map { "true \($0)" } ?? "", into: &raster, in: topRect, theme: theme) { raster, body in
                Self.drawTop(probe.top(3), label: label, into: &raster, in: body, theme: theme)
            }
        }
    }

    /// The most probable classes as lines "7 ▇▇▇▇ 0.99", the true class's bar in the accent
    /// colour: three lines fit a card whatever its height, where a bar chart with axes did not.
    static func drawTop(_ top: [(label: Int, probability: Float)], label: Int?, into raster: inout Raster,
                        in rect: Rect, theme: Theme) {
        let font = Font.small, line = Double(font.lineHeight) + 3
        let count = min(top.count, max(1, Int(rect.height / line)))
        let barStart = rect.minX + Double(2 * font.cellWidth)
        let barEnd = rect.maxX - Double(5 * font.cellWidth)
        var y = rect.minY + max(0, (rect.height - line * Double(count)) / 2)
        for entry in top.prefix(count) {
            let color = entry.label == label ? hex(0xD55E00) : ClassPalette.color(0)
            raster.drawText("\(entry.label)", x: rect.minX + 1, y: y + line / 2, font: font, color: theme.text, anchor: .left)
            let p = Double(entry.probability.isFinite ? min(max(entry.probability, 0), 1) : 0)
            if barEnd > barStart {
                raster.fillRect(Rect(x: barStart, y: y + 2, width: max(1, (barEnd - barStart) * p), height: line - 4), color: color)
            }
            raster.drawText(String(format: "%.2f", p), x: rect.maxX - 1, y: y + line / 2, font: font, color: theme.text, anchor: .right)
            y += line
        }
    }

    /// The predicted class large, its probability under it, and the verdict against the label.
    private func drawAnswer(into raster: inout Raster, in rect: Rect, theme: Theme) {
        let predicted = probe.predicted
        let p = predicted < probe.probabilities.count ? probe.probabilities[predicted] : .nan
        let verdict = label.map { $0 == predicted ? "right" : "wrong, true \($0)" } ?? ""
        let wrong = label.map { $0 != predicted } ?? false
        Self.card(title: "answer", subtitle: verdict, into: &raster, in: rect, theme: theme) { raster, body in
            let color = wrong ? hex(0xC0392B) : theme.text
            raster.drawText("\(predicted)", x: body.midX, y: body.midY - Double(Font.large.lineHeight) / 2,
                            font: .large, color: color, anchor: .center)
            raster.drawText(String(format: "p %.2f", p), x: body.midX, y: body.midY + Double(Font.large.lineHeight) / 2 + 2,
                            font: .large, color: color, anchor: .center)
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
