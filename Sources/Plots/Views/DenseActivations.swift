import Foundation

/// A probe's dense activations and output probabilities: each hidden dense layer as a strip of
/// cells (viridis, normalised per strip, wrapped into a few rows), then the class probabilities
/// as bars with the predicted class highlighted and the true class named.
struct DenseActivations: Chart {
    /// Name and values of each hidden dense layer.
    var strips: [(String, [Float])]
    /// Class probabilities.
    var probabilities: [Double]
    var predicted: Int
    /// The true class, if known.
    var label: Int?

    func draw(into raster: inout Raster, in rect: Rect, theme: Theme) {
        let font = Font.small
        let line = Double(font.lineHeight + 1)
        var top = rect.minY
        let stripShare = strips.isEmpty ? 0 : min(0.4, 0.18 * Double(strips.count))
        raster.withClip(rect) { raster in
            for (name, values) in strips where !values.isEmpty {
                let height = (rect.height * stripShare / Double(strips.count)).rounded(.down)
                raster.drawText(Legend.truncated(name, columns: max(1, Int(rect.width) / font.cellWidth)),
                                x: rect.minX + 2, y: top, font: font, color: theme.mutedText)
                // A strip of n cells wrapped into rows of `columns` cells, as wide as the panel.
                let area = Rect(x: rect.minX + 2, y: top + line, width: rect.width - 4, height: max(0, height - line - 2))
                if area.height >= 2 {
                    let columns = Self.columns(count: values.count, width: area.width, height: area.height)
                    let rows = (values.count + columns - 1) / columns
                    var padded = values
                    padded += [Float](repeating: values.min() ?? 0, count: rows * columns - values.count)
                    ImageGrid(image: ImageGrid.Tile(width: columns, height: rows, values: padded), colormap: .viridis)
                        .drawStretched(into: &raster, in: area)
                }
                top += height
            }
            let title = "P(class)" + (label.map { $0 == predicted ? " · true \($0): right" : " · true \($0): wrong" } ?? "")
            raster.drawText(title, x: rect.minX + 2, y: top, font: font, color: label.map { $0 == predicted ? ImageGrid.rightColor : ImageGrid.wrongColor } ?? theme.text)
            let bars = BarChart(labels: probabilities.indices.map(String.init), values: probabilities, highlight: predicted,
                                range: 0...1, decimals: 2)
            bars.draw(into: &raster, in: Rect(x: rect.minX, y: top + line, width: rect.width, height: max(0, rect.maxY - top - line)), theme: theme)
        }
    }

    /// Cells per row so that `count` cells wrap into rows of about square cells in the area.
    static func columns(count: Int, width: Double, height: Double) -> Int {
        guard count > 0, width > 0, height > 0 else { return max(1, count) }
        let aspect = width / height
        return min(count, max(1, Int((Double(count) * aspect).squareRoot().rounded(.up))))
    }
}
