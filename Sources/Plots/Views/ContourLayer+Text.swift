extension ContourLayer: TextPlotLayer {
    /// The level line in braille dots, in its own (dark) colour: it is drawn over a field, whose
    /// colour stays behind it as the cells' background.
    public func drawText(on canvas: inout DotCanvas, frame: TextFrame, style: TextStyle) {
        let ink: RGBA? = style.color ? color : nil
        for (a, b) in segments {
            let p = frame.dot(a.x, a.y), q = frame.dot(b.x, b.y)
            canvas.line(p.x, p.y, q.x, q.y, color: ink)
        }
    }
}
