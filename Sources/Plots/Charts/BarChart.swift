import Foundation

/// Horizontal labelled bars, one per row, top to bottom: class probabilities, feature
/// importances. Each bar carries its value as text; one bar can be highlighted (the predicted
/// class) in the palette's second colour.
///
/// The value axis spans `range`, or 0...max (min...0 for negatives, both when mixed). Rows
/// that do not fit (less than one text line each) are left out and a "… N more" line says so.
/// Non-finite values draw no bar and "NaN"/"∞" as their label. Labels longer than 40% of the
/// width are cut with "…".
public struct BarChart: Chart {
    /// The row labels, top to bottom.
    public var labels: [String]
    /// The bar values, one per label.
    public var values: [Double]
    /// The bar colour; nil takes the first palette colour.
    public var color: RGBA?
    /// The row drawn in the highlight colour (e.g. the argmax), if any.
    public var highlight: Int?
    /// A colour per row (clusters, classes), used instead of `color` and the highlight colour;
    /// the highlighted row keeps its bold value.
    public var barColors: [RGBA]?
    /// The value axis extent; nil fits the values (always including 0).
    public var range: ClosedRange<Double>?
    /// The label under the value axis; nil for none.
    public var xLabel: String?
    /// Decimals in the value labels; nil picks from the values (2 for 0...1 probabilities).
    public var decimals: Int?

    /// Bars for `values` labelled by `labels` (extra entries of the longer array are ignored).
    public init(labels: [String], values: [Double], color: RGBA? = nil, highlight: Int? = nil,
                range: ClosedRange<Double>? = nil, xLabel: String? = nil, decimals: Int? = nil) {
        self.labels = labels; self.values = values; self.color = color; self.highlight = highlight
        self.range = range; self.xLabel = xLabel; self.decimals = decimals
    }

    func valueLabel(_ v: Double) -> String {
        guard v.isFinite else { return Ticks.label(v, step: 1) }
        let biggest = values.filter(\.isFinite).map(abs).max() ?? 1
        let places = decimals ?? (biggest >= 100 ? 0 : biggest >= 10 ? 1 : biggest >= 0.01 ? 2 : 4)
        return String(format: "%.\(min(max(places, 0), 8))f", v).replacingOccurrences(of: "-", with: "−")
    }

    /// Draws labels, bars, value labels and the value axis into `rect`.
    /// The value axis of the first `count` bars: `range` when it is a finite, non-empty span,
    /// else 0...max, min...0 or min...max of the finite values (raster and text draw the same).
    func valueSpan(count: Int) -> (lo: Double, hi: Double) {
        if let range, range.lowerBound.isFinite, range.upperBound.isFinite, range.upperBound > range.lowerBound {
            return (range.lowerBound, range.upperBound)
        }
        let finite = values.prefix(count).filter(\.isFinite)
        let lo = min(0, finite.min() ?? 0), hi = max(0, finite.max() ?? 1)
        return (lo, hi > lo ? hi : lo + 1)
    }

    public func draw(into raster: inout Raster, in rect: Rect, theme: Theme) {
        let font = Font.small
        let lineHeight = Double(font.lineHeight)
        let count = min(labels.count, values.count)
        guard rect.minX.isFinite, rect.minY.isFinite, rect.maxX.isFinite, rect.maxY.isFinite else { return }
        raster.withClip(rect) { raster in
            guard count > 0 else {
                raster.drawText("no data", x: rect.midX, y: rect.midY, color: theme.mutedText, anchor: .center)
                return
            }
            let (lo, hi) = valueSpan(count: count)
            let axisHeight = 4 + 3 + lineHeight + (xLabel == nil ? 0 : lineHeight + 4) + 2
            let top = rect.minY + 2
            let rowsHeight = rect.height - axisHeight - 2
            let fitting = max(1, Int(rowsHeight / (lineHeight + 2)))
            let shown = count <= fitting ? count : max(1, fitting - 1)
            let rowHeight = min(26, rowsHeight / Double(count <= fitting ? count : fitting))
            let maxLabelColumns = max(2, Int(rect.width * 0.4) / font.cellWidth)
            let rowLabels = labels.prefix(shown).map { Legend.truncated($0, columns: maxLabelColumns) }
            let labelWidth = Double(rowLabels.map { font.width(of: $0) }.max() ?? 0)
            let valueWidth = Double(values.prefix(shown).map { font.width(of: valueLabel($0)) }.max() ?? 0)
            // Negative bars carry their value label on their left: keep room for it there.
            let negativeRoom = lo < 0 ? valueWidth + 6 : 0
            let left = (rect.minX + labelWidth + 8 + negativeRoom).rounded()
            let right = (rect.maxX - valueWidth - 10).rounded()
            guard right - left > 10 else { return }
            let scale = Scale(lower: lo, upper: hi)
            let px = { (v: Double) in left + scale.position(v) * (right - left) }
            let area = Rect(x: left, y: top, width: right - left, height: rowHeight * Double(shown))
            let ticks = Ticks.linear(lo, hi, target: max(2, min(6, Int((right - left) / 70))))
            for t in ticks {
                let x = px(t).rounded(.down) + 0.5
                raster.line(from: Point(x, area.minY), to: Point(x, area.maxY), color: theme.grid)
            }
            let zero = px(0).rounded(.down) + 0.5
            let barColor = color ?? ClassPalette.color(0)
            for row in 0..<shown {
                let v = values[row]
                let y = top + rowHeight * Double(row)
                let barHeight = max(2, (rowHeight * 0.7).rounded())
                let barY = (y + (rowHeight - barHeight) / 2).rounded()
                let midY = y + rowHeight / 2
                raster.drawText(rowLabels[row], x: left - 6 - negativeRoom, y: midY, font: font, color: theme.text, anchor: .right)
                var end = zero
                if v.isFinite {
                    end = min(max(px(v), left), right)
                    let fill = barColors.flatMap { $0.indices.contains(row) ? $0[row] : nil }
                        ?? (row == highlight ? ClassPalette.color(1) : barColor)
                    raster.fillRect(Rect(x: min(zero, end), y: barY, width: abs(end - zero), height: barHeight),
                                    color: fill)
                }
                let textX = v < 0 ? min(end, zero) - 4 : max(end, zero) + 4
                raster.drawText(valueLabel(v), x: textX, y: midY, font: font,
                                color: row == highlight ? theme.text : theme.mutedText,
                                anchor: v < 0 ? .right : .left)
            }
            if shown < count {
                raster.drawText("… \(count - shown) more", x: left, y: area.maxY + 2, font: font,
                                color: theme.mutedText, anchor: .topLeft)
            }
            raster.line(from: Point(zero, area.minY), to: Point(zero, area.maxY), color: theme.frame)
            let axisY = rect.maxY - axisHeight + 2
            raster.line(from: Point(left, axisY + 0.5), to: Point(right, axisY + 0.5), color: theme.frame)
            let tickLabels = scale.labels(ticks)
            for (t, label) in zip(ticks, tickLabels) {
                let x = px(t).rounded(.down) + 0.5
                raster.line(from: Point(x, axisY), to: Point(x, axisY + 4), color: theme.frame)
                raster.drawText(label, x: x, y: axisY + 6, font: font, color: theme.text, anchor: .top)
            }
            if let xLabel {
                raster.drawText(xLabel, x: (left + right) / 2, y: rect.maxY - 1, font: font,
                                color: theme.text, anchor: .bottom)
            }
        }
    }
}
