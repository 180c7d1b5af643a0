import Runtime

/// A decision tree drawn top-down: each split node a card with its rule
/// (`petal_length ≤ 2.45`), impurity and sample count over a bar of its class shares; leaves
/// filled with their class colour (paler when mixed). Nodes still open while the tree grows are
/// dashed, the newest split is outlined in bold, and a sample's path is drawn thick with the
/// other nodes faded. When the cards would not fit, the diagram shows fewer levels (a "…"
/// under cut nodes) and then smaller cards without text.
public struct TreeDiagram: Chart {
    public var tree: DecisionTree
    /// Nodes not yet settled (drawn dashed).
    public var open: Set<Int>
    /// A path to highlight, root first.
    public var path: [Int]
    /// The newest split, outlined.
    public var newest: Int?

    public init(tree: DecisionTree, open: Set<Int> = [], path: [Int] = [], newest: Int? = nil) {
        self.tree = tree; self.open = open; self.path = path; self.newest = newest
    }

    static let cardWidth = 132.0
    /// Narrowest card with text: 16 characters of the small font.
    static let minCardWidth = 100.0
    static let cardHeight = 46.0
    static let smallCard = 14.0

    public func draw(into raster: inout Raster, in rect: Rect, theme: Theme) {
        guard !tree.nodes.isEmpty else { return }
        let area = rect.insetBy(dx: 6, dy: 6)
        // A path opens only its own nodes; their siblings stay collapsed.
        let only: Set<Int>? = path.isEmpty ? nil : Set(path)
        let full = TreeLayout.depthThatFits(tree, width: area.width, height: area.height,
                                            minSlot: Self.minCardWidth + 6, minLevel: Self.cardHeight + 22, only: only)
        let cards = Double(TreeLayout(tree, maxDepth: full, only: only).slots) * (Self.minCardWidth + 6) <= area.width
            && Double(full + 1) * (Self.cardHeight + 22) <= area.height
        let depth = cards ? full : TreeLayout.depthThatFits(tree, width: area.width, height: area.height,
                                                            minSlot: Self.smallCard + 3, minLevel: Self.smallCard + 8, only: only)
        let layout = TreeLayout(tree, maxDepth: depth, only: only)
        let shownLevels = min(layout.levels, depth) + 1
        let slotWidth = area.width / Double(max(layout.slots, 1))
        let levelHeight = area.height / Double(shownLevels)
        let boxW = cards ? min(Self.cardWidth, slotWidth - 6) : min(slotWidth - 3, 40)
        let boxH = cards ? Self.cardHeight : min(Self.smallCard, levelHeight - 8)
        func center(_ i: Int) -> Point {
            let p = layout.positions[i]!
            return Point(area.minX + (p.slot + 0.5) * slotWidth, area.minY + Double(p.level) * levelHeight + boxH / 2)
        }
        let onPath = Set(path)
        let faded = !path.isEmpty
        // Edges first, so cards cover their ends.
        for (i, _) in layout.positions where !tree.nodes[i].isLeaf && !layout.cut.contains(i) {
            let n = tree.nodes[i], a = center(i)
            for (child, label) in [(n.left, "yes"), (n.right, "no")] {
                let b = center(child)
                let both = onPath.contains(i) && onPath.contains(child)
                let color = both ? theme.text : (faded ? TreeColors.mix(theme.frame, .white, 0.6) : theme.frame)
                raster.line(from: Point(a.x, a.y + boxH / 2), to: Point(b.x, b.y - boxH / 2), width: both ? 3 : 1.2, color: color)
                if i == 0 && cards {
                    let mid = Point((a.x + b.x) / 2, (a.y + boxH / 2 + b.y - boxH / 2) / 2)
                    raster.drawText(label, x: mid.x + (child == n.left ? -6 : 6), y: mid.y, font: .small,
                                    color: theme.mutedText, anchor: child == n.left ? .right : .left)
                }
            }
        }
        for (i, _) in layout.positions {
            let c = center(i)
            let box = Rect(x: c.x - boxW / 2, y: c.y - boxH / 2, width: boxW, height: boxH)
            drawNode(i, box: box, cards: cards, cut: layout.cut.contains(i), dim: faded && !onPath.contains(i),
                     into: &raster, theme: theme)
        }
    }

    private func drawNode(_ i: Int, box: Rect, cards: Bool, cut: Bool, dim: Bool, into raster: inout Raster, theme: Theme) {
        let node = tree.nodes[i]
        var fill = node.isLeaf ? TreeColors.fill(tree, i) : RGBA.white
        if dim { fill = TreeColors.mix(fill, theme.background, 0.6) }
        raster.fillRect(box, color: fill)
        let textColor = dim ? TreeColors.mix(theme.text, .white, 0.55) : theme.text
        if cards {
            let lines: [String] = [
                node.isLeaf ? leafLabel(i) : tree.rule(i, digits: 2),
                "\(criterionName) \(TreeNumber.text(node.impurity, digits: 3))  n \(node.samples)",
            ]
            for (k, line) in lines.enumerated() {
                raster.withClip(box) { r in
                    r.drawText(line, x: box.midX, y: box.minY + 4 + Double(k) * 14, font: .small,
                               color: textColor, anchor: .top)
                }
            }
            drawShares(i, in: Rect(x: box.minX + 5, y: box.maxY - 11, width: box.width - 10, height: 7), dim: dim, into: &raster)
        } else if tree.classes > 0, box.height >= 8 {
            drawShares(i, in: Rect(x: box.minX + 2, y: box.maxY - 5, width: box.width - 4, height: 3), dim: dim, into: &raster)
        }
        let frame = open.contains(i) ? TreeColors.mix(theme.frame, .white, 0.4) : (dim ? TreeColors.mix(theme.frame, .white, 0.5) : theme.frame)
        if open.contains(i) {
            for (a, b) in corners(box) { raster.line(from: a, to: b, width: 1, color: frame, dash: [4, 3]) }
        } else {
            raster.strokeRect(box, color: frame, lineWidth: 1)
        }
        if i == newest || (!path.isEmpty && i == path.last) {
            raster.strokeRect(box.insetBy(dx: -2, dy: -2), color: theme.text, lineWidth: 2.5)
        }
        if cut {
            raster.drawText("…", x: box.midX, y: box.maxY + 2, font: .small, color: theme.mutedText, anchor: .top)
        }
    }

    private func corners(_ r: Rect) -> [(Point, Point)] {
        let a = Point(r.minX, r.minY), b = Point(r.maxX, r.minY), c = Point(r.maxX, r.maxY), d = Point(r.minX, r.maxY)
        return [(a, b), (b, c), (c, d), (d, a)]
    }

    /// A bar split into the node's class shares (nothing for regression).
    private func drawShares(_ i: Int, in rect: Rect, dim: Bool, into raster: inout Raster) {
        guard tree.classes > 0 else { return }
        var x = rect.minX
        for (c, share) in TreeColors.shares(tree, i).enumerated() where share > 0 {
            var color = ClassPalette.color(c)
            if dim { color = TreeColors.mix(color, .white, 0.6) }
            raster.fillRect(Rect(x: x, y: rect.minY, width: share * rect.width, height: rect.height), color: color)
            x += share * rect.width
        }
    }

    var criterionName: String { tree.settings.criterion == .mse ? "mse" : tree.settings.criterion.rawValue }

    /// "setosa" for a class leaf, "ŷ 4.22" for a regression leaf.
    func leafLabel(_ i: Int) -> String {
        tree.classes > 0 ? tree.classNames[Int(tree.prediction(at: i))] : "ŷ \(TreeNumber.text(tree.values[i], digits: 3))"
    }
}
