extension SilhouettePlot: TextPlotLayer {
    /// One braille bar per dot row (the point nearest that row), the mean as a dotted column.
    public func drawText(on canvas: inout DotCanvas, frame: TextFrame, style: TextStyle) {
        let all = bars
        guard !all.isEmpty else { return }
        for dotRow in 0..<canvas.dotHeight {
            let dataY = frame.yScale.lower + (frame.yScale.upper - frame.yScale.lower) * (1 - (Double(dotRow) + 0.5) / Double(canvas.dotHeight))
            guard let bar = all.min(by: { abs($0.y - dataY) < abs($1.y - dataY) }), abs(bar.y - dataY) < 1 + 0.5 * (frame.yScale.upper - frame.yScale.lower) / Double(canvas.dotHeight) else { continue }
            let a = frame.dot(0, bar.y), b = frame.dot(bar.value, bar.y)
            canvas.line(a.x, Double(dotRow), b.x, Double(dotRow), color: style.ink(ClassPalette.color(bar.cluster)))
        }
        let x = frame.dot(score, 0).x
        var row = 0
        while row < canvas.dotHeight {
            canvas.dot(Int(x.rounded()), row, color: style.ink(RGBA(120, 120, 120)))
            row += 2
        }
    }
}
