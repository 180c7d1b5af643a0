/// The probe's output position by position: the input token, the predicted token with its
/// probability as a bar, and the target (right in one colour, wrong in another).
public struct TokenPredictions: Chart {
    public struct Row: Sendable, Equatable {
        public var input: String
        public var predicted: String
        public var probability: Double
        /// The target, nil where none is asked.
        public var target: String?
        public init(input: String, predicted: String, probability: Double, target: String?) {
            self.input = input; self.predicted = predicted; self.probability = probability; self.target = target
        }
        var right: Bool? { target.map { $0 == predicted } }
    }

    public var rows: [Row]

    public init(rows: [Row]) { self.rows = rows }

    static let rightColor = RGBA(0, 140, 90), wrongColor = RGBA(214, 60, 40)

    public func draw(into raster: inout Raster, in rect: Rect, theme: Theme = .light) {
        guard ChartMessage.shouldDraw(problem: rows.isEmpty ? "no tokens" : nil, into: &raster, in: rect, theme: theme) else { return }
        let font = Font.small
        let line = Double(font.lineHeight)
        let pitch = min(line + 6, (rect.height - line - 4) / Double(rows.count))
        let name = { (s: String) in AttentionLabels.drawable(s, font: font) }
        let column = Double(max(font.width(of: "in"), rows.map { font.width(of: name($0.input)) }.max() ?? 0)) + 10
        let targetWidth = Double(max(font.width(of: "target"), rows.map { font.width(of: name($0.target ?? "")) }.max() ?? 0)) + 10
        let xIn = rect.x + 4, xOut = xIn + column, xBar = xOut + column
        let barWidth = max(10, rect.maxX - xBar - targetWidth - 44)
        let xTarget = xBar + barWidth + 44
        raster.withClip(rect) { raster in
            let head = rect.y + 2
            raster.drawText("in", x: xIn, y: head, font: font, color: theme.mutedText)
            raster.drawText("out", x: xOut, y: head, font: font, color: theme.mutedText)
            raster.drawText("p(out)", x: xBar, y: head, font: font, color: theme.mutedText)
            raster.drawText("target", x: xTarget, y: head, font: font, color: theme.mutedText)
            for (i, row) in rows.enumerated() {
                let y = rect.y + line + 6 + Double(i) * pitch
                let color = row.right.map { $0 ? Self.rightColor : Self.wrongColor } ?? theme.text
                raster.drawText(name(row.input), x: xIn, y: y, font: font, color: theme.text)
                raster.drawText(name(row.predicted), x: xOut, y: y, font: font, color: color)
                let h = max(3, min(line - 2, pitch - 3))
                raster.fillRect(Rect(x: xBar, y: y + (line - h) / 2, width: barWidth, height: h), color: theme.grid)
                raster.fillRect(Rect(x: xBar, y: y + (line - h) / 2, width: barWidth * max(0, min(1, row.probability)), height: h), color: color)
                raster.drawText(String(format: "%.2f", row.probability), x: xBar + barWidth + 4, y: y, font: font, color: theme.mutedText)
                if let target = row.target { raster.drawText(name(target), x: xTarget, y: y, font: font, color: theme.text) }
            }
        }
    }
}

extension TokenPredictions: TextChart {
    /// The same table in characters: "in  out  ███████░░░ 0.93  target", the output green when
    /// right and red when wrong (✓/✗ without colour).
    public func drawText(into grid: inout CellGrid, in rect: CellRect, style: TextStyle) {
        guard !rows.isEmpty else {
            MessageChart("no tokens").drawText(into: &grid, in: rect, style: style)
            return
        }
        let cut = { (s: String) in CellGrid.cut(style.text(s), to: 4) }
        let width = max(3, rows.map { max(cut($0.input).count, cut($0.predicted).count, cut($0.target ?? "").count) }.max() ?? 1)
        let barWidth = max(3, min(20, rect.width - 3 * (width + 1) - 8))
        let (xIn, xOut) = (rect.x, rect.x + width + 1)
        let xBar = xOut + width + 2, xTarget = xBar + barWidth + 6
        grid.put("in", x: xIn, y: rect.y, color: TextStyle.muted)
        grid.put("out", x: xOut, y: rect.y, color: TextStyle.muted)
        grid.put("p(out)", x: xBar, y: rect.y, color: TextStyle.muted)
        grid.put("tgt", x: xTarget, y: rect.y, color: TextStyle.muted, limit: rect.maxX - xTarget)
        for (i, row) in rows.prefix(rect.height - 1).enumerated() {
            let y = rect.y + 1 + i
            let color = row.right.map { $0 ? Self.rightColor : Self.wrongColor }
            grid.put(cut(row.input), x: xIn, y: y)
            grid.put(cut(row.predicted), x: xOut, y: y, color: style.ink(color), bold: row.right == false)
            if !style.color, let right = row.right { grid.put(style.text(right ? "✓" : "✗"), x: xOut + width, y: y) }
            let filled = Int((Double(barWidth) * max(0, min(1, row.probability))).rounded())
            let bar = String(repeating: style.unicode ? "█" : "#", count: filled) + String(repeating: style.unicode ? "░" : ".", count: barWidth - filled)
            grid.put(bar, x: xBar, y: y, color: style.ink(color))
            grid.put(String(format: "%.2f", row.probability), x: xBar + barWidth + 1, y: y, color: TextStyle.muted)
            if let target = row.target { grid.put(cut(target), x: xTarget, y: y, limit: rect.maxX - xTarget) }
        }
    }
}
