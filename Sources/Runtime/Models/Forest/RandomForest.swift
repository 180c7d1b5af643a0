/// Trees grown on bootstrap samples with random feature subsets, voting by averaged class
/// probabilities (scikit-learn's soft vote: `predict_proba` is the mean of the trees').
public struct RandomForest: Sendable {
    public internal(set) var trees: [DecisionTree] = []
    /// Each tree's bootstrap counts and splitter state, in tree order.
    public internal(set) var draws: [ForestDraw] = []
    /// Each tree's class probabilities per node, `[nodes, classes]`, for voting.
    var tables: [[Double]] = []
    /// Each tree's nodes packed for prediction (16 bytes a node instead of 80).
    var packed: [[PackedNode]] = []

    /// A node as prediction reads it: a split's feature and threshold with its left child (the
    /// right is the next node, as children are made in pairs), or a leaf (feature -1).
    struct PackedNode: Sendable {
        var threshold: Double
        var feature: Int32
        var left: Int32
    }

    static func pack(_ tree: DecisionTree) -> [PackedNode] {
        tree.nodes.map { PackedNode(threshold: $0.threshold, feature: Int32($0.feature), left: Int32($0.left)) }
    }
    public let settings: ForestSettings
    public let features: Int
    public let classes: Int
    public var featureNames: [String]
    public var classNames: [String]

    init(table: TreeTable, settings: ForestSettings) {
        self.settings = settings
        features = table.features
        classes = table.classes
        featureNames = table.featureNames
        classNames = table.classNames
    }

    /// Mean class probabilities `[n, classes]` of the first `limit` trees (all by default) for
    /// `x: [n, features]`. Large inputs are split over the two cores by rows.
    public func probabilities(_ x: [Float], trees limit: Int? = nil) -> [Double] {
        let n = x.count / features, k = classes
        let used = Array(tables.prefix(limit ?? trees.count))
        var out = [Double](repeating: 0, count: n * k)
        guard !used.isEmpty else { return out }
        let divisor = Double(used.count)
        x.withUnsafeBufferPointer { xp in
            out.withUnsafeMutableBufferPointer { op in
                let base = xp.baseAddress!, o = op.baseAddress!
                // Rows in blocks of 128 (100 KB of MNIST features) that stay in cache while every
                // tree reads them: tree by tree over all rows re-read all of x per tree.
                let work = { (rows: Range<Int>) in
                    var blockStart = rows.lowerBound
                    while blockStart < rows.upperBound {
                        let block = blockStart ..< min(blockStart + 128, rows.upperBound)
                        for (t, table) in used.enumerated() {
                            self.packed[t].withUnsafeBufferPointer { nodes in
                                table.withUnsafeBufferPointer { values in
                                    for r in block {
                                        let row = base + r * self.features
                                        var i = 0
                                        while true {
                                            let node = nodes[i]
                                            if node.feature < 0 { break }
                                            let left = Int(node.left)
                                            i = Double(row[Int(node.feature)]) <= node.threshold ? left : left + 1
                                        }
                                        for c in 0..<k { o[r * k + c] += values[i * k + c] }
                                    }
                                }
                            }
                        }
                        blockStart = block.upperBound
                    }
                    for j in rows.lowerBound * k ..< rows.upperBound * k { o[j] /= divisor }
                }
                if n * used.count >= 20_000 {
                    Parallel.pair({ work(0 ..< n / 2) }, { work(n / 2 ..< n) })
                } else {
                    work(0..<n)
                }
            }
        }
        return out
    }

    /// A tree's class probabilities per node, `[nodes, classes]`: counts over their weight, then
    /// over their sum, in scikit-learn's two steps (so averaged votes tie where its do).
    static func probabilityTable(_ tree: DecisionTree) -> [Double] {
        let k = tree.width
        var table = [Double](repeating: 0, count: tree.nodes.count * k)
        for (i, node) in tree.nodes.enumerated() {
            var sum = 0.0
            for c in 0..<k {
                table[i * k + c] = tree.values[i * k + c] / node.weightedSamples
                sum += table[i * k + c]
            }
            if sum > 0 { for c in 0..<k { table[i * k + c] /= sum } }
        }
        return table
    }

    /// The class with the highest mean probability per row (the first on a tie).
    public func predict(_ x: [Float], trees limit: Int? = nil) -> [Int] {
        Self.argmax(probabilities(x, trees: limit), classes: classes)
    }

    /// Mean of the trees' normalised importances (trees that never split left out), normalised
    /// again, as scikit-learn's `feature_importances_`.
    public var importances: [Double] {
        var sum = [Double](repeating: 0, count: features)
        var used = 0
        for tree in trees where tree.nodes.count > 1 {
            for (f, v) in tree.importances.enumerated() { sum[f] += v }
            used += 1
        }
        guard used > 0 else { return sum }
        let mean = sum.map { $0 / Double(used) }
        let total = mean.reduce(0, +)
        return total > 0 ? mean.map { $0 / total } : mean
    }

    /// Row-wise argmax of `p: [n, classes]`.
    static func argmax(_ p: [Double], classes k: Int) -> [Int] {
        (0 ..< p.count / k).map { r in
            var best = 0
            for c in 1..<k where p[r * k + c] > p[r * k + best] { best = c }
            return best
        }
    }
}
