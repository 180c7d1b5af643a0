import Runtime

/// Where each shown node of a tree diagram goes: levels from the top, and the leaves of the
/// shown part spread evenly from left to right in order, every parent centred over its
/// children. Nodes deeper than `maxDepth` are left out (their parent gets a "…" mark).
struct TreeLayout {
    /// Shown nodes with their horizontal slot (0 ..< slots, fractional for parents) and level.
    var positions: [Int: (slot: Double, level: Int)] = [:]
    /// Number of leaf slots.
    var slots = 0
    /// Deepest level shown.
    var levels = 0
    /// Shown nodes whose children were cut.
    var cut: Set<Int> = []

    /// - Parameter only: when given, only these nodes are opened (a path): the others are
    ///   shown collapsed under their parent.
    init(_ tree: DecisionTree, maxDepth: Int, only: Set<Int>? = nil) {
        guard !tree.nodes.isEmpty else { return }
        place(tree, 0, maxDepth: maxDepth, only: only)
    }

    private mutating func place(_ tree: DecisionTree, _ i: Int, maxDepth: Int, only: Set<Int>?) {
        // Iterative in-order walk so a deep tree cannot overflow the stack.
        var stack: [(node: Int, visited: Bool)] = [(i, false)]
        while let (node, visited) = stack.popLast() {
            let n = tree.nodes[node]
            levels = max(levels, n.depth)
            if n.isLeaf || n.depth >= maxDepth || !(only?.contains(node) ?? true) {
                if !n.isLeaf { cut.insert(node) }
                positions[node] = (Double(slots), n.depth)
                slots += 1
            } else if visited {
                let l = positions[n.left]!.slot, r = positions[n.right]!.slot
                positions[node] = ((l + r) / 2, n.depth)
            } else {
                stack.append((node, true))
                stack.append((n.right, false))
                stack.append((n.left, false))
            }
        }
    }

    /// The deepest level whose diagram fits: at most `slotsWanted` leaf slots of `minSlot`
    /// pixels in `width`, and levels of `minLevel` pixels in `height`.
    static func depthThatFits(_ tree: DecisionTree, width: Double, height: Double, minSlot: Double, minLevel: Double,
                              only: Set<Int>? = nil) -> Int {
        var depth = tree.depth
        while depth > 0 {
            let layout = TreeLayout(tree, maxDepth: depth, only: only)
            if Double(layout.slots) * minSlot <= width && Double(depth + 1) * minLevel <= height { break }
            depth -= 1
        }
        return depth
    }
}
