import Runtime

/// A forest's trees side by side, like the playground's neuron thumbnails: on two features each
/// tree's own regions over the plane, otherwise its silhouette; numbered, the newest framed.
/// At most `limit` trees are shown (the newest ones).
public struct TreeThumbnails: Chart {
    public var trees: [DecisionTree]
    /// The plane on two features; nil draws silhouettes.
    public var plane: (x: ClosedRange<Double>, y: ClosedRange<Double>)?
    public var limit: Int

    public init(trees: [DecisionTree], plane: (x: ClosedRange<Double>, y: ClosedRange<Double>)?, limit: Int = 36) {
        self.trees = trees; self.plane = plane; self.limit = limit
    }

    /// Columns and rows for `count` tiles in `rect`, tiles as square as possible.
    static func grid(_ count: Int, in rect: Rect) -> (columns: Int, rows: Int) {
        var best = (columns: 1, rows: max(count, 1)), bestSide = 0.0
        for columns in 1...max(count, 1) {
            let rows = (count + columns - 1) / columns
            let side = min(rect.width / Double(columns), rect.height / Double(rows))
            if side > bestSide { bestSide = side; best = (columns, rows) }
        }
        return best
    }

    public func draw(into raster: inout Raster, in rect: Rect, theme: Theme) {
        guard !trees.isEmpty else {
            MessageChart("trees appear here\none per frame").draw(into: &raster, in: rect, theme: theme)
            return
        }
        let first = max(0, trees.count - limit)
        let shown = Array(trees[first...])
        let (columns, rows) = Self.grid(shown.count, in: rect)
        let side = min(rect.width / Double(columns), rect.height / Double(rows))
        for (k, tree) in shown.enumerated() {
            let cell = Rect(x: rect.minX + Double(k % columns) * side, y: rect.minY + Double(k / columns) * side,
                            width: side, height: side).insetBy(dx: 3, dy: 3)
            raster.withClip(cell) { r in
                if let plane {
                    drawRegions(tree, plane: plane, in: cell, into: &r)
                } else {
                    r.fillRect(cell, color: .white)
                    TreeDiagram(tree: tree).draw(into: &r, in: cell, theme: theme)
                }
            }
            let newest = k == shown.count - 1
            raster.strokeRect(cell, color: newest ? theme.text : theme.grid, lineWidth: newest ? 3 : 1)
            if side >= 40 {
                raster.drawText("\(first + k + 1)", x: cell.minX + 3, y: cell.minY + 2, font: .small, color: theme.mutedText)
            }
        }
    }

    private func drawRegions(_ tree: DecisionTree, plane: (x: ClosedRange<Double>, y: ClosedRange<Double>), in cell: Rect, into raster: inout Raster) {
        let layer = TreeRegions(tree: tree, x: plane.x, y: plane.y)
        let sx = cell.width / (plane.x.upperBound - plane.x.lowerBound), sy = cell.height / (plane.y.upperBound - plane.y.lowerBound)
        for p in layer.pieces() where tree.nodes[p.node].isLeaf {
            let x0 = cell.minX + (p.box.x.lowerBound - plane.x.lowerBound) * sx
            let x1 = cell.minX + (p.box.x.upperBound - plane.x.lowerBound) * sx
            let y0 = cell.minY + (plane.y.upperBound - p.box.y.upperBound) * sy
            let y1 = cell.minY + (plane.y.upperBound - p.box.y.lowerBound) * sy
            raster.fillRect(Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0), color: layer.color(p.node))
        }
    }
}
