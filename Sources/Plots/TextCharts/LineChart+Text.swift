extension LineChart: TextPlotLayer {
    /// Each series as a braille line in its colour (dashed series leave gaps); long index
    /// series are reduced to first, lowest, highest and last per dot column first.
    public func drawText(on canvas: inout DotCanvas, frame: TextFrame, style: TextStyle) {
        for (index, s) in series.enumerated() {
            let n = s.count
            guard n > 0 else { continue }
            var points: [(x: Double, y: Double)] = []
            if s.xs == nil && n > 4 * canvas.dotWidth {
                points = Self.decimated(s.ys, frame: frame)
            } else {
                points = (0..<n).map { frame.dot(s.x($0), s.ys[$0]) }
            }
            let color = style.ink(color(index))
            for i in points.indices {
                let p = points[i]
                guard p.x.isFinite, p.y.isFinite else { continue }
                if i + 1 < points.count, points[i + 1].x.isFinite, points[i + 1].y.isFinite {
                    canvas.line(p.x, p.y, points[i + 1].x, points[i + 1].y, color: color, dashed: s.dash != nil)
                } else if i == 0 || !(points[i - 1].x.isFinite && points[i - 1].y.isFinite) {
                    canvas.dot(Int(p.x.rounded()), Int(p.y.rounded()), color: color)
                }
            }
        }
    }

    /// Per dot column: the first, lowest, highest and last point in index order; gaps kept.
    static func decimated(_ ys: [Double], frame: TextFrame) -> [(x: Double, y: Double)] {
        let indices = decimatedIndices(ys) { i in
            let p = frame.dot(Double(i), ys[i])
            return p.x.isFinite && p.y.isFinite ? clampedInt(p.x.rounded(), -1 << 30, 1 << 30) : nil
        }
        return indices.map { frame.dot(Double($0), ys[$0]) }
    }
}
