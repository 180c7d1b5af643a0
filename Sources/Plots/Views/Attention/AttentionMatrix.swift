/// One head's L×L map for one sequence: rows are queries (the position that looks), columns are
/// keys (the positions looked at), each labelled with its token. Used for the attention weights
/// (0...1, each row sums to 1) and for the scores before the softmax (any sign, −∞ where the
/// causal mask hides a key: those cells are drawn hatched, not coloured).
public struct AttentionMatrix: Chart {
    /// values: [rows, columns], row = query, column = key; −∞ or NaN = masked.
    public var values: [Double]
    public var rows: Int, columns: Int
    /// Token names of the queries and the keys.
    public var rowLabels: [String], columnLabels: [String]
    public var colormap: Colormap
    /// The values at the colormap's ends; nil uses the finite min...max.
    public var range: ClosedRange<Double>?
    /// Print each value in its cell where it fits (weights as hundredths: 93 for 0.93).
    public var percent: Bool
    /// The head is switched off (ablated): drawn dimmed, with a note.
    public var off: Bool

    /// Weights from white to dark blue, like the confusion matrix: a one-hot row stands out.
    public static let weights = ConfusionMatrix.blues

    public init(values: [Double], rows: Int, columns: Int, rowLabels: [String], columnLabels: [String],
                colormap: Colormap = AttentionMatrix.weights, range: ClosedRange<Double>? = 0...1, percent: Bool = true,
                off: Bool = false) {
        self.values = values; self.rows = rows; self.columns = columns
        self.rowLabels = rowLabels; self.columnLabels = columnLabels
        self.colormap = colormap; self.range = range; self.percent = percent; self.off = off
    }

    /// What is wrong with the input, or nil when it can be drawn.
    public var problem: String? {
        if rows == 0 || columns == 0 { return "no tokens" }
        if values.count != rows * columns { return "\(values.count) values for a \(rows) x \(columns) map" }
        if rowLabels.count != rows || columnLabels.count != columns { return "labels do not match the map" }
        return nil
    }

    /// The colour scale's ends: `range`, or the finite values' extent (symmetric about 0 for a
    /// diverging map, so white is 0).
    var span: ClosedRange<Double> {
        if let range { return range }
        let finite = values.filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max(), hi > lo else { return -1...1 }
        if colormap.name == Colormap.diverging.name {
            let m = max(abs(lo), abs(hi))
            return -m...m
        }
        return lo...hi
    }

    /// The colour of cell (i, j), nil when masked.
    func fill(_ i: Int, _ j: Int) -> RGBA? {
        let v = values[i * columns + j]
        guard v.isFinite else { return nil }
        let s = span
        let t = s.upperBound > s.lowerBound ? (v - s.lowerBound) / (s.upperBound - s.lowerBound) : 0.5
        var c = colormap.color(at: min(1, max(0, t)))
        if off { c = RGBA(UInt8((Int(c.r) + 2 * 235) / 3), UInt8((Int(c.g) + 2 * 235) / 3), UInt8((Int(c.b) + 2 * 235) / 3)) }
        return c
    }

    /// The number printed in cell (i, j): hundredths of a weight, or the score to one decimal.
    func cellText(_ i: Int, _ j: Int) -> String {
        let v = values[i * columns + j]
        guard v.isFinite else { return "" }
        if percent { return String(Int((v * 100).rounded())) }
        return String(format: "%.1f", v)
    }

    public func draw(into raster: inout Raster, in rect: Rect, theme: Theme = .light) {
        guard ChartMessage.shouldDraw(problem: problem, into: &raster, in: rect, theme: theme) else { return }
        let font = Font.small
        let line = Double(font.lineHeight)
        let rowNames = rowLabels.map { AttentionLabels.drawable($0, font: font) }
        let columnNames = columnLabels.map { AttentionLabels.drawable($0, font: font) }
        let nameWidth = Double(max(rowNames.map { font.width(of: $0) }.max() ?? 0, columnNames.map { font.width(of: $0) }.max() ?? 0))
        let left = line + 4 + nameWidth + 4
        let bottom = line + 4 + line + 4
        let cell = max(1, min((rect.width - left - 2) / Double(columns), (rect.height - bottom - (off ? line : 0)) / Double(rows))).rounded(.down)
        let gridX = (rect.x + left + (rect.width - left - cell * Double(columns)) / 2).rounded(.down)
        let gridY = (rect.y + (off ? line : 0) + (rect.height - bottom - (off ? line : 0) - cell * Double(rows)) / 2).rounded(.down)
        raster.withClip(rect) { raster in
            for i in 0..<rows {
                for j in 0..<columns {
                    let box = Rect(x: gridX + Double(j) * cell, y: gridY + Double(i) * cell, width: cell, height: cell)
                    guard let color = fill(i, j) else {
                        raster.fillRect(box, color: RGBA(242, 242, 242))
                        // Masked: a diagonal hatch, so a hidden key never reads as a zero weight.
                        if cell >= 6 { raster.line(from: Point(x: box.minX + 2, y: box.maxY - 2), to: Point(x: box.maxX - 2, y: box.minY + 2), width: 1, color: RGBA(200, 200, 200)) }
                        continue
                    }
                    raster.fillRect(box, color: color)
                    let text = cellText(i, j)
                    if Double(font.width(of: text)) <= cell - 3 && line <= cell - 2 {
                        raster.drawText(text, x: box.midX, y: box.midY, font: font,
                                        color: ConfusionMatrix.textColor(on: color, theme: theme), anchor: .center)
                    }
                }
            }
            raster.strokeRect(Rect(x: gridX, y: gridY, width: cell * Double(columns), height: cell * Double(rows)), color: theme.frame)
            // Long sequences give cells smaller than a label: every k-th label, so none overlap.
            let rowStride = max(1, Int((line / cell).rounded(.up)))
            let widest = Double(columnNames.map { font.width(of: $0) }.max() ?? 0)
            let columnStride = max(1, Int(((widest + 2) / cell).rounded(.up)))
            for (i, name) in rowNames.enumerated() where i % rowStride == 0 {
                raster.drawText(name, x: gridX - 4, y: gridY + Double(i) * cell + cell / 2, font: font, color: theme.text, anchor: .right)
            }
            for (j, name) in columnNames.enumerated() where j % columnStride == 0 {
                raster.drawText(name, x: gridX + Double(j) * cell + cell / 2, y: gridY + cell * Double(rows) + 3, font: font,
                                color: theme.text, anchor: .top)
            }
            raster.drawText("keys →", x: gridX + cell * Double(columns) / 2, y: gridY + cell * Double(rows) + bottom - 2,
                            font: font, color: theme.mutedText, anchor: .bottom)
            raster.drawText("queries →", x: max(rect.x + 1, gridX - left), y: gridY + cell * Double(rows) / 2, font: font,
                            color: theme.mutedText, anchor: .top, rotation: .down)
            if off {
                raster.drawText("head off (ablated)", x: gridX + cell * Double(columns) / 2, y: gridY - 2, font: font,
                                color: theme.mutedText, anchor: .bottom)
            }
        }
    }
}

/// Token names as drawn: the font's glyphs where it has them, ASCII stand-ins where not.
enum AttentionLabels {
    static func drawable(_ text: String, font: Font) -> String {
        guard text.unicodeScalars.contains(where: { !font.hasGlyph($0) }) else { return text }
        return text.unicodeScalars.map { font.hasGlyph($0) ? String($0) : (fallback[$0] ?? "?") }.joined()
    }

    static let fallback: [Unicode.Scalar: String] = ["␣": "_", "↵": "\\n", "⇥": "\\t"]
}
