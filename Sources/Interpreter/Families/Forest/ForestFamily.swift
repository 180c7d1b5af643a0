import Plots
import Runtime

/// Random forests (`forest(...)`): bootstrap samples, random feature subsets, soft votes, as
/// scikit-learn's `RandomForestClassifier`; grown one tree per frame.
enum ForestFamily {
    static let family = ModelFamily(
        name: "forest",
        builtins: {
            [
                Builtin("forest(trees: 100, max_depth?, max_features: \"sqrt\", min_samples_leaf: 1, criterion: \"gini\", bootstrap: true, oob: true, seed?)", area: "models",
                        doc: "A random forest of decision trees, each grown on a bootstrap sample trying max_features features per split (\"sqrt\", \"log2\", a count or a fraction); oob: out-of-bag accuracy.",
                        example: "f = forest(trees: 25, max_depth: 4)", body: make),
            ]
        },
        verbs: {
            [
                Builtin("train(model, data, every: 1, fps: 30)", area: "training",
                        doc: "Grows the trees one per frame: thumbnails, the ensemble's vote, train / out-of-bag / test accuracy against trees, and every tree's vote for the first row.",
                        example: "f = forest(trees: 10); train(f, moons(n: 200))", body: ForestTraining.train),
                Builtin("predict(model, inputs, probabilities: false)", area: "models",
                        doc: "The class of each row by the trees' averaged probabilities; probabilities: true gives them.",
                        example: "f = forest(trees: 5); train(f, circle()); predict(f, [0, 1], probabilities: true)") { args in
                    let forest = try trained(args).forest
                    let (x, single) = try TreeData.rows(args, "inputs", features: forest.features)
                    if try args.flag("probabilities") {
                        let p = forest.probabilities(x), k = forest.classes
                        let rows = stride(from: 0, to: p.count, by: k).map { Value.list(p[$0 ..< $0 + k].map { .number($0) }) }
                        return single ? rows[0] : .list(rows)
                    }
                    let classes = forest.predict(x).map { Value.number(Double($0)) }
                    return single ? classes[0] : .list(classes)
                },
                Builtin("accuracy(model, data?)", area: "models",
                        doc: "Fraction of rows the forest classifies right (the test part if split; the training data without data).",
                        example: "f = forest(trees: 5); d = split(moons()); train(f, d); accuracy(f, d)") { args in
                    let g = try trained(args)
                    var table = g.test ?? g.table
                    if args.has("data") {
                        let (train, test) = try TreeData.tables(args, family: "forest")
                        table = test ?? train
                    }
                    guard table.features == g.forest.features else {
                        throw args.error("data", "has \(table.features) features, the forest was trained on \(g.forest.features)")
                    }
                    let predicted = g.forest.predict(table.x)
                    return .number(Double(zip(predicted, table.y).filter { Double($0) == $1 }.count) / Double(max(table.count, 1)))
                },
                Builtin("importance(model)", area: "models",
                        doc: "Mean decrease in impurity per feature, averaged over the trees: bars, or a heatmap for square images (MNIST's 14 × 14 pixels).",
                        example: "f = forest(trees: 5); train(f, moons()); importance(f)") { args in
                    .figure(ForestViews.importances(try trained(args).forest))
                },
            ]
        })

    static func make(_ args: inout Arguments) throws -> Value {
        if args.has("trees"), case .number(let n) = args.any("trees"), n < 1 {
            throw args.error("trees", "must be a positive integer, got \(Value.format(n)) (a forest needs at least one tree)")
        }
        let trees = try args.count("trees", default: 100, limit: 10_000)
        if args.has("max_depth"), case .number(let d) = args.any("max_depth"), d < 1 {
            throw args.error("max_depth", "must be a positive integer, got \(Value.format(d))")
        }
        let tree = try TreeData.settings(args, maxFeatures: .sqrt, growth: false)
        let bootstrap = try args.flag("bootstrap", default: true)
        let oob = try args.flag("oob", default: bootstrap)
        let settings = ForestSettings(trees: trees, tree: tree, bootstrap: bootstrap, oob: oob)
        do { try settings.validate() } catch let error as RuntimeError { throw BuiltinError(error.message) }
        let (seed, _) = try args.withModelGenerator { rng in rng.next() }
        return .object(ForestModel(settings: settings, seed: seed))
    }

    static func trained(_ args: Arguments) throws -> ForestGrower {
        let model = try args.model("model", as: ForestModel.self)
        guard let grower = model.grower, !grower.forest.trees.isEmpty else {
            throw args.error("model", "is not trained yet: train(f, data) grows it first")
        }
        return grower
    }
}
