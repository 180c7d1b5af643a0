import Foundation
import Runtime

// Trees and forests, measured and dumped for tools/reference/check_trees.py (release build):
//   nv-bench-trees tree  X.f32 y.f64 FEATURES CLASSES [key=value ...]   one tree as JSON
//   nv-bench-trees forest X.f32 y.f64 FEATURES CLASSES TEST.f32 [key=value ...]  a forest as JSON
//   nv-bench-trees mnist-export DIR      the 5,000 training and 10,000 test digits at 14x14
//   nv-bench-trees mnist-time [trees]    fit time and best-of-5 predict time on those digits
// Files are raw little-endian arrays: X float32 [n, features], y float64 [n].
// Keys: criterion=gini|entropy|mse depth=N leaf=N split=N features=all|sqrt|log2|N|0.F
//       order=depth|best leaves=N seed=N sklearn=0|1 (seed as scikit-learn's random_state)
//       trees=N bootstrap=0|1

func readArray<T>(_ path: String, as: T.Type) throws -> [T] {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    return data.withUnsafeBytes { Array($0.bindMemory(to: T.self)) }
}

func writeArray<T>(_ values: [T], to path: String) throws {
    try values.withUnsafeBytes { try Data($0).write(to: URL(fileURLWithPath: path)) }
}

func options(_ args: ArraySlice<String>) -> [String: String] {
    var result = [String: String]()
    for a in args {
        let parts = a.split(separator: "=", maxSplits: 1).map(String.init)
        if parts.count == 2 { result[parts[0]] = parts[1] }
    }
    return result
}

func settings(_ o: [String: String], forest: Bool) -> TreeSettings {
    var s = TreeSettings(maxFeatures: forest ? .sqrt : .all)
    if let c = o["criterion"] { s.criterion = TreeCriterion(rawValue: c)! }
    if let d = o["depth"] { s.maxDepth = Int(d) }
    if let l = o["leaf"] { s.minSamplesLeaf = Int(l)! }
    if let l = o["split"] { s.minSamplesSplit = Int(l)! }
    if let l = o["leaves"] { s.maxLeaves = Int(l) }
    if o["order"] == "best" { s.order = .bestFirst }
    switch o["features"] {
    case nil: break
    case "all": s.maxFeatures = .all
    case "sqrt": s.maxFeatures = .sqrt
    case "log2": s.maxFeatures = .log2
    case let v?: s.maxFeatures = v.contains(".") ? .fraction(Double(v)!) : .count(Int(v)!)
    }
    return s
}

func json(_ tree: DecisionTree) -> [String: Any] {
    let nodes: [[String: Any]] = tree.preorder.map { i in
        let n = tree.nodes[i]
        return ["feature": n.feature, "threshold": n.threshold, "impurity": n.impurity, "samples": n.samples,
                "weighted": n.weightedSamples, "value": Array(tree.value(i)), "depth": n.depth]
    }
    return ["nodes": nodes, "depth": tree.depth, "leaves": tree.leafCount, "importances": tree.importances]
}

func emit(_ object: [String: Any]) throws {
    let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    FileHandle.standardOutput.write(data)
    FileHandle.standardOutput.write("\n".data(using: .utf8)!)
}

func table(_ x: String, _ y: String, _ features: Int, _ classes: Int) throws -> TreeTable {
    try TreeTable(x: try readArray(x, as: Float.self), y: try readArray(y, as: Double.self), features: features, classes: classes)
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func mnist() throws -> (train: TreeTable, test: TreeTable) {
    let dir = try MNIST.locateDirectory()
    func load(_ names: [String], _ label: String) throws -> TreeTable {
        let data = try MNIST.downsample(try MNIST.readPair(images: try MNIST.file(in: dir, names: names), name: label), to: 14)
        return try TreeTable(x: data.images, y: data.labels.map(Double.init), features: 196, classes: 10)
    }
    return (try load(["train-5k-images-idx3-ubyte", "train-images-idx3-ubyte"], "train"),
            try load(["t10k-images-idx3-ubyte"], "test"))
}

/// Out-of-bag accuracy over every row, a row no tree left out counted as a vote for class 0
/// (scikit-learn's `oob_score_`; nv's own counts only the rows some tree left out).
func scikitOOB(_ grower: ForestGrower) -> Double {
    let k = grower.table.classes, p = grower.oobProbabilities
    var right = 0
    for r in 0..<grower.table.count {
        var best = 0
        for c in 1..<k where p[r * k + c] > p[r * k + best] { best = c }
        if Double(best) == grower.table.y[r] { right += 1 }
    }
    return Double(right) / Double(grower.table.count)
}

let args = Array(CommandLine.arguments.dropFirst())
do {
    switch args.first {
    case "tree":
        let o = options(args.dropFirst(5))
        let t = try table(args[1], args[2], Int(args[3])!, Int(args[4])!)
        let seed = UInt32(o["seed"] ?? "0")!
        let random = o["sklearn"] == "0" ? { var g = SeededGenerator(seed: UInt64(seed)); return TreeRandom(using: &g) }()
                                        : TreeRandom(scikitSeed: seed)
        var grower = try TreeGrower(table: t, settings: settings(o, forest: false), random: random)
        let tree = grower.growAll()
        var out = json(tree)
        out["predictions"] = tree.predict(t.x)
        try emit(out)
    case "forest":
        let o = options(args.dropFirst(6))
        let t = try table(args[1], args[2], Int(args[3])!, Int(args[4])!)
        let testX: [Float] = try readArray(args[5], as: Float.self)
        let seed = UInt32(o["seed"] ?? "0")!
        let planner = o["sklearn"] == "0" ? ForestPlanner(generator: SeededGenerator(seed: UInt64(seed))) : ForestPlanner(scikitSeed: seed)
        let bootstrap = o["bootstrap"] != "0"
        let fs = ForestSettings(trees: Int(o["trees"] ?? "100")!, tree: settings(o, forest: true), bootstrap: bootstrap, oob: bootstrap)
        var grower = try ForestGrower(table: t, settings: fs, planner: planner)
        grower.addTrees(fs.trees)
        try emit(["predictions": grower.forest.predict(testX), "probabilities": grower.forest.probabilities(testX),
                  "oob": grower.oobAccuracy.last ?? -1, "oob_coverage": grower.oobCoverage,
                  "oob_all_rows": scikitOOB(grower),
                  "importances": grower.forest.importances, "train": grower.trainAccuracy.last ?? -1])
    case "mnist-export":
        let (train, test) = try mnist()
        try writeArray(train.x, to: args[1] + "/train_x.f32")
        try writeArray(train.y, to: args[1] + "/train_y.f64")
        try writeArray(test.x, to: args[1] + "/test_x.f32")
        try writeArray(test.y, to: args[1] + "/test_y.f64")
    case "mnist-time":
        let (train, test) = try mnist()
        let trees = args.count > 1 ? Int(args[1])! : 100
        var grower = try ForestGrower(table: train, settings: ForestSettings(trees: trees, oob: false),
                                      planner: ForestPlanner(generator: SeededGenerator(seed: 1)))
        let fit = seconds { grower.addTrees(trees) }
        // The best of 5 predictions: tens of milliseconds on a shared machine are easily
        // stretched by a neighbour (check_trees.py times scikit-learn's the same way).
        var predicted = [Int]()
        let predict = (0..<5).map { _ in seconds { predicted = grower.forest.predict(test.x) } }.min()!
        let right = zip(predicted, test.y).filter { Double($0) == $1 }.count
        try emit(["fit_seconds": fit, "predict_seconds": predict, "test_accuracy": Double(right) / Double(test.count),
                  "trees": trees, "mean_leaves": Double(grower.forest.trees.map(\.leafCount).reduce(0, +)) / Double(trees)])
    default:
        print("usage: nv-bench-trees tree|forest|mnist-export|mnist-time ... (see the comment in main.swift)")
        exit(2)
    }
} catch {
    FileHandle.standardError.write("nv-bench-trees: \(error)\n".data(using: .utf8)!)
    exit(1)
}
