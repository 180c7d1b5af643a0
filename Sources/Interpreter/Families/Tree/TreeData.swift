import Runtime

/// Turning the language's data values into a tree's tables, and the checks a tree needs that a
/// data set alone does not make (two classes at least, a feature that varies).
enum TreeData {
    /// The training table and the test table (when the data was split) of the `data`
    /// argument: a data set (any features, classes or a regression target) or MNIST images.
    static func tables(_ args: Arguments, _ name: String = "data", family: String) throws -> (train: TreeTable, test: TreeTable?) {
        let value = args.any(name)
        let fn = args.function
        if case .object(let object) = value, let images = object as? ImageDataObject {
            let train = images.data
            return (try table(images: train, fn: fn), try images.splits.map { try table(images: $0.test, fn: fn) })
        }
        let data = try args.dataset(name)
        let (train, test) = data.trainingSets
        let trainTable = try table(train, fn: fn)
        try check(trainTable, fn: fn)
        return (trainTable, try test.map { try table($0, fn: fn) })
    }

    static func table(_ data: Dataset, fn: String) throws -> TreeTable {
        do {
            if let targets = data.targets {
                return try TreeTable(x: data.points, y: targets.map(Double.init), features: data.featureCount, classes: 0,
                                     featureNames: data.featureNames, name: fn)
            }
            return try TreeTable(x: data.points, y: data.labels.map(Double.init), features: data.featureCount,
                                 classes: data.classCount, featureNames: data.featureNames, classNames: data.classNames, name: fn)
        } catch let error as RuntimeError {
            throw BuiltinError(error.message)
        }
    }

    static func table(images: ImageDataset, fn: String) throws -> TreeTable {
        let side = images.shape.count == 3 ? images.shape[2] : 1
        let names = (0..<images.sampleSize).map { "px(\($0 / side),\($0 % side))" }
        do {
            return try TreeTable(x: images.images, y: images.labels.map(Double.init), features: images.sampleSize,
                                 classes: images.classes, featureNames: names, classNames: (0..<images.classes).map { "\($0)" }, name: fn)
        } catch let error as RuntimeError {
            throw BuiltinError(error.message)
        }
    }

    /// A tree learns nothing from one class or from features that never change: say so.
    static func check(_ table: TreeTable, fn: String) throws {
        if table.isClassification && table.presentClasses < 2 {
            throw BuiltinError("\(fn): the data has only one class (\(table.classNames[Int(table.y[0])])); a tree needs at least two to tell apart")
        }
        let constant = table.constantFeatures
        if constant.count == table.features {
            throw BuiltinError("\(fn): every feature is constant (\(constant.map { table.featureNames[$0] }.joined(separator: ", "))); there is nothing to split on")
        }
    }

    /// The rows of `inputs` for a model of `features` features: one row (`single`) or a list,
    /// a tensor `[n, features]`, or a data set with that many features.
    static func rows(_ args: Arguments, _ name: String, features: Int) throws -> (x: [Float], single: Bool) {
        let value = args.any(name)
        if case .object(let object) = value, let data = object as? DatasetObject {
            guard data.data.featureCount == features else {
                throw args.error(name, "has \(data.data.featureCount) features, the model was trained on \(features)")
            }
            return (data.data.points, false)
        }
        let tensor: Tensor
        do {
            tensor = try Conversions.tensor(from: value)
        } catch {
            throw args.error(name, "must be a row of \(features) numbers or a list of rows: \(error.message)")
        }
        let single = tensor.rank == 1
        let width = single ? tensor.shape[0] : (tensor.rank == 2 ? tensor.shape[1] : -1)
        guard width == features else {
            throw args.error(name, "must have \(features) features per row (as the training data), got shape \(tensor.shape)")
        }
        guard tensor.data.allSatisfy(\.isFinite) else { throw args.error(name, "must hold finite numbers (no NaN)") }
        return (tensor.data, single)
    }

    /// `max_features:` — "sqrt", "log2", a count, or a fraction in (0, 1).
    static func featureSubset(_ args: Arguments, default fallback: FeatureSubset) throws -> FeatureSubset {
        let value = args.any("max_features")
        switch value {
        case .null: return fallback
        case .string("sqrt"): return .sqrt
        case .string("log2"): return .log2
        case .string("all"): return .all
        case .number(let x) where x >= 1 && x == x.rounded() && x < 1e9: return .count(Int(x))
        case .number(let x) where x > 0 && x < 1: return .fraction(x)
        default:
            throw args.error("max_features", "must be \"sqrt\", \"log2\", \"all\", a count of 1 or more, or a fraction in (0, 1), \(Arguments.got(value))")
        }
    }

    /// The tree settings the `tree(...)` and `forest(...)` arguments name (`growth`: the
    /// builtin has `max_leaves:` and `order:`, as `tree` has and `forest` has not).
    static func settings(_ args: Arguments, maxFeatures: FeatureSubset, growth: Bool = true) throws -> TreeSettings {
        var s = TreeSettings(maxFeatures: try featureSubset(args, default: maxFeatures))
        let criterion = try args.choice("criterion", among: TreeCriterion.allCases.map(\.rawValue), default: "gini")
        s.criterion = TreeCriterion(rawValue: criterion) ?? .gini
        if args.has("max_depth") { s.maxDepth = try positive(args, "max_depth") }
        if args.has("min_samples_leaf") { s.minSamplesLeaf = try positive(args, "min_samples_leaf") }
        guard growth else { return s }
        if args.has("max_leaves") {
            let n = try positive(args, "max_leaves")
            guard n >= 2 else { throw args.error("max_leaves", "must be at least 2, got \(n)") }
            s.maxLeaves = n
        }
        let order = try args.choice("order", among: ["depth", "best"], default: s.maxLeaves == nil ? "depth" : "best")
        s.order = order == "best" ? .bestFirst : .depthFirst
        return s
    }

    private static func positive(_ args: Arguments, _ name: String) throws -> Int {
        let value = args.any(name)
        guard case .number(let x) = value, x >= 1, x == x.rounded(), x <= 1_000_000 else {
            throw args.error(name, "must be a positive integer, \(Arguments.got(value))")
        }
        return Int(x)
    }
}
