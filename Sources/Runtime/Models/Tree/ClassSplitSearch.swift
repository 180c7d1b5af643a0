/// The best threshold of one feature for a class target, found by counting instead of sorting:
/// the splitter's search for classification trees whose row weights are whole numbers (every
/// tree of a forest: bootstrap counts; a single tree: all 1).
///
/// Why it gives the same splits as sorting the rows (`TreeSplitter.scan`): with whole weights
/// every sum a split is judged by (class weights left and right, their totals) is a whole
/// number, exact in Double whatever order it is added in. So the rows need not be in sorted
/// order; only which rows lie left of each boundary counts, and that is every row of a smaller
/// value. Buckets of equal values visited in increasing order see the same boundaries (between
/// neighbouring values more than 1e-7 apart), the same left sums, the same proxy gains, the same
/// midpoints, in the same order, so the same split wins, ties included.
///
/// Large nodes count their rows into a bucket per distinct value (`FeatureRanks`); small nodes,
/// whose rows are few next to the values between their smallest and largest, radix-sort their
/// ranks instead (insertion sort below 24 rows). Nothing is allocated per search.
struct ClassSplitSearch: Sendable {
    let ranks: FeatureRanks
    /// Class of each row, `classOf: [count]`.
    let classOf: [Int32]
    /// Whole weight of each row, `weightOf: [count]`.
    let weightOf: [Int32]
    let classes: Int
    let gini: Bool
    let minSamplesLeaf: Int
    /// The node's ranks of the feature searched, `gathered: [rows]`.
    var gathered: [UInt32]
    /// Sort keys `rank << 32 | row` and the radix sort's second buffer, `[rows]` each.
    var keys: [UInt64]
    var scratch: [UInt64]
    /// Per distinct value, the class weights then the row count: `buckets: [widest, classes + 1]`.
    /// All zero between searches (the scan empties each bucket it reads).
    var buckets: [Int32]
    /// Class weights left and right of a boundary, `[classes]` each.
    var left: [Double]
    var right: [Double]

    /// Counting pays off when a node has at least this many rows per value in its range.
    static let rowsPerBucket = 0.5
    static let insertionLimit = 24

    /// A search over `rows` training rows, or nil when some weight is not a whole number (or
    /// the weights add up past what 32-bit counts hold): those trees sort.
    init?(ranks: FeatureRanks, y: [Double], weights: [Double], rows: Int, classes: Int, criterion: TreeCriterion, minSamplesLeaf: Int) {
        guard classes > 0, weights.allSatisfy({ $0 == $0.rounded() }), weights.reduce(0, +) < Double(Int32.max) else { return nil }
        self.ranks = ranks
        classOf = y.map { Int32($0) }
        weightOf = weights.map { Int32($0) }
        self.classes = classes
        gini = criterion == .gini
        self.minSamplesLeaf = minSamplesLeaf
        gathered = [UInt32](repeating: 0, count: rows)
        keys = [UInt64](repeating: 0, count: rows)
        scratch = [UInt64](repeating: 0, count: rows)
        buckets = [Int32](repeating: 0, count: ranks.widest * (classes + 1))
        left = [Double](repeating: 0, count: classes)
        right = [Double](repeating: 0, count: classes)
    }

    /// What one feature offers a node.
    struct Outcome {
        /// True when the node's values of the feature are all the same (within 1e-7).
        var constant: Bool
        /// The best split: proxy gain, threshold, and `start +` the rows going left.
        var best: (proxy: Double, threshold: Double, position: Int)?
    }

    /// Searches `feature` over the node's rows `samples[start ..< end]`, whose class weights are
    /// `totals: [classes]` and weight `nodeWeight`.
    mutating func search(samples: [Int], start: Int, end: Int, feature: Int, totals: [Double], nodeWeight: Double) -> Outcome {
        // The scratch buffers are moved out while in use (no copy), so the helpers can write
        // them through pointers while reading the tables through `self`.
        var gathered = Self.take(&self.gathered), keys = Self.take(&self.keys), scratch = Self.take(&self.scratch)
        var buckets = Self.take(&self.buckets), left = Self.take(&self.left), right = Self.take(&self.right)
        defer {
            self.gathered = gathered
            self.keys = keys
            self.scratch = scratch
            self.buckets = buckets
            self.left = left
            self.right = right
        }
        let n = end - start
        return samples.withUnsafeBufferPointer { samples in
            totals.withUnsafeBufferPointer { totals in
                gathered.withUnsafeMutableBufferPointer { g in
                    keys.withUnsafeMutableBufferPointer { k in
                        scratch.withUnsafeMutableBufferPointer { s in
                            buckets.withUnsafeMutableBufferPointer { b in
                                left.withUnsafeMutableBufferPointer { l in
                                    right.withUnsafeMutableBufferPointer { r in
                                        let work = Work(gathered: g.baseAddress!, keys: k.baseAddress!, scratch: s.baseAddress!,
                                                        buckets: b.baseAddress!, left: l.baseAddress!, right: r.baseAddress!)
                                        return search(rows: UnsafeBufferPointer(rebasing: samples[start..<end]), n: n, start: start,
                                                      feature: feature, totals: totals.baseAddress!, nodeWeight: nodeWeight, work: work)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static func take<T>(_ array: inout [T]) -> [T] {
        var taken = [T]()
        swap(&taken, &array)
        return taken
    }

    /// The scratch buffers as pointers.
    private struct Work {
        let gathered: UnsafeMutablePointer<UInt32>
        let keys: UnsafeMutablePointer<UInt64>
        let scratch: UnsafeMutablePointer<UInt64>
        let buckets: UnsafeMutablePointer<Int32>
        let left: UnsafeMutablePointer<Double>
        let right: UnsafeMutablePointer<Double>
    }

    private func search(rows: UnsafeBufferPointer<Int>, n: Int, start: Int, feature: Int,
                        totals: UnsafePointer<Double>, nodeWeight: Double, work: Work) -> Outcome {
        ranks.ranks.withUnsafeBufferPointer { rankTable in
            ranks.values.withUnsafeBufferPointer { allValues in
                let column = rankTable.baseAddress! + feature * classOf.count
                let gathered = work.gathered
                var lo = UInt32.max, hi: UInt32 = 0
                for p in 0..<n {
                    let r = column[rows[p]]
                    gathered[p] = r
                    lo = min(lo, r)
                    hi = max(hi, r)
                }
                let values = allValues.baseAddress! + ranks.offsets[feature] + Int(lo)
                let span = Int(hi - lo) + 1
                // The rows' largest value against their smallest, as after sorting them.
                if values[span - 1] <= values[0] + TreeSplitter.featureThreshold {
                    return Outcome(constant: true, best: nil)
                }
                let node = Node(start: start, n: n, lo: lo, span: span, values: values, totals: totals, nodeWeight: nodeWeight)
                if Double(n) >= Double(span) * Self.rowsPerBucket {
                    return Outcome(constant: false, best: countBuckets(rows, node, work))
                }
                return Outcome(constant: false, best: sortRanks(rows, node, work))
            }
        }
    }

    typealias Node = (start: Int, n: Int, lo: UInt32, span: Int, values: UnsafePointer<Float>,
                      totals: UnsafePointer<Double>, nodeWeight: Double)
    typealias Best = (proxy: Double, threshold: Double, position: Int)

    /// Counts the rows into one bucket per value, then walks the buckets in value order.
    private func countBuckets(_ rows: UnsafeBufferPointer<Int>, _ node: Node, _ work: Work) -> Best? {
        let k = classes, stride = classes + 1
        return classOf.withUnsafeBufferPointer { classOf in
            weightOf.withUnsafeBufferPointer { weightOf in
                let b = work.buckets, gathered = work.gathered
                for p in 0..<node.n {
                    let i = rows[p]
                    let cell = b + Int(gathered[p] - node.lo) * stride
                    cell[Int(classOf[i])] += weightOf[i]
                    cell[k] += 1
                }
                return walk(node, work) { visit in
                    for v in 0..<node.span {
                        let cell = b + v * stride
                        let count = Int(cell[k])
                        if count == 0 { continue }
                        visit(v, count) { left in
                            var weight: Int32 = 0
                            for c in 0..<k {
                                left[c] += Double(cell[c])
                                weight += cell[c]
                                cell[c] = 0
                            }
                            cell[k] = 0
                            return Double(weight)
                        }
                    }
                }
            }
        }
    }

    /// Sorts the node's ranks (with the row in the low half), then walks the rows in value order.
    private func sortRanks(_ rows: UnsafeBufferPointer<Int>, _ node: Node, _ work: Work) -> Best? {
        let n = node.n
        return classOf.withUnsafeBufferPointer { classOf in
            weightOf.withUnsafeBufferPointer { weightOf in
                let key = work.keys, gathered = work.gathered
                for p in 0..<n { key[p] = UInt64(gathered[p] - node.lo) << 32 | UInt64(rows[p]) }
                if n <= Self.insertionLimit {
                    for p in 1..<n {
                        let x = key[p]
                        var q = p
                        while q > 0 && key[q - 1] > x {
                            key[q] = key[q - 1]
                            q -= 1
                        }
                        key[q] = x
                    }
                } else {
                    RadixSort.sortByHigh(key, scratch: work.scratch, count: n,
                                         bits: UInt64.bitWidth - UInt64(node.span - 1).leadingZeroBitCount)
                }
                return walk(node, work) { visit in
                    var p = 0
                    while p < n {
                        let v = Int(key[p] >> 32)
                        var q = p
                        while q < n && Int(key[q] >> 32) == v { q += 1 }
                        visit(v, q - p) { left in
                            var weight: Int32 = 0
                            for r in p..<q {
                                let i = Int(key[r] & 0xFFFF_FFFF)
                                left[Int(classOf[i])] += Double(weightOf[i])
                                weight += weightOf[i]
                            }
                            return Double(weight)
                        }
                        p = q
                    }
                }
            }
        }
    }

    /// The scan shared by both orders. `groups` calls its argument once per distinct value
    /// present, in increasing order, with the value's offset from the node's smallest rank, its
    /// row count, and a closure that adds the value's class weights to `left` and returns their
    /// sum. A split is tried before each value more than 1e-7 above the previous one, with the
    /// formulas and the strict `>` of `TreeSplitter.scan`.
    private func walk(_ node: Node, _ work: Work,
                      _ groups: ((Int, Int, (UnsafeMutablePointer<Double>) -> Double) -> Void) -> Void) -> Best? {
        let k = classes, gini = self.gini, minLeaf = minSamplesLeaf
        let left = work.left, right = work.right
        for c in 0..<k { left[c] = 0 }
        var best: Best?
        var leftWeight = 0.0, leftRows = 0
        var previous: Float = 0
        groups { offset, count, add in
            let value = node.values[offset]
            if leftRows > 0 && !(value <= previous + TreeSplitter.featureThreshold)
                && leftRows >= minLeaf && node.n - leftRows >= minLeaf {
                let rightWeight = node.nodeWeight - leftWeight
                for c in 0..<k { right[c] = node.totals[c] - left[c] }
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
                    il = TreeCriterion.classImpurity(.entropy, counts: left, classes: k, total: leftWeight)
                    ir = TreeCriterion.classImpurity(.entropy, counts: right, classes: k, total: rightWeight)
                }
                let proxy = -rightWeight * ir - leftWeight * il
                if proxy > (best?.proxy ?? -Double.infinity) {
                    best = (proxy, Double(previous) / 2.0 + Double(value) / 2.0, node.start + leftRows)
                }
            }
            leftWeight += add(left)
            leftRows += count
            previous = value
        }
        return best
    }
}
