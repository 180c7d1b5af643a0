import Runtime

extension TreeRegions: TextPlotLayer {
    /// Regions as half-block pixels coloured by the leaf at each pixel's centre, cuts as braille
    /// lines (the newest in the text colour).
    public func drawText(on canvas: inout DotCanvas, frame: TextFrame, style: TextStyle) {
        let all = pieces()
        let leaves = all.filter { tree.nodes[$0.node].isLeaf }
        if style.color {
            let rows = frame.rows * 2
            for row in 0..<rows {
                let py = frame.dataY(row, of: rows)
                for column in 0..<frame.columns {
                    let px = frame.dataX(column, of: frame.columns)
                    if let leaf = leaves.first(where: { $0.box.x.contains(px) && $0.box.y.contains(py) }) {
                        canvas.paint(column, row, color(leaf.node))
                    }
                }
            }
        }
        for p in all where !tree.nodes[p.node].isLeaf {
            let (x0, y0, x1, y1) = cut(p)
            let a = frame.dot(x0, y0), b = frame.dot(x1, y1)
            canvas.line(a.x, a.y, b.x, b.y, color: p.node == newest ? nil : (style.color ? TextStyle.muted : nil),
                        dashed: p.node != newest && !style.color)
        }
    }
}
