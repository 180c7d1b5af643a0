import Runtime

extension TreeDiagram: TextChart {
    /// The tree as an indented outline, one node a line: the rule (or the leaf's class after a
    /// coloured dot), impurity, samples, and a bar of class shares in colour (the counts
    /// without colour). Levels that do not fit the rows are cut, their nodes ending in "+N";
    /// a path is bold with the rest muted; open nodes end in "…", the newest split in "◀ new".
    public func drawText(into grid: inout CellGrid, in rect: CellRect, style: TextStyle) {
        guard !tree.nodes.isEmpty, rect.width > 0, rect.height > 0 else { return }
        var depth = tree.depth
        let onPath = Set(path)
        let only: Set<Int>? = path.isEmpty ? nil : onPath
        while depth > 0 && lines(maxDepth: depth, unicode: style.unicode, only: only).count > rect.height { depth -= 1 }
        for (row, line) in lines(maxDepth: depth, unicode: style.unicode, only: only).prefix(rect.height).enumerated() {
            let y = rect.y + row
            var x = rect.x
            let dim = !path.isEmpty && !onPath.contains(line.node)
            let ink: RGBA? = dim && style.color ? TextStyle.muted : nil
            let bold = (!path.isEmpty && onPath.contains(line.node)) || line.node == newest
            func put(_ s: String, color: RGBA? = nil, boldText: Bool = false) {
                let room = rect.maxX - x
                guard room > 0 else { return }
                let shown = CellGrid.cut(style.text(s), to: room)
                grid.put(shown, x: x, y: y, color: color ?? ink, bold: boldText)
                x += shown.count
            }
            put(line.prefix, color: style.color ? TextStyle.muted : nil)
            let node = tree.nodes[line.node]
            if node.isLeaf {
                let k = tree.classes > 0 ? Int(tree.prediction(at: line.node)) : 0
                put(style.unicode ? "● " : "* ", color: tree.classes > 0 ? style.ink(ClassPalette.color(k)) : ink)
                put(leafLabel(line.node), boldText: bold)
            } else {
                put(tree.rule(line.node, digits: 2), boldText: bold)
            }
            put("  \(criterionName) \(TreeNumber.text(node.impurity, digits: 3))  n \(node.samples)")
            if line.cutBelow > 0 { put("  +\(line.cutBelow)") }
            if open.contains(line.node) { put(style.unicode ? " …" : " ...") }
            if line.node == newest { put(style.unicode ? "  ◀ new" : "  <- new", boldText: true) }
            put("  ")
            if tree.classes > 0 {
                if style.color {
                    drawBar(line.node, x: &x, y: y, maxX: rect.maxX, grid: &grid, style: style)
                } else {
                    put(tree.value(line.node).map { TreeNumber.text($0, digits: 1) }.joined(separator: "/"))
                }
            }
        }
    }

    struct OutlineLine {
        var node: Int
        var prefix: String
        /// Nodes below a cut node.
        var cutBelow: Int
    }

    /// The outline's lines down to `maxDepth`, in preorder, with box-drawing or ASCII branches;
    /// with `only` (a path), the other nodes are collapsed.
    func lines(maxDepth: Int, unicode: Bool = true, only: Set<Int>? = nil) -> [OutlineLine] {
        let (yes, no, bar) = unicode ? ("├ yes: ", "└ no: ", "│  ") : ("+ yes: ", "` no: ", "|  ")
        var out = [OutlineLine]()
        var stack: [(node: Int, indent: String, branch: String)] = [(0, "", "")]
        while let (i, indent, branch) = stack.popLast() {
            let n = tree.nodes[i]
            let cut = !n.isLeaf && (n.depth >= maxDepth || !(only?.contains(i) ?? true))
            out.append(OutlineLine(node: i, prefix: indent + branch, cutBelow: cut ? descendants(i) : 0))
            guard !n.isLeaf, !cut else { continue }
            let childIndent = indent + (branch.isEmpty ? "" : (branch == no ? "   " : bar))
            stack.append((n.right, childIndent, no))
            stack.append((n.left, childIndent, yes))
        }
        return out
    }

    private func descendants(_ i: Int) -> Int {
        var count = 0, stack = [tree.nodes[i].left, tree.nodes[i].right]
        while let j = stack.popLast() {
            count += 1
            if !tree.nodes[j].isLeaf { stack.append(tree.nodes[j].left); stack.append(tree.nodes[j].right) }
        }
        return count
    }

    private func drawBar(_ i: Int, x: inout Int, y: Int, maxX: Int, grid: inout CellGrid, style: TextStyle) {
        let cells = 6
        var start = 0.0
        for (c, share) in TreeColors.shares(tree, i).enumerated() {
            let end = start + share * Double(cells)
            let from = Int(start.rounded()), to = Int(end.rounded())
            for k in from..<max(from, to) where x + k < maxX {
                grid.put("█", x: x + k, y: y, color: ClassPalette.color(c))
            }
            start = end
        }
        x += cells
    }
}
