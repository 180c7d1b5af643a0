@testable import Plots
import Runtime

/// Small trees and forests for the view tests: the playground's two moons (2 features) and a
/// made-up 4-feature table, grown from fixed seeds.
enum TreeViewFixtures {
    static func moons(n: Int = 160, seed: UInt64 = 2) throws -> TreeTable {
        var rng = SeededGenerator(seed: seed)
        let data = try PlaygroundData.make(.moons, n: n, noise: 0.25, rng: &rng)
        return try TreeTable(x: data.points, y: data.labels.map(Double.init), features: 2, classes: 2,
                             featureNames: ["x", "y"], classNames: ["blue", "red"])
    }

    static func tree(_ table: TreeTable, settings: TreeSettings = TreeSettings(maxDepth: 4), splits: Int? = nil) throws -> TreeGrower {
        var grower = try TreeGrower(table: table, settings: settings, random: TreeRandom(state: 11))
        if let splits {
            for _ in 0..<splits { _ = grower.growSplit() }
        } else {
            grower.growAll()
        }
        return grower
    }

    static func wide(rows: Int = 90) throws -> TreeTable {
        var rng = SeededGenerator(seed: 5)
        var x = [Float](), y = [Double]()
        for _ in 0..<rows {
            let k = Int(rng.next() % 3)
            for f in 0..<4 { x.append(Float(k) * (f == 2 ? 1.5 : 0.4) + Float(rng.normal()) * 0.5) }
            y.append(Double(k))
        }
        return try TreeTable(x: x, y: y, features: 4, classes: 3,
                             featureNames: ["sepal_length", "sepal_width", "petal_length", "petal_width"],
                             classNames: ["setosa", "versicolor", "virginica"])
    }
}
