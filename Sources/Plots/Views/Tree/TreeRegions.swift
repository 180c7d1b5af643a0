import Runtime

/// The regions a tree on two features cuts the plane into: each leaf's box filled with its
/// class colour (paler when mixed, by mean for regression in a blue–red ramp), and every split
/// drawn as an axis-aligned cut across its own box; the newest cut thick and dark. The tree's
/// features 0 and 1 are the x and y axes.
public struct TreeRegions: PlotLayer {
    public var tree: DecisionTree
    public var newest: Int?
    /// The plane the boxes are cut from (the axes' ranges).
    public var x: ClosedRange<Double>
    public var y: ClosedRange<Double>

    public init(tree: DecisionTree, newest: Int? = nil, x: ClosedRange<Double>, y: ClosedRange<Double>) {
        self.tree = tree; self.newest = newest; self.x = x; self.y = y
    }

    public func bounds(logY: Bool) -> DataBounds? { DataBounds(x: x, y: y, padX: false, padY: false) }

    /// A leaf's box or a split's cut, in data coordinates.
    struct Piece {
        var node: Int
        var box: (x: ClosedRange<Double>, y: ClosedRange<Double>)
    }

    /// Every node with the box of the plane that reaches it (clipped to the plane).
    func pieces() -> [Piece] {
        guard !tree.nodes.isEmpty, tree.features >= 2 else { return [] }
        var out = [Piece](), stack = [Piece(node: 0, box: (x, y))]
        while let piece = stack.popLast() {
            out.append(piece)
            let n = tree.nodes[piece.node]
            guard !n.isLeaf else { continue }
            let t = n.threshold
            if n.feature == 0 {
                let cut = min(max(t, piece.box.x.lowerBound), piece.box.x.upperBound)
                stack.append(Piece(node: n.left, box: (piece.box.x.lowerBound...cut, piece.box.y)))
                stack.append(Piece(node: n.right, box: (cut...piece.box.x.upperBound, piece.box.y)))
            } else {
                let cut = min(max(t, piece.box.y.lowerBound), piece.box.y.upperBound)
                stack.append(Piece(node: n.left, box: (piece.box.x, piece.box.y.lowerBound...cut)))
                stack.append(Piece(node: n.right, box: (piece.box.x, cut...piece.box.y.upperBound)))
            }
        }
        return out
    }

    /// The colour of leaf `i`'s region.
    func color(_ i: Int) -> RGBA {
        if tree.classes > 0 { return TreeColors.fill(tree, i) }
        let values = tree.nodes.indices.filter { tree.nodes[$0].isLeaf }.map { tree.values[$0] }
        let lo = values.min() ?? 0, hi = values.max() ?? 1
        let t = hi > lo ? (tree.values[i] - lo) / (hi - lo) : 0.5
        return Colormap.diverging.color(at: t).blended(toward: .white, 0.45)
    }

    /// The cut of split `i` as a segment (data coordinates).
    func cut(_ piece: Piece) -> (Double, Double, Double, Double) {
        let n = tree.nodes[piece.node], b = piece.box
        if n.feature == 0 { return (n.threshold, b.y.lowerBound, n.threshold, b.y.upperBound) }
        return (b.x.lowerBound, n.threshold, b.x.upperBound, n.threshold)
    }

    public func draw(into raster: inout Raster, frame: AxesFrame, theme: Theme) {
        let all = pieces()
        for p in all where tree.nodes[p.node].isLeaf {
            let a = frame.point(p.box.x.lowerBound, p.box.y.upperBound), b = frame.point(p.box.x.upperBound, p.box.y.lowerBound)
            raster.fillRect(Rect(x: a.x, y: a.y, width: b.x - a.x, height: b.y - a.y), color: color(p.node))
        }
        for p in all where !tree.nodes[p.node].isLeaf {
            let (x0, y0, x1, y1) = cut(p)
            let isNew = p.node == newest
            raster.line(from: frame.point(x0, y0), to: frame.point(x1, y1), width: isNew ? 3 : 1.2,
                        color: isNew ? theme.text : theme.frame)
        }
    }
}

extension RGBA {
    /// This colour moved toward `other` by `t` (0...1).
    func blended(toward other: RGBA, _ t: Double) -> RGBA { TreeColors.mix(self, other, t) }
}
