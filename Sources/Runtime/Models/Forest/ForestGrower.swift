/// Grows a random forest one tree at a time and keeps, after every tree, the ensemble's
/// accuracy on the training rows, out of bag, and on a test set: the convergence curve.
///
/// Out-of-bag accuracy counts the rows that at least one tree has left out, each voted on by
/// the trees that left it out (scikit-learn counts a row no tree left out as a vote for class 0;
/// from about 10 trees on nearly every row has been left out somewhere, and the two agree).
public struct ForestGrower: Sendable {
    public private(set) var forest: RandomForest
    public let table: TreeTable
    public let test: TreeTable?
    var planner: ForestPlanner
    // Running sums of the trees' probabilities: train [rows, classes], test [testRows, classes],
    // out-of-bag [rows, classes] with oobVotes [rows] trees per row.
    var trainSums: [Double]
    var testSums: [Double]
    var oobSums: [Double]
    var oobVotes: [Int]
    /// Accuracy after each tree, in tree order.
    public private(set) var trainAccuracy: [Double] = []
    public private(set) var oobAccuracy: [Double] = []
    public private(set) var testAccuracy: [Double] = []

    /// - Throws: `RuntimeError` for bad settings, a regression target, or a test set whose
    ///   features or classes differ from the training set's.
    public init(table: TreeTable, test: TreeTable? = nil, settings: ForestSettings, planner: ForestPlanner) throws {
        try settings.validate()
        guard table.isClassification else {
            throw RuntimeError("forest: the data has numeric targets; a forest here votes on classes (use tree(criterion: \"mse\") for numbers)")
        }
        if let test, test.features != table.features || test.classes != table.classes {
            throw RuntimeError("forest: the test set has \(test.features) features and \(test.classes) classes, the training set \(table.features) and \(table.classes)")
        }
        forest = RandomForest(table: table, settings: settings)
        self.table = table
        self.test = test
        self.planner = planner
        trainSums = [Double](repeating: 0, count: table.count * table.classes)
        testSums = [Double](repeating: 0, count: (test?.count ?? 0) * table.classes)
        oobSums = [Double](repeating: 0, count: table.count * table.classes)
        oobVotes = [Int](repeating: 0, count: table.count)
    }

    /// True when all the trees asked for are grown.
    public var isFinished: Bool { forest.trees.count >= forest.settings.trees }

    /// Grows the next tree (no-op when finished).
    public mutating func addTree() {
        addTrees(1)
    }

    /// Grows up to `count` more trees on the two cores, each core taking the next tree not yet
    /// taken; the draws are taken in tree order first and every tree depends only on its own
    /// draw, so the forest does not depend on how the work was split. A core also walks its
    /// tree's training and test rows to their leaves; the running sums are then added up here,
    /// in tree order.
    public mutating func addTrees(_ count: Int) {
        let wanted = min(count, forest.settings.trees - forest.trees.count)
        guard wanted > 0 else { return }
        let draws = (0..<wanted).map { _ in planner.next(rows: table.count, bootstrap: forest.settings.bootstrap) }
        let data = self.table, testData = self.test, settings = forest.settings.tree
        // Raw memory: the two cores write different slots (a Swift array would race on its
        // copy-on-write check).
        let grown = UnsafeMutableBufferPointer<Grown?>.allocate(capacity: wanted)
        grown.initialize(repeating: nil)
        defer {
            _ = grown.deinitialize()
            grown.deallocate()
        }
        let ticket = WorkTicket()
        let work = {
            while case let k = ticket.take(), k < wanted {
                grown[k] = Self.grow(data, testData, settings, draws[k])
            }
        }
        Parallel.pair(work, work)
        for k in 0..<wanted { record(grown[k]!, draws[k]) }
    }

    /// A grown tree, packed, with the leaf slot of every training row `[rows]` and test row.
    struct Grown {
        var tree: DecisionTree
        var packed: PackedTree
        var trainSlots: [Int32]
        var testSlots: [Int32]
    }

    private static func grow(_ table: TreeTable, _ test: TreeTable?, _ settings: TreeSettings, _ draw: ForestDraw) -> Grown {
        let weights = draw.counts.map { $0.map(Double.init) }
        // Settings were validated in init; the weights have a positive count by construction.
        var grower = try! TreeGrower(table: table, settings: settings, random: draw.random, weights: weights)
        let tree = grower.growAll()
        let packed = PackedTree(tree)
        return Grown(tree: tree, packed: packed, trainSlots: packed.leafSlots(table.x, features: table.features),
                     testSlots: test.map { packed.leafSlots($0.x, features: $0.features) } ?? [])
    }

    private mutating func record(_ grown: Grown, _ draw: ForestDraw) {
        forest.trees.append(grown.tree)
        forest.draws.append(draw)
        forest.packed.append(grown.packed)
        let k = table.classes
        func add(_ slots: [Int32], rows: [Int]?, into sums: inout [Double]) {
            grown.packed.probabilities.withUnsafeBufferPointer { values in
                sums.withUnsafeMutableBufferPointer { sums in
                    for r in rows ?? Array(slots.indices) {
                        RandomForest.add(values.baseAddress! + Int(slots[r]) * k, to: sums.baseAddress! + r * k, count: k)
                    }
                }
            }
        }
        add(grown.trainSlots, rows: nil, into: &trainSums)
        trainAccuracy.append(Self.accuracy(trainSums, table.y, classes: k, rows: nil))
        if let test {
            add(grown.testSlots, rows: nil, into: &testSums)
            testAccuracy.append(Self.accuracy(testSums, test.y, classes: k, rows: nil))
        }
        if forest.settings.oob {
            let out = draw.outOfBag
            add(grown.trainSlots, rows: out, into: &oobSums)
            for r in out { oobVotes[r] += 1 }
            let voted = oobVotes.indices.filter { oobVotes[$0] > 0 }
            oobAccuracy.append(voted.isEmpty ? .nan : Self.accuracy(oobSums, table.y, classes: k, rows: voted))
        }
    }

    /// Rows that at least one tree left out of its sample.
    public var oobCoverage: Int { oobVotes.filter { $0 > 0 }.count }

    /// The out-of-bag vote per row `[rows, classes]` (mean of the trees that left the row out;
    /// zeros for a row no tree left out).
    public var oobProbabilities: [Double] {
        let k = table.classes
        return oobSums.indices.map { oobVotes[$0 / k] > 0 ? oobSums[$0] / Double(oobVotes[$0 / k]) : 0 }
    }

    static func accuracy(_ sums: [Double], _ y: [Double], classes k: Int, rows: [Int]?) -> Double {
        let chosen = rows ?? Array(y.indices)
        guard !chosen.isEmpty else { return .nan }
        var right = 0
        for r in chosen {
            var best = 0
            for c in 1..<k where sums[r * k + c] > sums[r * k + best] { best = c }
            if Double(best) == y[r] { right += 1 }
        }
        return Double(right) / Double(chosen.count)
    }
}
