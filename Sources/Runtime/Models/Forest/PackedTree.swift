/// One tree of a forest laid out for voting: 16-byte nodes whose leaves point to themselves,
/// walked by groups of rows at once, and the class probabilities of the leaves only.
///
/// Why this shape: walking one row at a time, every level waits for the last one's node and
/// feature loads and guesses a branch it cannot predict (left or right is a coin toss), about
/// 5 ns a level. Sixteen rows walked side by side give the processor sixteen independent chains
/// to overlap, and the step `next = x ≤ t ? left : right` needs no branch; a leaf's children are
/// itself, so a row that has arrived simply stays while the others finish.
///
/// The threshold is kept as the largest Float not above the Double threshold, so `x ≤ t` on the
/// row's Float value decides exactly as `Double(x) ≤ threshold` does (for every Float x,
/// NaN included), and the node shrinks to 16 bytes.
struct PackedTree: Sendable {
    struct Node: Sendable {
        var threshold: Float
        var feature: UInt32
        var left: UInt32
        var right: UInt32
    }

    /// nodes: [nodes], in the tree's numbering (the root first).
    let nodes: [Node]
    /// leafSlot: [nodes], a leaf's row in `probabilities` (0 for a split).
    let leafSlot: [Int32]
    /// probabilities: [leaves, classes], a leaf's class probabilities (`RandomForest.probabilityTable`).
    let probabilities: [Double]
    let classes: Int

    /// Rows walked side by side.
    static let group = 16

    init(_ tree: DecisionTree) {
        let table = RandomForest.probabilityTable(tree)
        let k = tree.width
        var nodes = [Node](), slots = [Int32](repeating: 0, count: tree.nodes.count), probabilities = [Double]()
        nodes.reserveCapacity(tree.nodes.count)
        for (i, node) in tree.nodes.enumerated() {
            if node.isLeaf {
                nodes.append(Node(threshold: 0, feature: 0, left: UInt32(i), right: UInt32(i)))
                slots[i] = Int32(probabilities.count / k)
                probabilities.append(contentsOf: table[i * k ..< (i + 1) * k])
            } else {
                nodes.append(Node(threshold: Self.floatThreshold(node.threshold), feature: UInt32(node.feature),
                                  left: UInt32(node.left), right: UInt32(node.right)))
            }
        }
        self.nodes = nodes
        leafSlot = slots
        self.probabilities = probabilities
        classes = k
    }

    /// The largest Float f with `Double(f) ≤ t`: for a Float x, `x ≤ f` exactly when `Double(x) ≤ t`.
    static func floatThreshold(_ t: Double) -> Float {
        let nearest = Float(t)
        return Double(nearest) > t ? nearest.nextDown : nearest
    }

    /// The leaf slot of each row of `x: [n, features]`, `[n]`.
    func leafSlots(_ x: [Float], features: Int) -> [Int32] {
        let n = x.count / features
        return [Int32](unsafeUninitializedCapacity: n) { slots, initialized in
            if n > 0 {
                x.withUnsafeBufferPointer { leafSlots($0.baseAddress!, features: features, rows: 0..<n, into: slots.baseAddress!) }
            }
            initialized = n
        }
    }

    /// Writes the leaf slot of each row in `rows` of `x: [n, features]` to `slots[row - rows.lowerBound]`.
    func leafSlots(_ x: UnsafePointer<Float>, features: Int, rows: Range<Int>, into slots: UnsafeMutablePointer<Int32>) {
        nodes.withUnsafeBufferPointer { nodes in
            leafSlot.withUnsafeBufferPointer { leafSlot in
                withUnsafeTemporaryAllocation(of: UInt32.self, capacity: Self.group) { at in
                    withUnsafeTemporaryAllocation(of: UnsafePointer<Float>.self, capacity: Self.group) { row in
                        var start = rows.lowerBound
                        while start < rows.upperBound {
                            let m = min(Self.group, rows.upperBound - start)
                            for j in 0..<m {
                                at[j] = 0
                                row[j] = x + (start &+ j) &* features
                            }
                            while true {
                                var moved: UInt32 = 0
                                for j in 0..<m {
                                    let node = nodes[Int(at[j])]
                                    let next = row[j][Int(node.feature)] <= node.threshold ? node.left : node.right
                                    moved |= next ^ at[j]
                                    at[j] = next
                                }
                                if moved == 0 { break }
                            }
                            for j in 0..<m { slots[start &- rows.lowerBound &+ j] = leafSlot[Int(at[j])] }
                            start &+= m
                        }
                    }
                }
            }
        }
    }
}
