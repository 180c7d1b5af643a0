extension NeighbourLinks: TextPlotLayer {
    /// Lines in braille, neighbours as rings (`○`), the query as a star (`★`, ASCII `Q`).
    public func drawText(on canvas: inout DotCanvas, frame: TextFrame, style: TextStyle) {
        let q = frame.dot(query.x, query.y)
        for nb in neighbours {
            let p = frame.dot(nb.x, nb.y)
            canvas.line(q.x, q.y, p.x, p.y, color: style.ink(ClassPalette.color(nb.label)))
        }
        for nb in neighbours {
            guard let cell = frame.cell(nb.x, nb.y) else { continue }
            canvas.glyph(cell.x, cell.y, style.unicode ? "○" : "o", color: style.ink(ClassPalette.color(nb.label)))
        }
        if let cell = frame.cell(query.x, query.y) {
            canvas.glyph(cell.x, cell.y, style.unicode ? "★" : "Q", color: style.ink(ClassPalette.color(predicted)))
        }
    }
}
