import Foundation

/// A vertical colour bar: the colormap from bottom (low) to top (high), with nice ticks.
public enum ColorBar {
    /// The width of the bar itself.
    public static let barWidth = 12.0

    /// The total width a colour bar for `scale` needs: gap, bar, ticks, labels, and the
    /// rotated label if any.
    public static func width(for scale: ColorScale, height: Double) -> Double {
        let labels = tickLabels(scale, height: height).map(\.1)
        let labelWidth = Double(labels.map { Font.small.width(of: $0) }.max() ?? 0)
        return 10 + barWidth + 4 + labelWidth + (scale.label == nil ? 0 : Double(Font.small.lineHeight) + 10)
    }

    /// Draws the bar for `scale` in `rect` (as tall as the plot area it belongs to).
    public static func draw(_ scale: ColorScale, into raster: inout Raster, in rect: Rect, theme: Theme) {
        guard rect.height > 4 else { return }
        let bar = Rect(x: (rect.minX + 10).rounded(), y: rect.minY.rounded(), width: barWidth,
                       height: rect.height.rounded())
        // values: [256, 1] from high (top row) to low (bottom row).
        let steps = 256
        let values = (0..<steps).map { 1 - Double($0) / Double(steps - 1) }
        raster.drawValues(values, columns: 1, rows: steps, in: bar, colormap: scale.colormap,
                          range: 0...1, interpolation: .bilinear)
        raster.strokeRect(bar, color: theme.frame)
        let lo = scale.range.lowerBound, hi = scale.range.upperBound
        for (value, label) in tickLabels(scale, height: rect.height) {
            let t = hi > lo ? (value - lo) / (hi - lo) : 0.5
            let y = (bar.maxY - t * bar.height).rounded() - 0.5
            raster.line(from: Point(bar.maxX, y), to: Point(bar.maxX + 3, y), color: theme.frame)
            raster.drawText(label, x: bar.maxX + 5, y: y, font: .small, color: theme.text, anchor: .left)
        }
        if let label = scale.label {
            // 8 px in from the chart's edge (the axes' right margin), so the label does not sit
            // against the axis label of the panel to its right.
            raster.drawText(label, x: rect.maxX - 8, y: bar.midY, font: .small, color: theme.text,
                            anchor: TextAnchor(.center, .bottom), rotation: .up)
        }
    }

    /// Nice ticks and labels along the bar.
    static func tickLabels(_ scale: ColorScale, height: Double) -> [(Double, String)] {
        let lo = scale.range.lowerBound, hi = scale.range.upperBound
        guard lo.isFinite, hi.isFinite else { return [] }
        let linear = Scale(lower: lo, upper: hi)
        let ticks = Ticks.linear(lo, hi, target: max(2, min(8, Int(height / 40))))
        return Array(zip(ticks, linear.labels(ticks)))
    }
}
