/// A grown (or growing) decision tree: nodes in the order they were made (the root first,
/// then two children per split), each with its training counts, and the predictions.
///
/// Node values are weighted class counts `[nodes, classes]` for classification and the mean
/// target `[nodes, 1]` for regression; probabilities are counts over their sum, as
/// scikit-learn's `tree_.value`.
public struct DecisionTree: Sendable {
    public internal(set) var nodes: [TreeNode] = []
    /// values: [nodes.count, width]
    public internal(set) var values: [Double] = []
    /// Classes, or 1 for regression.
    public let width: Int
    public let features: Int
    public let classes: Int
    public let settings: TreeSettings
    public var featureNames: [String]
    public var classNames: [String]

    init(table: TreeTable, settings: TreeSettings) {
        width = max(table.classes, 1)
        features = table.features
        classes = table.classes
        self.settings = settings
        featureNames = table.featureNames
        classNames = table.classNames
    }

    /// Node `i`'s value: class counts, or `[mean]`.
    public func value(_ i: Int) -> ArraySlice<Double> { values[i * width ..< (i + 1) * width] }

    /// The class with the most weight at node `i` (the first on a tie), or the mean.
    public func prediction(at i: Int) -> Double {
        guard classes > 0 else { return values[i] }
        var best = 0
        for c in 1..<width where values[i * width + c] > values[i * width + best] { best = c }
        return Double(best)
    }

    /// Number of leaves.
    public var leafCount: Int { nodes.reduce(0) { $0 + ($1.isLeaf ? 1 : 0) } }
    /// Number of split nodes.
    public var splitCount: Int { nodes.count - leafCount }
    /// Depth of the deepest node (the root alone has depth 0).
    public var depth: Int { nodes.map(\.depth).max() ?? 0 }

    /// The leaf `row` ends in (`row`: [features]).
    @inline(__always)
    public func leaf(for row: UnsafePointer<Float>) -> Int {
        var i = 0
        while true {
            let node = nodes[i]
            if node.left < 0 { return i }
            i = Double(row[node.feature]) <= node.threshold ? node.left : node.right
        }
    }

    /// Nodes from the root to the leaf of `row` (`row`: [features]).
    public func path(_ row: [Float]) -> [Int] {
        precondition(row.count == features, "path: row has \(row.count) features, the tree \(features)")
        var i = 0, way = [0]
        while !nodes[i].isLeaf {
            let node = nodes[i]
            i = Double(row[node.feature]) <= node.threshold ? node.left : node.right
            way.append(i)
        }
        return way
    }

    /// Leaves of `x: [n, features]`.
    public func leaves(_ x: [Float]) -> [Int] {
        let n = x.count / features
        return x.withUnsafeBufferPointer { p in (0..<n).map { leaf(for: p.baseAddress! + $0 * features) } }
    }

    /// Predicted class (or value) for each row of `x: [n, features]`.
    public func predict(_ x: [Float]) -> [Double] { leaves(x).map { prediction(at: $0) } }

    /// Class probabilities `[n, classes]` for `x: [n, features]` (counts over their sum).
    public func probabilities(_ x: [Float]) -> [Double] {
        var out = [Double]()
        out.reserveCapacity(x.count / features * width)
        for leaf in leaves(x) { appendProbabilities(of: leaf, to: &out) }
        return out
    }

    @inline(__always)
    func appendProbabilities(of node: Int, to out: inout [Double]) {
        let counts = value(node)
        let total = counts.reduce(0, +)
        for c in counts { out.append(total > 0 ? c / total : 0) }
    }

    /// Mean decrease in impurity per feature, summing to 1 (all zeros for a tree that never
    /// split): each split adds its weighted impurity decrease to its feature, as scikit-learn's
    /// `feature_importances_`.
    public var importances: [Double] {
        var result = [Double](repeating: 0, count: features)
        guard let root = nodes.first else { return result }
        // Summed in scikit-learn's node order, so the figures agree to the last bit.
        let order = settings.order == .depthFirst ? preorder : Array(nodes.indices)
        for i in order where !nodes[i].isLeaf {
            let node = nodes[i]
            let l = nodes[node.left], r = nodes[node.right]
            result[node.feature] += node.weightedSamples * node.impurity
                - l.weightedSamples * l.impurity - r.weightedSamples * r.impurity
        }
        for f in 0..<features { result[f] /= root.weightedSamples }
        let total = result.reduce(0, +)
        if total > 0 { for f in 0..<features { result[f] /= total } }
        return result
    }

    /// Node indices in preorder (a node, its left subtree, then its right): scikit-learn's
    /// numbering for depth-first growth.
    public var preorder: [Int] {
        guard !nodes.isEmpty else { return [] }
        var order = [Int](), stack = [0]
        while let i = stack.popLast() {
            order.append(i)
            if !nodes[i].isLeaf { stack.append(nodes[i].right); stack.append(nodes[i].left) }
        }
        return order
    }

    /// The rule of split node `i` as text: `petal_length ≤ 2.45`.
    public func rule(_ i: Int, digits: Int = 3) -> String {
        let node = nodes[i]
        guard !node.isLeaf else { return "leaf" }
        return "\(featureNames[node.feature]) ≤ \(TreeNumber.text(node.threshold, digits: digits))"
    }
}
