extension BarChart: TextChart {
    /// One row per bar: the label right-aligned, the bar in block characters with an eighth
    /// block at its end, and the value; the highlighted bar in the highlight colour and bold.
    /// Bars that do not fit get a "… N more" row; the value axis ends sit on the last row.
    public func drawText(into grid: inout CellGrid, in rect: CellRect, style: TextStyle) {
        let count = min(labels.count, values.count)
        guard count > 0 else {
            grid.putCentred("no data", x: rect.x, y: rect.y + rect.height / 2, width: rect.width, color: TextStyle.muted)
            return
        }
        let (lo, hi) = valueSpan(count: count)
        let footer = rect.height > count + 1 ? 1 : 0
        let fitting = rect.height - footer
        let shown = count <= fitting ? count : max(0, fitting - 1)
        let rowLabels = labels.prefix(shown).map { CellGrid.cut(style.text($0), to: max(2, rect.width * 2 / 5)) }
        let labelWidth = rowLabels.map(\.count).max() ?? 0
        let valueLabels = values.prefix(shown).map { style.text(valueLabel($0)) }
        let valueWidth = valueLabels.map(\.count).max() ?? 0
        let left = rect.x + labelWidth + 1
        let barColumns = rect.maxX - left - valueWidth - 1
        guard barColumns >= 2 else { return }
        let scale = Scale(lower: lo, upper: hi)
        let zero = Double(barColumns) * min(1, max(0, scale.position(0)))
        let eighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]
        for row in 0..<shown {
            let y = rect.y + row
            let v = values[row]
            let highlighted = row == highlight
            let color = style.ink(barColors.flatMap { $0.indices.contains(row) ? $0[row] : nil }
                ?? (highlighted ? ClassPalette.color(1) : (self.color ?? ClassPalette.color(0))))
            grid.putRight(rowLabels[row], end: left - 1, y: y)
            var end = zero
            if v.isFinite {
                end = Double(barColumns) * min(1, max(0, scale.position(v)))
                let from = min(zero, end), to = max(zero, end)
                var column = Int(from.rounded(.down))
                while Double(column) < to {
                    let fill = min(to, Double(column + 1)) - max(from, Double(column))
                    let eighth = Int((fill * 8).rounded())
                    var character: Character? = nil
                    if eighth >= 8 { character = style.unicode ? "█" : "#" }
                    else if eighth > 0 { character = style.unicode ? (from <= Double(column) ? eighths[eighth - 1] : "▐") : "#" }
                    if let character { grid[left + column, y] = CellGrid.Cell(character, foreground: color) }
                    column += 1
                }
                if to - from < 1.0 / 16 && v != 0 {
                    grid[left + min(barColumns - 1, Int(from)), y] = CellGrid.Cell(style.unicode ? "▏" : "|", foreground: color)
                }
            }
            let labelX = v < 0 ? left + Int(min(zero, end)) - valueLabels[row].count - 1 : left + Int(max(zero, end).rounded(.up)) + 1
            grid.put(valueLabels[row], x: max(rect.x, labelX), y: y, color: highlighted ? nil : TextStyle.muted, bold: highlighted)
        }
        if shown < count {
            grid.put(style.text("… \(count - shown) more"), x: left, y: rect.y + shown, color: TextStyle.muted)
        }
        if footer == 1 {
            let y = rect.y + min(rect.height - 1, max(shown + (shown < count ? 1 : 0), 0))
            let ticks = scale.labels([lo, hi]).map(style.text)
            grid.put(ticks[0], x: left, y: y, color: TextStyle.muted)
            grid.putRight(ticks[1], end: left + barColumns, y: y, color: TextStyle.muted)
            if let xLabel {
                let text = style.text(xLabel)
                if barColumns - ticks[0].count - ticks[1].count - 2 >= text.count {
                    grid.putCentred(text, x: left, y: y, width: barColumns, color: TextStyle.muted)
                }
            }
        }
    }
}
