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
}
