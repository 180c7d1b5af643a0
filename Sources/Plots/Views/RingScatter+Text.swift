extension RingScatter: TextPlotLayer {
    /// Each point as a ring character (`○`, ASCII `o`) in its class colour.
    public func drawText(on canvas: inout DotCanvas, frame: TextFrame, style: TextStyle) {
        for i in 0..<min(xs.count, ys.count) {
            guard let cell = frame.cell(xs[i], ys[i]) else { continue }
            let k = classes.flatMap { $0.indices.contains(i) ? $0[i] : nil } ?? 0
            let shapes: [Character] = style.unicode ? (style.color ? ["○"] : ["○", "△", "□", "◇"]) : ["o", "v", "=", "0"]
            canvas.glyph(cell.x, cell.y, shapes[((k % shapes.count) + shapes.count) % shapes.count],
                         color: style.ink(ClassPalette.color(k)))
        }
    }
}
