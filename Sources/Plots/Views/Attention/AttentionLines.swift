/// Token-to-token lines in the style of BertViz: the sequence twice, queries on the left and
/// keys on the right, a line from query i to key j for every weight above a threshold, as
/// opaque as the weight and coloured by head (heads that are off are left out).
public struct AttentionLines: Chart {
    public var tokens: [String]
    /// weights[h] `[T, T]` for each head of one layer.
    public var weights: [[Double]]
    public var off: [Bool]
    /// Weights below this are not drawn.
    public var threshold: Double

    public init(tokens: [String], weights: [[Double]], off: [Bool], threshold: Double = 0.1) {
        self.tokens = tokens; self.weights = weights; self.off = off; self.threshold = threshold
    }

    var problem: String? {
        let T = tokens.count
        if T == 0 { return "no tokens" }
        if weights.isEmpty || weights.contains(where: { $0.count != T * T }) || off.count != weights.count { return "weights do not match the tokens" }
        if off.allSatisfy({ $0 }) { return "every head is off" }
        return nil
    }

    /// The strongest key of query i in head h, with its weight.
    func strongest(_ h: Int, _ i: Int) -> (key: Int, weight: Double) {
        let T = tokens.count
        var best = 0
        for j in 0..<T where weights[h][i * T + j] > weights[h][i * T + best] { best = j }
        return (best, weights[h][i * T + best])
    }

    public func draw(into raster: inout Raster, in rect: Rect, theme: Theme = .light) {
        guard ChartMessage.shouldDraw(problem: problem, into: &raster, in: rect, theme: theme) else { return }
        let font = Font.small
        let T = tokens.count
        let names = tokens.map { AttentionLabels.drawable($0, font: font) }
        let nameWidth = Double(names.map { font.width(of: $0) }.max() ?? 0)
        let line = Double(font.lineHeight)
        let top = rect.y + line + 6, bottom = rect.maxY - 4
        let pitch = T > 1 ? (bottom - top - line) / Double(T - 1) : 0
        let leftX = rect.x + 8 + nameWidth, rightX = rect.maxX - 8 - nameWidth
        func y(_ i: Int) -> Double { top + line / 2 + Double(i) * pitch }
        raster.withClip(rect) { raster in
            raster.drawText("queries", x: rect.x + 2, y: rect.y + 2, font: font, color: theme.mutedText, anchor: .topLeft)
            raster.drawText("keys", x: rect.maxX - 2, y: rect.y + 2, font: font, color: theme.mutedText, anchor: .topRight)
            for (h, w) in weights.enumerated() where !off[h] {
                let base = ClassPalette.color(h)
                for i in 0..<T {
                    for j in 0..<T where w[i * T + j] >= threshold {
                        let alpha = UInt8(max(40, min(255, 255 * w[i * T + j])))
                        raster.line(from: Point(x: leftX + 4, y: y(i)), to: Point(x: rightX - 4, y: y(j)),
                                    width: 1 + 2 * w[i * T + j], color: RGBA(base.r, base.g, base.b, alpha))
                    }
                }
            }
            for (i, name) in names.enumerated() {
                raster.drawText(name, x: leftX, y: y(i), font: font, color: theme.text, anchor: .right)
                raster.drawText(name, x: rightX, y: y(i), font: font, color: theme.text, anchor: .left)
            }
            // A key of head colours at the bottom.
            var x = rect.x + 4
            for h in weights.indices {
                let label = "head \(h + 1)" + (off[h] ? " (off)" : "")
                raster.fillRect(Rect(x: x, y: bottom - line + 3, width: 8, height: 8), color: off[h] ? theme.grid : ClassPalette.color(h))
                raster.drawText(label, x: x + 11, y: bottom, font: font, color: theme.mutedText, anchor: .bottomLeft)
                x += 16 + Double(font.width(of: label))
            }
        }
    }
}

extension AttentionLines: TextChart {
    /// Lines do not survive in characters, so the text form lists, for each query, the key each
    /// head attends to most, with its weight: "3 → 5  93%  │ 1 41%".
    public func drawText(into grid: inout CellGrid, in rect: CellRect, style: TextStyle) {
        if let problem {
            MessageChart(problem).drawText(into: &grid, in: rect, style: style)
            return
        }
        let T = tokens.count
        let names = tokens.map { CellGrid.cut(style.text($0), to: 4) }
        let width = max(1, names.map(\.count).max() ?? 1)
        let shown = min(T, rect.height - 1)
        guard shown > 0 else { return }
        var x = rect.x + width + 1
        grid.put("q", x: rect.x + width - 1, y: rect.y, color: TextStyle.muted)
        for h in weights.indices {
            grid.put("h\(h + 1)" + (off[h] ? " off" : ""), x: x, y: rect.y, color: style.ink(ClassPalette.color(h)), limit: rect.maxX - x)
            x += width + 8
        }
        for i in 0..<shown {
            let y = rect.y + 1 + i
            grid.putRight(names[i], end: rect.x + width, y: y)
            var x = rect.x + width + 1
            for h in weights.indices {
                if !off[h] {
                    let (j, w) = strongest(h, i)
                    let text = style.text("→") + names[j] + String(repeating: " ", count: max(0, width - names[j].count))
                        + " " + String(format: "%3d%%", Int((100 * w).rounded()))
                    grid.put(text, x: x, y: y, color: style.ink(ClassPalette.color(h)), limit: rect.maxX - x)
                }
                x += width + 8
            }
        }
    }
}
