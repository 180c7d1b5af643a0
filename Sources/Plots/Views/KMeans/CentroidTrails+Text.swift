extension CentroidTrails: TextPlotLayer {
    /// Trails in braille in the cluster colour, the centroid as a bold cross glyph (`✚`, ASCII
    /// the cluster number) over everything.
    public func drawText(on canvas: inout DotCanvas, frame: TextFrame, style: TextStyle) {
        for (j, trail) in trails.enumerated() {
            let ink = style.ink(ClassPalette.color(j))
            for (a, b) in zip(trail, trail.dropFirst()) {
                let p = frame.dot(a.x, a.y), q = frame.dot(b.x, b.y)
                canvas.line(p.x, p.y, q.x, q.y, color: ink)
            }
        }
        for (j, trail) in trails.enumerated() {
            guard let last = trail.last, let cell = frame.cell(last.x, last.y) else { continue }
            let glyph: Character = style.unicode && style.color ? "✚" : Character(String(j % 10))
            canvas.glyph(cell.x, cell.y, glyph, color: style.ink(ClassPalette.color(j)))
        }
    }
}
