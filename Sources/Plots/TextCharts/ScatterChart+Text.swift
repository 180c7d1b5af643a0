extension ScatterChart: TextPlotLayer {
    /// Each point as a marker character in its class colour; without colour, each class has
    /// its own shape, so classes still read apart.
    public func drawText(on canvas: inout DotCanvas, frame: TextFrame, style: TextStyle) {
        for i in 0..<count {
            guard let cell = frame.cell(xs[i], ys[i]) else { continue }
            let k = classes.flatMap { i < $0.count ? $0[i] : nil } ?? 0
            canvas.glyph(cell.x, cell.y, Self.marker(k, style: style), color: style.ink(pointColor(i)))
        }
    }

    /// The marker of class `k`: a dot in colour, a shape per class without.
    static func marker(_ k: Int, style: TextStyle) -> Character {
        let shapes: [Character] = style.unicode ? (style.color ? ["●"] : ["●", "▲", "■", "◆", "✚", "★"]) : ["*", "x", "#", "@", "+", "%"]
        return shapes[((k % shapes.count) + shapes.count) % shapes.count]
    }
}
