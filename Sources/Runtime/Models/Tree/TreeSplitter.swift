/// Finds the best split of a node, as scikit-learn's `BestSplitter` (`node_split_best`) does.
///
/// The rules that decide between equally good splits are scikit-learn's, so that nv and
/// `DecisionTreeClassifier` grow the same tree from the same `TreeRandom` state:
/// - features are drawn in a random order without replacement (a Fisher–Yates pass over one
///   `features` array that persists from node to node), at most `maxFeatures` of them but more
///   while every one drawn was constant; features found constant in a node are remembered and
///   skipped in its subtree;
/// - within a feature, rows are sorted by value and a split is tried between every two
///   neighbouring values that differ by more than 1e-7 (float32); the threshold is their
///   midpoint `a/2 + b/2` in Double;
/// - a split replaces the best so far only if its proxy gain is strictly greater, so among
///   equal splits the first feature drawn and the lowest threshold win;
/// - each side must keep `minSamplesLeaf` distinct rows.
struct TreeSplitter: Sendable {
    // columns: [features, count], y: [count], weights: [count]
    let columns: [Float]
    let y: [Double]
    let weights: [Double]
    let count: Int
    let features: Int
    let classes: Int
    let criterion: TreeCriterion
    let maxFeatures: Int
    let minSamplesLeaf: Int
    /// Rows with a weight above 0, reordered node by node so each node's rows are contiguous.
    var samples: [Int]
    /// The sort buffer: the current feature's values of `samples`.
    var values: [Float]
    var keys: [UInt64]
    var featureOrder: [Int]
    var constantFeatures: [Int]
    var random: TreeRandom
    /// Total weight of the training rows (the denominator of every gain).
    let totalWeight: Double
    var sumTotal: [Double]
    var sumLeft: [Double]
    /// The counting search, for class targets with whole weights; nil: sort (`sortRows`, `scan`).
    var classSearch: ClassSplitSearch?
    /// `classSearch != nil`, kept apart: testing the optional in the loop copied it.
    let counts: Bool

    static let featureThreshold: Float = 1e-7

    init(table: TreeTable, weights: [Double], settings: TreeSettings, random: TreeRandom, counting: Bool = true) {
        columns = table.columns
        y = table.y
        self.weights = weights
        count = table.count
        features = table.features
        classes = table.classes
        criterion = settings.criterion
        maxFeatures = settings.maxFeatures.resolved(features: table.features)
        minSamplesLeaf = settings.minSamplesLeaf
        samples = (0..<table.count).filter { weights[$0] != 0 }
        values = []
        keys = []
        featureOrder = Array(0..<table.features)
        constantFeatures = [Int](repeating: 0, count: table.features)
        self.random = random
        totalWeight = samples.reduce(0) { $0 + weights[$1] }
        sumTotal = [Double](repeating: 0, count: max(classes, 1))
        sumLeft = [Double](repeating: 0, count: max(classes, 1))
        if counting, let ranks = table.ranks {
            classSearch = ClassSplitSearch(ranks: ranks, y: table.y, weights: weights, rows: samples.count, classes: classes,
                                           criterion: criterion, minSamplesLeaf: minSamplesLeaf)
        }
        counts = classSearch != nil
        if !counts {
            values = [Float](repeating: 0, count: samples.count)
            keys = [UInt64](repeating: 0, count: samples.count)
        }
    }

    /// Weighted class counts `[classes]` (or `[Σ w·y, Σ w·y²]` for numbers) and the weight of
    /// the rows `start ..< end`.
    func statistics(_ start: Int, _ end: Int) -> (sums: [Double], weight: Double) {
        var sums = [Double](repeating: 0, count: classes > 0 ? classes : 2)
        var weight = 0.0
        for p in start..<end {
            let i = samples[p], w = weights[i]
            if classes > 0 {
                sums[Int(y[i])] += w
            } else {
                sums[0] += w * y[i]
                sums[1] += w * y[i] * y[i]
            }
            weight += w
        }
        return (sums, weight)
    }

    /// The impurity of rows `start ..< end`.
    func impurity(_ start: Int, _ end: Int) -> Double {
        let (sums, weight) = statistics(start, end)
        if classes > 0 {
            return sums.withUnsafeBufferPointer {
                TreeCriterion.classImpurity(criterion, counts: $0.baseAddress!, classes: classes, total: weight)
            }
        }
        return TreeCriterion.varianceImpurity(sum: sums[0], squares: sums[1], total: weight)
    }

    /// Searches the best split of rows `start ..< end` whose impurity is `impurity`; on
    /// success the rows are partitioned around it. `knownConstants` is the number of features
    /// known constant from the ancestors; it comes back with the ones found here added.
    mutating func split(_ start: Int, _ end: Int, impurity: Double, knownConstants: inout Int) -> TreeSplit? {
        let (sums, nodeWeight) = statistics(start, end)
        var best: TreeSplit?
        var bestProxy = -Double.infinity
        var fi = features
        var visited = 0, foundConstants = 0, drawnConstants = 0
        let known = knownConstants
        var totalConstants = known

        while fi > totalConstants && (visited < maxFeatures || visited <= foundConstants + drawnConstants) {
            visited += 1
            var fj = random.int(drawnConstants, fi - foundConstants)
            if fj < known {
                featureOrder.swapAt(drawnConstants, fj)
                drawnConstants += 1
                continue
            }
            fj += foundConstants
            let feature = featureOrder[fj]
            let outcome = examine(start, end, feature: feature, sums: sums, nodeWeight: nodeWeight)
            if outcome.constant {
                featureOrder.swapAt(fj, totalConstants)
                foundConstants += 1
                totalConstants += 1
                continue
            }
            fi -= 1
            featureOrder.swapAt(fi, fj)
            if let candidate = outcome.best, candidate.proxy > bestProxy {
                bestProxy = candidate.proxy
                best = TreeSplit(feature: feature, threshold: candidate.threshold, position: candidate.position,
                                 impurityLeft: 0, impurityRight: 0, gain: 0)
            }
        }

        if var found = best {
            partition(start, end, split: found)
            let left = statistics(start, found.position), right = statistics(found.position, end)
            found.impurityLeft = childImpurity(left.sums, left.weight)
            if classes > 0 {
                found.impurityRight = childImpurity(right.sums, right.weight)
            } else {
                // scikit-learn takes the right side's squares as the node's minus the left's.
                let rightSum = sums[0] - left.sums[0], rightSquares = sums[1] - left.sums[1]
                let rightWeight = nodeWeight - left.weight
                found.impurityRight = TreeCriterion.varianceImpurity(sum: rightSum, squares: rightSquares, total: rightWeight)
            }
            let rightWeight = nodeWeight - left.weight
            found.gain = (nodeWeight / totalWeight) * (impurity - (rightWeight / nodeWeight * found.impurityRight)
                                                      - (left.weight / nodeWeight * found.impurityLeft))
            best = found
        }
        // Constants known from the ancestors keep their order for the siblings; the ones found
        // here follow them.
        for k in 0..<known { featureOrder[k] = constantFeatures[k] }
        for k in known..<(known + foundConstants) { constantFeatures[k] = featureOrder[k] }
        knownConstants = totalConstants
        return best
    }

    /// Whether `feature` is constant over rows `start ..< end` and, if not, its best split:
    /// counted (`ClassSplitSearch`) or sorted and scanned.
    private mutating func examine(_ start: Int, _ end: Int, feature: Int, sums: [Double], nodeWeight: Double) -> ClassSplitSearch.Outcome {
        if counts {
            return classSearch!.search(samples: samples, start: start, end: end, feature: feature, totals: sums, nodeWeight: nodeWeight)
        }
        sortRows(start, end, feature: feature)
        if values[end - 1] <= values[start] + Self.featureThreshold {
            return .init(constant: true, best: nil)
        }
        return .init(constant: false, best: scan(start, end, feature: feature, sums: sums, nodeWeight: nodeWeight))
    }

    private func childImpurity(_ sums: [Double], _ weight: Double) -> Double {
        if classes > 0 {
            return sums.withUnsafeBufferPointer {
                TreeCriterion.classImpurity(criterion, counts: $0.baseAddress!, classes: classes, total: weight)
            }
        }
        return TreeCriterion.varianceImpurity(sum: sums[0], squares: sums[1], total: weight)
    }

    /// The best threshold of one sorted feature: (proxy gain, threshold, position).
    private mutating func scan(_ start: Int, _ end: Int, feature: Int, sums: [Double], nodeWeight: Double)
        -> (proxy: Double, threshold: Double, position: Int)? {
        var best: (proxy: Double, threshold: Double, position: Int)?
        let k = classes
        for c in 0..<sumLeft.count { sumLeft[c] = 0 }
        var leftWeight = 0.0, moved = start
        let gini = criterion == .gini
        sumLeft.withUnsafeMutableBufferPointer { left in
            sums.withUnsafeBufferPointer { total in
                values.withUnsafeBufferPointer { v in
                    samples.withUnsafeBufferPointer { s in
                        y.withUnsafeBufferPointer { y in
                            weights.withUnsafeBufferPointer { w in
                                var right = [Double](repeating: 0, count: max(k, 1))
                                var p = start
                                while p < end {
                                    p += 1
                                    while p < end && v[p] <= v[p - 1] + Self.featureThreshold { p += 1 }
                                    if p == end { break }
                                    let nLeft = p - start, nRight = end - p
                                    if nLeft < minSamplesLeaf || nRight < minSamplesLeaf { continue }
                                    while moved < p {
                                        let i = s[moved], wi = w[i]
                                        if k > 0 { left[Int(y[i])] += wi } else { left[0] += wi * y[i] }
                                        leftWeight += wi
                                        moved += 1
                                    }
                                    let rightWeight = nodeWeight - leftWeight
                                    let proxy: Double
                                    if k > 0 {
                                        for c in 0..<k { right[c] = total[c] - left[c] }
                                        let il: Double, ir: Double
                                        if gini {
                                            var sl = 0.0, sr = 0.0
                                            for c in 0..<k {
                                                sl += left[c] * left[c]
                                                sr += right[c] * right[c]
                                            }
                                            il = 1.0 - sl / (leftWeight * leftWeight)
                                            ir = 1.0 - sr / (rightWeight * rightWeight)
                                        } else {
                                            il = TreeCriterion.classImpurity(.entropy, counts: UnsafePointer(left.baseAddress!), classes: k, total: leftWeight)
                                            ir = right.withUnsafeBufferPointer {
                                                TreeCriterion.classImpurity(.entropy, counts: $0.baseAddress!, classes: k, total: rightWeight)
                                            }
                                        }
                                        proxy = -rightWeight * ir - leftWeight * il
                                    } else {
                                        let sl = left[0], sr = total[0] - left[0]
                                        proxy = sl * sl / leftWeight + sr * sr / rightWeight
                                    }
                                    if proxy > (best?.proxy ?? -Double.infinity) {
                                        best = (proxy, Double(v[p - 1]) / 2.0 + Double(v[p]) / 2.0, p)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return best
    }

    /// Sorts `samples[start ..< end]` by `feature`, leaving the sorted values in `values`.
    /// Equal values are ordered by row (scikit-learn's introsort leaves them in another order;
    /// only sums of regression targets can notice, in their last bits).
    private mutating func sortRows(_ start: Int, _ end: Int, feature: Int) {
        let base = feature * count
        columns.withUnsafeBufferPointer { col in
            keys.withUnsafeMutableBufferPointer { keys in
                samples.withUnsafeMutableBufferPointer { s in
                    for p in start..<end {
                        let i = s[p]
                        keys[p] = UInt64(Self.orderedBits(col[base + i])) << 32 | UInt64(i)
                    }
                    var slice = UnsafeMutableBufferPointer(rebasing: keys[start..<end])
                    slice.sort()
                    values.withUnsafeMutableBufferPointer { v in
                        for p in start..<end {
                            let i = Int(keys[p] & 0xFFFF_FFFF)
                            s[p] = i
                            v[p] = col[base + i]
                        }
                    }
                }
            }
        }
    }

    /// A Float's bits turned so that unsigned order is numeric order (−0 before +0).
    @inline(__always)
    static func orderedBits(_ x: Float) -> UInt32 {
        let bits = x.bitPattern
        return bits & 0x8000_0000 != 0 ? ~bits : bits | 0x8000_0000
    }

    /// Moves the rows with `x[feature] ≤ threshold` to the front of `start ..< end`, as
    /// scikit-learn's `partition_samples_final` (swapping from the back).
    private mutating func partition(_ start: Int, _ end: Int, split: TreeSplit) {
        var lo = start, hi = end
        let base = split.feature * count
        while lo < hi {
            if Double(columns[base + samples[lo]]) <= split.threshold {
                lo += 1
            } else {
                hi -= 1
                samples.swapAt(lo, hi)
            }
        }
    }
}
