import Foundation

extension DenseActivations: TextChart {
    /// Each dense layer's name and its values as one row of coloured cells (wrapped to two when
    /// longer than the width, shaded without colour), then the prediction line and the class
    /// probabilities as bars.
    func drawText(into grid: inout CellGrid, in rect: CellRect, style: TextStyle) {
        var y = rect.y
        let barRows = min(rect.height, probabilities.count + 1)
        for (name, values) in strips where !values.isEmpty && rect.maxY - y - barRows >= 2 {
            grid.put(style.text(name), x: rect.x, y: y, color: TextStyle.muted, limit: rect.width)
            let rowsNeeded = min(2, (values.count + rect.width - 1) / max(1, rect.width))
            drawStrip(values, into: &grid, in: CellRect(x: rect.x, y: y + 1, width: rect.width, height: rowsNeeded), style: style)
            y += 1 + rowsNeeded
        }
        let verdict = label.map { $0 == predicted ? " · true \($0): right" : " · true \($0): wrong" } ?? ""
        let p = predicted < probabilities.count ? probabilities[predicted] : .nan
        let color = style.color ? label.map { $0 == predicted ? ImageGrid.rightColor : ImageGrid.wrongColor } : nil
        grid.put(style.text("predicted \(predicted) (p \(String(format: "%.2f", p)))" + verdict), x: rect.x, y: y,
                 color: color, bold: true, limit: rect.width)
        BarChart(labels: probabilities.indices.map(String.init), values: probabilities, highlight: predicted,
                 range: 0...1, decimals: 2)
            .drawText(into: &grid, in: CellRect(x: rect.x, y: y + 1, width: rect.width, height: rect.maxY - y - 1), style: style)
    }

    /// `values` as cells coloured by viridis (each cell the mean of its share of the values),
    /// filling `rect` row by row.
    func drawStrip(_ values: [Float], into grid: inout CellGrid, in rect: CellRect, style: TextStyle) {
        guard !values.isEmpty, !rect.isEmpty else { return }
        let rows = min(rect.height, (values.count + rect.width - 1) / rect.width)
        let cellsShown = min(values.count, rect.width * rows)
        let lo = Double(values.min() ?? 0), hi = Double(values.max() ?? 1)
        var canvas = DotCanvas(columns: rect.width, rows: rows)
        for k in 0..<cellsShown {
            let start = k * values.count / cellsShown, end = max(start + 1, (k + 1) * values.count / cellsShown)
            let mean = Double(values[start..<end].reduce(0, +)) / Double(end - start)
            let color = Colormap.viridis.color(at: hi > lo && mean.isFinite ? (mean - lo) / (hi - lo) : 0.5)
            canvas.paint(k % rect.width, 2 * (k / rect.width), color)
            canvas.paint(k % rect.width, 2 * (k / rect.width) + 1, color)
        }
        canvas.draw(into: &grid, x: rect.x, y: rect.y, style: style)
    }
}
