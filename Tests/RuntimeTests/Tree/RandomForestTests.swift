import Testing
@testable import Runtime

@Suite struct RandomForestTests {
    /// `RandomForestClassifier(n_estimators=10, random_state=5, oob_score=True)` replayed.
    @Test func replaysScikitLearnsForest() throws {
        let table = try TreeFixtures.table()
        var grower = try ForestGrower(table: table, settings: ForestSettings(trees: 10), planner: ForestPlanner(scikitSeed: 5))
        grower.addTrees(10)
        let forest = grower.forest
        #expect(forest.predict(Array(table.x[0..<18])) == [0, 1, 0, 0, 1, 1])
        let p = forest.probabilities(Array(table.x[0..<6]))
        #expect(abs(p[0] - 1) < 1e-12 && abs(p[2] - 0.3) < 1e-12 && abs(p[3] - 0.7) < 1e-12)
        let expected = [0.3587728706257414, 0.2668923898569341, 0.37433473951732443]
        #expect(zip(forest.importances, expected).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(grower.trainAccuracy.count == 10 && grower.oobAccuracy.count == 10)
    }

    /// Trees grown two at a time give the same forest as trees grown one by one.
    @Test func pairsDoNotChangeTheForest() throws {
        let table = try TreeFixtures.table()
        var a = try ForestGrower(table: table, settings: ForestSettings(trees: 6), planner: ForestPlanner(generator: SeededGenerator(seed: 4)))
        var b = a
        a.addTrees(6)
        for _ in 0..<6 { b.addTree() }
        #expect(a.forest.trees.map(\.nodes) == b.forest.trees.map(\.nodes))
        #expect(a.oobAccuracy == b.oobAccuracy && a.trainAccuracy == b.trainAccuracy)
        #expect(a.isFinished)
        b.addTree()
        #expect(b.forest.trees.count == 6)
    }

    @Test func bootstrapLeavesRowsOutOfBag() {
        var planner = ForestPlanner(generator: SeededGenerator(seed: 2))
        let draw = planner.next(rows: 1000, bootstrap: true)
        #expect(draw.counts!.reduce(0, +) == 1000)
        // About e⁻¹ of the rows are left out.
        #expect(abs(Double(draw.outOfBag.count) / 1000 - 0.368) < 0.05)
        #expect(planner.next(rows: 10, bootstrap: false).counts == nil)
    }

    @Test func badSettingsAreNamed() throws {
        #expect(throws: RuntimeError("forest: argument 'trees' must be a positive integer, got 0")) {
            _ = try ForestGrower(table: try TreeFixtures.table(), settings: ForestSettings(trees: 0), planner: ForestPlanner(scikitSeed: 1))
        }
    }
}
