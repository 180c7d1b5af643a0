import Plots
import Runtime

/// Decision trees (`tree(...)`): CART grown one split at a time, as scikit-learn's
/// `DecisionTreeClassifier` / `DecisionTreeRegressor` grow them.
enum TreeFamily {
    static let family = ModelFamily(
        name: "tree",
        builtins: {
            [
                Builtin("tree(max_depth?, min_samples_leaf: 1, criterion: \"gini\", max_features?, max_leaves?, order?, seed?)", area: "models",
                        doc: "A decision tree. criterion \"gini\" or \"entropy\" for classes, \"mse\" for numbers; max_features \"sqrt\", \"log2\", a count or a fraction (all by default); order \"depth\" (depth-first) or \"best\" (biggest gain first, the default with max_leaves). Without seed: the session's seed.",
                        example: "t = tree(max_depth: 3)", body: make),
            ]
        },
        verbs: {
            [
                Builtin("train(model, data, every: 1, fps: 30)", area: "training",
                        doc: "Grows the tree on the data's training part, one split per frame: the new cut on the plane (2 features), the diagram, impurity before → after.",
                        example: "t = tree(max_depth: 3); train(t, moons(n: 200))", body: TreeTraining.train),
                Builtin("predict(model, inputs, probabilities: false)", area: "models",
                        doc: "The class (or value) of each row; with probabilities: true, the class shares of its leaf.",
                        example: "t = tree(); train(t, circle()); predict(t, [0, 1])") { args in
                    let model = try args.model("model", as: TreeModel.self)
                    let tree = try trained(model, args)
                    let (x, single) = try TreeData.rows(args, "inputs", features: tree.features)
                    if try args.flag("probabilities") {
                        guard tree.classes > 0 else { throw args.error("probabilities", "is for class trees; this one predicts numbers") }
                        let p = tree.probabilities(x)
                        let rows = stride(from: 0, to: p.count, by: tree.classes).map { Value.list(p[$0 ..< $0 + tree.classes].map { .number($0) }) }
                        return single ? rows[0] : .list(rows)
                    }
                    let values = tree.predict(x).map { Value.number($0) }
                    return single ? values[0] : .list(values)
                },
                Builtin("accuracy(model, data?)", area: "models",
                        doc: "Fraction of rows classified right (the data's test part if it was split; the training data without data).",
                        example: "t = tree(); d = split(moons()); train(t, d); accuracy(t, d)") { args in
                    let model = try args.model("model", as: TreeModel.self)
                    let tree = try trained(model, args)
                    guard tree.classes > 0 else { throw args.error("model", "predicts numbers; accuracy is for classes") }
                    let table = try evaluationTable(model, args)
                    guard table.features == tree.features else {
                        throw args.error("data", "has \(table.features) features, the tree was trained on \(tree.features)")
                    }
                    return .number(accuracy(tree, table))
                },
                Builtin("path(model, point)", area: "models",
                        doc: "The way one sample takes from the root to its leaf, drawn on the tree (and on the plane for 2 features).",
                        example: "t = tree(); train(t, moons()); path(t, [0.5, 0.2])") { args in
                    let model = try args.model("model", as: TreeModel.self)
                    let tree = try trained(model, args)
                    let (x, single) = try TreeData.rows(args, "point", features: tree.features)
                    guard single else { throw args.error("point", "must be one row of \(tree.features) numbers") }
                    return .figure(TreeViews.path(tree, row: x, table: model.table))
                },
                Builtin("importance(model)", area: "models",
                        doc: "How much each feature's splits lower the impurity (mean decrease in impurity), as bars.",
                        example: "t = tree(); train(t, moons()); importance(t)") { args in
                    let model = try args.model("model", as: TreeModel.self)
                    let tree = try trained(model, args)
                    let side = Int(Double(tree.features).squareRoot())
                    return .figure(TreeViews.importances(tree.importances, names: tree.featureNames,
                                                         imageSide: tree.features >= 49 && side * side == tree.features ? side : nil))
                },
            ]
        })

    static func make(_ args: inout Arguments) throws -> Value {
        if args.has("max_depth"), case .number(let d) = args.any("max_depth"), d < 1 {
            throw args.error("max_depth", "must be a positive integer, got \(Value.format(d)) (a tree of depth 0 is a single leaf)")
        }
        let settings = try TreeData.settings(args, maxFeatures: .all)
        let (random, _) = try args.withModelGenerator { rng in TreeRandom(using: &rng) }
        return .object(TreeModel(settings: settings, random: random))
    }

    static func trained(_ model: TreeModel, _ args: Arguments) throws -> DecisionTree {
        guard let tree = model.tree else {
            throw args.error("model", "is not trained yet: train(t, data) grows it first")
        }
        return tree
    }

    /// The `data` argument's evaluation part (its test part when split), else the model's own.
    static func evaluationTable(_ model: TreeModel, _ args: Arguments) throws -> TreeTable {
        if args.has("data") {
            let (train, test) = try TreeData.tables(args, family: "tree")
            return test ?? train
        }
        guard let table = model.test ?? model.table else { throw args.error("data", "is needed") }
        return table
    }

    static func accuracy(_ tree: DecisionTree, _ table: TreeTable) -> Double {
        let predicted = tree.predict(table.x)
        return Double(zip(predicted, table.y).filter { $0 == $1 }.count) / Double(max(table.count, 1))
    }
}
