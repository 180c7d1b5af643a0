/// A panel that shows a sentence instead of a picture: why a view is not available for this
/// network ("the loss surface needs at least 2 hidden units"), or what to do to see it.
public struct MessageChart: Chart {
    /// The text, centred; `\n` separates lines.
    public var message: String

    /// A panel showing `message`.
    public init(_ message: String) { self.message = message }

    /// Draws the message centred in `rect`, in the theme's muted colour, inside a light frame so
    /// the panel still reads as a panel.
    public func draw(into raster: inout Raster, in rect: Rect, theme: Theme) {
        guard ChartMessage.isDrawable(rect) else { return }
        raster.withClip(rect) { raster in
            raster.fillRect(rect, color: theme.plotBackground)
            raster.strokeRect(rect, color: theme.grid)
            raster.drawText(message, x: rect.midX, y: rect.midY, font: .small,
                            color: theme.mutedText, anchor: .center)
        }
    }
}
