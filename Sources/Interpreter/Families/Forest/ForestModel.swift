import Plots
import Runtime

/// The nv value of `forest(...)`: its settings and starting state, and once trained the
/// grower (trees, out-of-bag votes, accuracy after each tree).
final class ForestModel: NVObject, ModelObject, ShowableObject {
    static var family: ModelFamily { ForestFamily.family }

    let settings: ForestSettings
    let seed: UInt64
    var grower: ForestGrower?

    init(settings: ForestSettings, seed: UInt64) {
        self.settings = settings
        self.seed = seed
    }

    var typeName: String { "model" }

    var description: String {
        var text = "forest model: \(settings.trees) trees, max_features \(settings.tree.maxFeatures)"
        if let d = settings.tree.maxDepth { text += ", max_depth \(d)" }
        text += settings.bootstrap ? ", bootstrap" : ", no bootstrap"
        guard let g = grower else { return text + "; untrained" }
        text += "; \(g.forest.trees.count) grown"
        if let o = g.oobAccuracy.last, o.isFinite { text += ", out-of-bag accuracy \(TrainingProgress.percent(o))" }
        return text
    }

    var memberNames: [String] { ["trees", "oob", "importance", "accuracies"] }

    func member(_ name: String) throws -> Value? {
        guard ["trees", "oob", "importance", "accuracies"].contains(name) else { return nil }
        guard let g = grower else { throw ValueError("this forest is not trained yet; train(f, data) grows it") }
        switch name {
        case "trees": return .list(g.forest.trees.map { .object(TreeModel(tree: $0, table: g.table)) })
        case "oob": return g.oobAccuracy.last.map { .number($0) } ?? .null
        case "importance": return .list(g.forest.importances.map { .number($0) })
        default:
            return .record(RecordValue(names: ["train", "oob", "test"], values: [
                .list(g.trainAccuracy.map { .number($0) }), .list(g.oobAccuracy.map { .number($0) }),
                .list(g.testAccuracy.map { .number($0) }),
            ]))
        }
    }

    var figure: Figure {
        guard let grower else { return Figure.single(MessageChart("an untrained forest:\ntrain(f, data) grows it one tree at a time")) }
        return ForestViews.dashboard(grower)
    }
}
