extension Histogram: TextPlotLayer {
    /// Bars as columns of block characters, with eighth blocks (`▁`…`▇`) at their tops.
    public func drawText(on canvas: inout DotCanvas, frame: TextFrame, style: TextStyle) {
        guard let first = edges.first, let last = edges.last, !counts.isEmpty else { return }
        let color = style.ink(self.color ?? ClassPalette.color(0))
        let eighths: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        for column in 0..<canvas.columns {
            let x = frame.dataX(column, of: canvas.columns)
            guard x >= first, x <= last else { continue }
            var bin = 0
            while bin < counts.count - 1 && x >= edges[bin + 1] { bin += 1 }
            let count = counts[bin]
            guard count > 0 else { continue }
            let position = frame.yScale.position(Double(count))
            guard position.isFinite else { continue }
            let height = Int((min(1, max(0, position)) * Double(canvas.rows * 8)).rounded())
            for row in 0..<canvas.rows {
                let filled = height - row * 8
                guard filled > 0 else { break }
                let character = style.unicode ? eighths[min(8, filled) - 1] : (filled >= 4 ? "#" : ".")
                canvas.glyph(column, canvas.rows - 1 - row, character, color: color)
            }
        }
    }
}
