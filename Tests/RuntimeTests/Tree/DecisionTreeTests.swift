import Testing
@testable import Runtime

@Suite struct DecisionTreeTests {
    /// scikit-learn's splitter state for `random_state = s` is `RandomState(s).randint(0, 2³¹−1)`.
    @Test func scikitSeedsAreNumPysDraws() {
        #expect(TreeRandom(scikitSeed: 0).state == 209_652_396)
        #expect(TreeRandom(scikitSeed: 1).state == 1_791_095_845)
        #expect(TreeRandom(scikitSeed: 42).state == 1_608_637_542)
        var numpy = NumPyRandomState(seed: 0)
        #expect((0..<5).map { _ in numpy.randint(below: 10) } == [5, 0, 3, 3, 7])
    }

    @Test func growsScikitLearnsTree() throws {
        var grower = try TreeGrower(table: try TreeFixtures.table(), settings: TreeSettings(maxDepth: 3),
                                    random: TreeRandom(scikitSeed: 7))
        let tree = grower.growAll()
        let order = tree.preorder
        #expect(order.map { tree.nodes[$0].isLeaf ? -2 : tree.nodes[$0].feature } == TreeFixtures.features)
        #expect(order.map { tree.nodes[$0].isLeaf ? -2 : tree.nodes[$0].threshold } == TreeFixtures.thresholds)
        #expect(order.map { tree.nodes[$0].samples } == TreeFixtures.samples)
        #expect(order.map { tree.nodes[$0].impurity } == TreeFixtures.impurities)
        #expect(zip(tree.importances, TreeFixtures.importances).allSatisfy { abs($0 - $1) < 1e-15 })
        #expect(tree.depth == 3 && tree.leafCount == 5)
    }

    /// One split per step, children opened as the parent splits, the same tree at the end.
    @Test func growsOneSplitAtATime() throws {
        let table = try TreeFixtures.table()
        var stepwise = try TreeGrower(table: table, settings: TreeSettings(), random: TreeRandom(state: 5))
        var splits = 0
        while let node = stepwise.growSplit() {
            splits += 1
            let n = stepwise.tree.nodes[node]
            #expect(!n.isLeaf && stepwise.openNodes.contains(n.left) && stepwise.openNodes.contains(n.right))
            #expect(stepwise.tree.splitCount == splits)
        }
        var whole = try TreeGrower(table: table, settings: TreeSettings(), random: TreeRandom(state: 5))
        #expect(whole.growAll().nodes == stepwise.tree.nodes)
        #expect(stepwise.isFinished && stepwise.tree.leafCount == splits + 1)
        // Grown to purity, the tree classifies its training rows without error.
        #expect(stepwise.tree.predict(table.x) == table.y)
    }

    @Test func bestFirstStopsAtMaxLeavesAndSplitsTheBiggestGainFirst() throws {
        var grower = try TreeGrower(table: try TreeFixtures.table(), settings: TreeSettings(maxLeaves: 5, order: .bestFirst),
                                    random: TreeRandom(state: 3))
        var splits = 0
        while true {
            // The open node whose searched split gains most is the next one split.
            let best = grower.pending.values.map(\.gain).max()
            guard let node = grower.growSplit() else { break }
            #expect(grower.tree.nodes[node].gain == best)
            splits += 1
        }
        #expect(grower.tree.leafCount == 5 && splits == 4)
    }

    @Test func limitsAreKept() throws {
        let table = try TreeFixtures.table()
        var shallow = try TreeGrower(table: table, settings: TreeSettings(maxDepth: 1), random: TreeRandom(state: 1))
        #expect(shallow.growAll().depth == 1)
        var thick = try TreeGrower(table: table, settings: TreeSettings(minSamplesLeaf: 5), random: TreeRandom(state: 1))
        #expect(thick.growAll().nodes.allSatisfy { $0.samples >= 5 })
        for (i, node) in thick.tree.nodes.enumerated() where !node.isLeaf {
            // Thresholds are midpoints of two training values of the node's feature.
            let column = (0..<table.count).map { table.x[$0 * 3 + node.feature] }
            let below = column.filter { Double($0) <= node.threshold }.max()!, above = column.filter { Double($0) > node.threshold }.min()!
            #expect(node.threshold > Double(below) && node.threshold < Double(above), "node \(i)")
        }
    }

    @Test func pathEndsInTheLeafThatPredicts() throws {
        var grower = try TreeGrower(table: try TreeFixtures.table(), settings: TreeSettings(maxDepth: 3), random: TreeRandom(scikitSeed: 7))
        let tree = grower.growAll()
        let row: [Float] = [6, 1, 9]
        let path = tree.path(row)
        #expect(path.first == 0 && tree.nodes[path.last!].isLeaf)
        #expect(path.count == tree.nodes[path.last!].depth + 1)
        #expect(tree.predict(row) == [tree.prediction(at: path.last!)])
        #expect(tree.rule(0) == "c ≤ 8.05")
    }

    /// `DecisionTreeRegressor(max_depth=2)` on feature a predicting b.
    @Test func regressionTreeMatchesScikitLearn() throws {
        let x = (0..<24).map { TreeFixtures.x[$0 * 3] }, y = (0..<24).map { Double(TreeFixtures.x[$0 * 3 + 1]) }
        let table = try TreeTable(x: x, y: y, features: 1, classes: 0)
        var grower = try TreeGrower(table: table, settings: TreeSettings(criterion: .mse, maxDepth: 2), random: TreeRandom(state: 1))
        let tree = grower.growAll()
        let order = tree.preorder
        #expect(order.map { tree.nodes[$0].isLeaf ? -2 : tree.nodes[$0].threshold } == [1.649999976158142, 0.949999988079071, -2.0, -2.0, 4.950000047683716, -2.0, -2.0])
        let means = order.map { tree.values[$0] }
        let expected = [4.5875, 2.25, 2.4, 2.1, 4.800000000000001, 4.22, 5.283333333333333]
        #expect(zip(means, expected).allSatisfy { abs($0 - $1) < 1e-6 })
    }

    @Test func badInputIsNamed() throws {
        #expect(throws: RuntimeError("tree: argument 'max_depth' must be a positive integer, got 0")) {
            _ = try TreeGrower(table: try TreeFixtures.table(), settings: TreeSettings(maxDepth: 0), random: TreeRandom(state: 1))
        }
        var x = TreeFixtures.x
        x[7] = .nan
        #expect(throws: RuntimeError("tree: row 3, feature 'b' is not a number (NaN); a tree needs every value (drop or fill the missing ones)")) {
            _ = try TreeTable(x: x, y: TreeFixtures.y, features: 3, classes: 2, featureNames: ["a", "b", "c"])
        }
        #expect(throws: RuntimeError.self) {
            _ = try TreeGrower(table: try TreeFixtures.table(), settings: TreeSettings(criterion: .mse), random: TreeRandom(state: 1))
        }
    }

    /// A constant feature is never split on, and a table of constants grows a single leaf.
    @Test func constantFeaturesAreSkipped() throws {
        let x: [Float] = (0..<24).flatMap { [TreeFixtures.x[$0 * 3], Float(1)] }
        let table = try TreeTable(x: x, y: TreeFixtures.y, features: 2, classes: 2)
        #expect(table.constantFeatures == [1])
        var grower = try TreeGrower(table: table, settings: TreeSettings(), random: TreeRandom(state: 9))
        #expect(grower.growAll().nodes.allSatisfy { $0.isLeaf || $0.feature == 0 })
        let flat = try TreeTable(x: [Float](repeating: 2, count: 24), y: TreeFixtures.y, features: 1, classes: 2)
        var single = try TreeGrower(table: flat, settings: TreeSettings(), random: TreeRandom(state: 9))
        #expect(single.growAll().nodes.count == 1)
    }
}
