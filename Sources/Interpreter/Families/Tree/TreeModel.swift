import Plots
import Runtime

/// The nv value of `tree(...)`, and of each `f.trees[k]` of a forest: the settings, the
/// splitter state it starts from, and once trained the tree and the table it learnt from.
final class TreeModel: NVObject, ModelObject, ShowableObject {
    static var family: ModelFamily { TreeFamily.family }

    let settings: TreeSettings
    let random: TreeRandom
    var tree: DecisionTree?
    var table: TreeTable?
    var test: TreeTable?

    init(settings: TreeSettings, random: TreeRandom) {
        self.settings = settings
        self.random = random
    }

    /// A grown tree (a forest's member).
    init(tree: DecisionTree, table: TreeTable?) {
        settings = tree.settings
        random = TreeRandom(state: 0)
        self.tree = tree
        self.table = table
    }

    var typeName: String { "model" }

    var description: String {
        let s = settings
        var text = "tree model: \(s.criterion.rawValue), \(s.order.rawValue)"
        if let d = s.maxDepth { text += ", max_depth \(d)" }
        if s.minSamplesLeaf > 1 { text += ", min_samples_leaf \(s.minSamplesLeaf)" }
        if s.maxFeatures != .all { text += ", max_features \(s.maxFeatures)" }
        if let l = s.maxLeaves { text += ", max_leaves \(l)" }
        guard let tree else { return text + "; untrained" }
        return text + "; depth \(tree.depth), \(tree.leafCount) leaves, \(tree.nodes.count) nodes"
    }

    var memberNames: [String] { ["depth", "leaves", "nodes", "criterion", "order", "importance"] }

    func member(_ name: String) throws -> Value? {
        switch name {
        case "criterion": return .string(settings.criterion.rawValue)
        case "order": return .string(settings.order == .depthFirst ? "depth" : "best")
        case "depth", "leaves", "nodes", "importance":
            guard let tree else { throw ValueError("this tree is not trained yet; train(t, data) grows it") }
            switch name {
            case "depth": return .number(Double(tree.depth))
            case "leaves": return .number(Double(tree.leafCount))
            case "importance": return .list(tree.importances.map { .number($0) })
            default: return .list(tree.nodes.indices.map { Self.record(tree, $0) })
            }
        default: return nil
        }
    }

    /// Node `i` as a record: rule, feature, threshold, impurity, samples, value, left, right.
    static func record(_ tree: DecisionTree, _ i: Int) -> Value {
        let n = tree.nodes[i]
        let value: Value = tree.classes > 0 ? .list(tree.value(i).map { .number($0) }) : .number(tree.values[i])
        return .record(RecordValue(
            names: ["rule", "feature", "threshold", "impurity", "samples", "value", "left", "right", "depth"],
            values: [.string(n.isLeaf ? "leaf" : tree.rule(i, digits: 3)),
                     n.isLeaf ? .null : .string(tree.featureNames[n.feature]),
                     n.isLeaf ? .null : .number(n.threshold),
                     .number(n.impurity), .number(Double(n.samples)), value,
                     n.isLeaf ? .null : .number(Double(n.left)), n.isLeaf ? .null : .number(Double(n.right)),
                     .number(Double(n.depth))]))
    }

    var figure: Figure {
        guard let tree else {
            return Figure.single(MessageChart("an untrained tree:\ntrain(t, data) grows it one split at a time"))
        }
        if let table, !table.isClassification, table.features <= 2 { return TreeViews.regression(tree, table: table) }
        if let table, table.features == 2 { return TreeViews.growth(tree, table: table) }
        return TreeViews.diagram(tree)
    }
}
