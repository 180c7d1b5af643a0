/// Class probabilities as upright columns over their class digits, the predicted class in the
/// highlight colour: reads at text-mode sizes, where ten labelled rows of bars do not fit.
struct ProbabilityColumns: Chart {
    var probabilities: [Double]
    var predicted: Int
    /// The true class, if known: its label is drawn in the right/wrong colour.
    var label: Int?

    func draw(into raster: inout Raster, in rect: Rect, theme: Theme) {
        let font = Font.small, n = probabilities.count
        guard n > 0, rect.width > Double(n), rect.height > Double(font.lineHeight + 4) else { return }
        let slot = rect.width / Double(n)
        let base = rect.maxY - Double(font.lineHeight) - 2
        raster.withClip(rect) { raster in
            raster.line(from: Point(rect.minX, base + 0.5), to: Point(rect.maxX, base + 0.5), color: theme.frame)
            for (k, p) in probabilities.enumerated() {
                let x = rect.minX + slot * Double(k)
                let h = (base - rect.minY - 2) * min(1, max(0, p.isFinite ? p : 0))
                raster.fillRect(Rect(x: (x + slot * 0.15).rounded(), y: (base - h).rounded(), width: max(1, (slot * 0.7).rounded()), height: h.rounded()),
                                color: k == predicted ? ClassPalette.color(1) : ClassPalette.color(0))
                let color = k == label ? (label == predicted ? ImageGrid.rightColor : ImageGrid.wrongColor) : theme.text
                raster.drawText("\(k)", x: x + slot / 2, y: base + 2, font: font, color: color, anchor: .top)
            }
        }
    }
}
