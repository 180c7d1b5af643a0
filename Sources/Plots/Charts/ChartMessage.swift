/// The text a chart draws in place of its picture when its input cannot be drawn ("no
/// images", "weights for layer 1 have 3 rows, expected 4"), so a bad call shows why in the
/// panel instead of crashing or drawing nothing.
enum ChartMessage {
    /// Draws `message` centred in `rect` in the theme's muted colour, clipped to the rect.
    static func draw(_ message: String, into raster: inout Raster, in rect: Rect, theme: Theme) {
        raster.withClip(rect) { raster in
            raster.drawText(message, x: rect.midX, y: rect.midY, font: .small,
                            color: theme.mutedText, anchor: .center)
        }
    }

    /// True when `rect` is a real area of sane size (finite, positive, within ±1e6 px), the
    /// only kind the charts draw into; anything else would turn into NaN or overflowing
    /// integer pixel positions.
    static func isDrawable(_ rect: Rect) -> Bool {
        let values = [rect.x, rect.y, rect.width, rect.height]
        return !rect.isEmpty && values.allSatisfy { $0.isFinite && abs($0) < 1e6 }
    }

    /// The common start of a chart's `draw`: true when the chart should go on drawing; false
    /// when `rect` is unusable or the input has a `problem` (which is then drawn instead).
    static func shouldDraw(problem: String?, into raster: inout Raster, in rect: Rect, theme: Theme) -> Bool {
        guard isDrawable(rect) else { return false }
        if let problem {
            draw(problem, into: &raster, in: rect, theme: theme)
            return false
        }
        return true
    }
}
