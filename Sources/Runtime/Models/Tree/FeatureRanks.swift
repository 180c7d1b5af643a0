/// Every feature's distinct values in increasing order, and each row's place among them: what
/// the class split search (`ClassSplitSearch`) counts in instead of sorting rows by value.
///
/// Pixels of digits take a few hundred distinct values (at most 1,385 of the 5,000 MNIST
/// training digits at 14×14), so a node's rows fall into few buckets and a split is found by
/// counting classes per bucket; without ranks, every node sorted its rows once per feature it
/// tried, which was two thirds of a forest's fitting time.
///
/// Values are told apart by their bits (−0 before +0), the order the splitter has always sorted
/// in, so the neighbouring values a threshold falls between are the same.
struct FeatureRanks: Sendable {
    /// ranks: [features, count], row r's value of feature f is `values[offsets[f] + ranks[f * count + r]]`.
    let ranks: [UInt32]
    /// The distinct values of feature 0, then of feature 1, …, each in increasing order.
    let values: [Float]
    /// offsets: [features + 1], where each feature's distinct values start in `values`.
    let offsets: [Int]
    /// The most distinct values of any feature.
    let widest: Int

    /// Ranks of `columns: [features, count]`.
    init(columns: [Float], count: Int, features: Int) {
        var ranks = [UInt32](repeating: 0, count: columns.count)
        var values = [Float]()
        var offsets = [0]
        var widest = 0
        var keys = [UInt64](repeating: 0, count: count)
        var scratch = [UInt64](repeating: 0, count: count)
        columns.withUnsafeBufferPointer { col in
            ranks.withUnsafeMutableBufferPointer { rank in
                for f in 0..<features {
                    let base = f * count
                    for r in 0..<count { keys[r] = UInt64(TreeSplitter.orderedBits(col[base + r])) << 32 | UInt64(r) }
                    RadixSort.sortByHigh(&keys, scratch: &scratch, count: count, bits: 32)
                    var distinct = 0
                    var last: UInt64 = 0
                    for (p, key) in keys.enumerated() {
                        let bits = key >> 32
                        if p == 0 || bits != last {
                            values.append(col[base + Int(key & 0xFFFF_FFFF)])
                            distinct += 1
                            last = bits
                        }
                        rank[base + Int(key & 0xFFFF_FFFF)] = UInt32(distinct - 1)
                    }
                    offsets.append(values.count)
                    widest = max(widest, distinct)
                }
            }
        }
        self.ranks = ranks
        self.values = values
        self.offsets = offsets
        self.widest = widest
    }
}
