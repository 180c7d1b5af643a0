/// Trees grown on bootstrap samples with random feature subsets, voting by averaged class
/// probabilities (scikit-learn's soft vote: `predict_proba` is the mean of the trees').
public struct RandomForest: Sendable {
    public internal(set) var trees: [DecisionTree] = []
    /// Each tree's bootstrap counts and splitter state, in tree order.
    public internal(set) var draws: [ForestDraw] = []
    /// Each tree laid out for voting, in tree order.
    var packed: [PackedTree] = []

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
    /// `x: [n, features]`. Large inputs are split over the two cores by rows; each row's sum
    /// runs over the trees in tree order whichever core takes it.
    public func probabilities(_ x: [Float], trees limit: Int? = nil) -> [Double] {
        let n = x.count / features, k = classes
        let used = Array(packed.prefix(limit ?? trees.count))
        var out = [Double](repeating: 0, count: n * k)
        guard !used.isEmpty, n > 0 else { return out }
        let divisor = Double(used.count)
        x.withUnsafeBufferPointer { xp in
            out.withUnsafeMutableBufferPointer { op in
                let base = xp.baseAddress!, o = op.baseAddress!
                // Rows in blocks of 128 (100 KB of MNIST features) that stay in cache while every
                // tree reads them: tree by tree over all rows re-read all of x per tree. The two
                // cores take the blocks in turn from a ticket, so a core held up by other work
                // on the machine leaves its share to the other.
                let blocks = (n + 127) / 128
                let ticket = WorkTicket()
                let work = {
                    withUnsafeTemporaryAllocation(of: Int32.self, capacity: 128) { slots in
                        while case let b = ticket.take(), b < blocks {
                            let block = b * 128 ..< min(b * 128 + 128, n)
                            for tree in used {
                                tree.leafSlots(base, features: self.features, rows: block, into: slots.baseAddress!)
                                tree.probabilities.withUnsafeBufferPointer { values in
                                    for r in block {
                                        Self.add(values.baseAddress! + Int(slots[r &- block.lowerBound]) &* k, to: o + r &* k, count: k)
                                    }
                                }
                            }
                            for j in block.lowerBound * k ..< block.upperBound * k { o[j] /= divisor }
                        }
                    }
                }
                if n * used.count >= 20_000 {
                    Parallel.pair(work, work)
                } else {
                    work()
                }
            }
        }
        return out
    }

    /// `sum[c] += value[c]` for `c < count`, four and two at a time (each lane the same IEEE
    /// addition as one at a time).
    @inline(__always)
    static func add(_ value: UnsafePointer<Double>, to sum: UnsafeMutablePointer<Double>, count: Int) {
        var c = 0
        while c &+ 4 <= count {
            let a = UnsafeRawPointer(sum + c).loadUnaligned(as: SIMD4<Double>.self)
            let b = UnsafeRawPointer(value + c).loadUnaligned(as: SIMD4<Double>.self)
            UnsafeMutableRawPointer(sum + c).storeBytes(of: a + b, as: SIMD4<Double>.self)
            c &+= 4
        }
        while c &+ 2 <= count {
            let a = UnsafeRawPointer(sum + c).loadUnaligned(as: SIMD2<Double>.self)
            let b = UnsafeRawPointer(value + c).loadUnaligned(as: SIMD2<Double>.self)
            UnsafeMutableRawPointer(sum + c).storeBytes(of: a + b, as: SIMD2<Double>.self)
            c &+= 2
        }
        if c < count { sum[c] += value[c] }
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
