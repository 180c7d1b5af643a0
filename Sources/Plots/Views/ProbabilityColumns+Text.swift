import Foundation

extension ProbabilityColumns: TextChart {
    /// The prediction and its probability on the first row, then one column of eighth blocks
    /// per class over its digit, the predicted class in the highlight colour and bold.
    func drawText(into grid: inout CellGrid, in rect: CellRect, style: TextStyle) {
        let n = probabilities.count
        guard n > 0, rect.height >= 2 else { return }
        let p = predicted < n ? probabilities[predicted] : .nan
        let verdict = label.map { $0 == predicted ? " right" : " wrong (true \($0))" } ?? ""
        let color = style.color ? label.map { $0 == predicted ? ImageGrid.rightColor : ImageGrid.wrongColor } : nil
        grid.put(style.text("→ \(predicted)  p \(String(format: "%.2f", p))" + verdict), x: rect.x, y: rect.y,
                 color: color, bold: true, limit: rect.width)
        let slot = max(1, min(4, rect.width / n))
        let left = rect.x + max(0, (rect.width - slot * n) / 2)
        let barRows = rect.height - 2
        let eighths: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        for (k, probability) in probabilities.enumerated() {
            let x = left + k * slot + (slot - 1) / 2
            let ink = style.ink(k == predicted ? ClassPalette.color(1) : ClassPalette.color(0))
            let height = Int((min(1, max(0, probability.isFinite ? probability : 0)) * Double(barRows * 8)).rounded())
            for row in 0..<barRows {
                let filled = height - row * 8
                guard filled > 0 else { break }
                let character: Character = style.unicode ? eighths[min(8, filled) - 1] : (filled >= 4 ? "#" : ".")
                grid[x, rect.maxY - 2 - row] = CellGrid.Cell(character, foreground: ink)
            }
            let digitColor: RGBA? = k == label && style.color ? (label == predicted ? ImageGrid.rightColor : ImageGrid.wrongColor) : nil
            grid.put("\(k)", x: x, y: rect.maxY - 1, color: digitColor, bold: k == predicted)
        }
    }
}
