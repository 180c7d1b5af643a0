import Testing
@testable import Runtime

/// The fast ways of growing and voting (counting splits, packed trees) against the plain ones
/// they replaced: the same trees to the last bit and the same votes.
@Suite struct TreeFastPathTests {
    /// `rows` rows of `features` features and `classes` classes from `seed`. `levels` > 0 rounds
    /// every value to one of that many steps (as pixels are), with a few values nudged by less
    /// than 1e-7 (never a split between them) and some −0; 0 keeps them all distinct.
    static func table(rows: Int, features: Int, classes: Int, levels: Int, seed: UInt64) throws -> TreeTable {
        var g = SeededGenerator(seed: seed)
        var x = [Float](), y = [Double]()
        for _ in 0..<rows {
            var row = [Float]()
            for f in 0..<features {
                var v = Float(Double.random(in: 0..<1, using: &g))
                if levels > 0 {
                    v = (v * Float(levels)).rounded(.down) / Float(levels)
                    if f == 0 && Int.random(in: 0..<8, using: &g) == 0 { v += 5e-8 }
                    if f == 1 && v == 0 && Bool.random(using: &g) { v = -0.0 }
                }
                row.append(v)
            }
            // The class depends on the first two features, with noise, so trees grow deep.
            let signal = Int((row[0] + row[1]) * Float(classes) / 2) % classes
            y.append(Double(Int.random(in: 0..<4, using: &g) == 0 ? Int.random(in: 0..<classes, using: &g) : signal))
            x += row
        }
        return try TreeTable(x: x, y: y, features: features, classes: classes)
    }

    static func grow(_ table: TreeTable, _ settings: TreeSettings, seed: UInt32, weights: [Double]?, counting: Bool) throws -> DecisionTree {
        var grower = try TreeGrower(table: table, settings: settings, random: TreeRandom(state: seed), weights: weights, counting: counting)
        return grower.growAll()
    }

    /// Counting rows per value finds the splits sorting finds, ties and all: on few distinct
    /// values (counted buckets) and on all-distinct values (small nodes radix- and
    /// insertion-sorted), with Gini and entropy, leaf sizes, feature subsets, bootstrap weights
    /// and best-first growth.
    @Test(arguments: [0, 6, 40])
    func countingGrowsTheSortedTree(levels: Int) throws {
        let table = try Self.table(rows: 300, features: 7, classes: 4, levels: levels, seed: UInt64(levels + 1))
        let settingsList = [
            TreeSettings(),
            TreeSettings(criterion: .entropy, maxFeatures: .sqrt),
            TreeSettings(minSamplesLeaf: 3, maxFeatures: .count(2)),
            TreeSettings(maxDepth: 5, minSamplesSplit: 9),
            TreeSettings(criterion: .entropy, maxFeatures: .count(3), maxLeaves: 20, order: .bestFirst),
        ]
        var planner = ForestPlanner(generator: SeededGenerator(seed: 9))
        var compared = 0
        for (s, settings) in settingsList.enumerated() {
            for seed in 1...3 {
                let bootstrap = planner.next(rows: table.count, bootstrap: true).counts!.map(Double.init)
                for weights in [nil, bootstrap] {
                    let counted = try Self.grow(table, settings, seed: UInt32(seed * 7 + s), weights: weights, counting: true)
                    let sorted = try Self.grow(table, settings, seed: UInt32(seed * 7 + s), weights: weights, counting: false)
                    #expect(counted.nodes == sorted.nodes, "settings \(s), seed \(seed)")
                    #expect(counted.values == sorted.values)
                    #expect(counted.nodes.count > 9)
                    compared += 1
                }
            }
        }
        #expect(compared == 30)
    }

    /// Weights that are not whole numbers are summed in an order that shows in the last bits:
    /// such trees keep sorting.
    @Test func fractionalWeightsSort() throws {
        let table = try Self.table(rows: 40, features: 3, classes: 2, levels: 5, seed: 3)
        let weights = (0..<40).map { Double($0 % 3) * 0.1 + 0.5 }
        let grower = try TreeGrower(table: table, settings: TreeSettings(), random: TreeRandom(state: 1), weights: weights)
        #expect(grower.splitter.classSearch == nil)
        let whole = try TreeGrower(table: table, settings: TreeSettings(), random: TreeRandom(state: 1), weights: weights.map { $0.rounded() })
        #expect(whole.splitter.classSearch != nil)
    }

    @Test func ranksOrderTheDistinctValues() throws {
        let table = try TreeTable(x: [2, 1, 0, -0.0, 1, 3, 2, 1e-8], y: [0, 1, 0, 1], features: 2, classes: 2)
        let ranks = try #require(table.ranks)
        // Feature 0: 2, 0, 1, 2 → distinct 0, 1, 2; feature 1: 1, −0, 3, 1e-8 → −0, 1e-8, 1, 3.
        #expect(ranks.values.map(\.bitPattern) == ([0, 1, 2, -0.0, 1e-8, 1, 3] as [Float]).map(\.bitPattern))
        #expect(ranks.offsets == [0, 3, 7] && ranks.widest == 4)
        #expect(ranks.ranks == [2, 0, 1, 2, 2, 0, 3, 1])
        #expect(try TreeTable(x: [1, 2], y: [0.5, 1], features: 1, classes: 0).ranks == nil)
    }

    @Test func radixSortSortsByTheHighHalf() {
        var g = SeededGenerator(seed: 5)
        for bits in [3, 8, 11, 16, 32] {
            let keys = (0..<500).map { UInt64.random(in: 0 ..< (1 << UInt64(bits)), using: &g) << 32 | UInt64($0) }
            var sorted = keys, scratch = [UInt64](repeating: 0, count: 500)
            RadixSort.sortByHigh(&sorted, scratch: &scratch, count: 500, bits: bits)
            // Stable: equal high halves keep their payload order, so it equals a full sort here.
            #expect(sorted == keys.sorted(), "bits \(bits)")
        }
    }

    /// `x ≤ floatThreshold(t)` on Floats decides as `Double(x) ≤ t` does.
    @Test func floatThresholdsDecideAsDoubleOnes() {
        var g = SeededGenerator(seed: 8)
        var thresholds: [Double] = [0, -0.0, 1e-45, -1e-45, 0.5, 1e38, 3.5e38, -3.5e38, 1.0 / 3]
        var xs: [Float] = [0, -0.0, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .greatestFiniteMagnitude,
                           -.greatestFiniteMagnitude, .infinity, -.infinity, .nan]
        for _ in 0..<300 {
            let a = Float(Double.random(in: -4...4, using: &g)), b = a.nextUp
            thresholds += [Double(a) / 2 + Double(b) / 2, Double(a), Double(a) + 1e-12]
            xs += [a, b, a.nextDown, b.nextUp]
        }
        for t in thresholds {
            let f = PackedTree.floatThreshold(t)
            for x in xs { #expect((x <= f) == (Double(x) <= t), "x \(x), t \(t)") }
        }
    }

    /// A forest's packed vote equals the trees' own leaves and probability tables summed in tree
    /// order, bit for bit, on rows it was not grown on.
    @Test func packedVoteIsTheTreesVote() throws {
        let table = try Self.table(rows: 400, features: 6, classes: 3, levels: 20, seed: 11)
        let test = try Self.table(rows: 333, features: 6, classes: 3, levels: 0, seed: 12)
        var grower = try ForestGrower(table: table, test: test, settings: ForestSettings(trees: 70),
                                      planner: ForestPlanner(generator: SeededGenerator(seed: 2)))
        grower.addTrees(70)
        let forest = grower.forest
        var sums = [Double](repeating: 0, count: test.count * 3)
        for tree in forest.trees {
            let probabilities = RandomForest.probabilityTable(tree)
            for (r, leaf) in tree.leaves(test.x).enumerated() {
                for c in 0..<3 { sums[r * 3 + c] += probabilities[leaf * 3 + c] }
            }
        }
        let expected = sums.map { $0 / 70 }
        // 333 rows × 70 trees is split over both cores: each row's sum still runs in tree order.
        #expect(forest.probabilities(test.x) == expected)
        #expect(forest.predict(test.x) == RandomForest.argmax(expected, classes: 3))
        #expect(grower.testAccuracy.last == ForestGrower.accuracy(sums, test.y, classes: 3, rows: nil))
    }
}
