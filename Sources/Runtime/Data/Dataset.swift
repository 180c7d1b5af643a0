/// A table of `count` rows with `featureCount` numeric features each, and what each row is
/// labelled with: a class (classification) or a continuous value (regression).
///
/// - `points` `[count, featureCount]` row-major; feature j is called `featureNames[j]`.
/// - Classification (`targets == nil`): `labels` `[count]` holds class indices in
///   `0..<classCount`; class k is called `classNames[k]`. The TensorFlow Playground sets are the
///   2D binary case: features `["x", "y"]`, classes `["0", "1"]`.
/// - Regression (`targets != nil`): `targets` `[count]` holds the continuous value each row is
///   labelled with, `targetName` names it, `labels` is empty and `classNames` is empty. Code that
///   reads `labels` must look at `isRegression` first.
public struct Dataset: Sendable, Equatable {
    /// Row-major features, `[count, featureCount]`.
    public var points: [Float]
    /// Class index of each row, `[count]` in `0..<classCount`; empty for a regression set.
    public var labels: [Int]
    /// The regression target of each row, `[count]`; nil for a classification set.
    public var targets: [Float]?
    /// Name of each feature column, `[featureCount]`.
    public var featureNames: [String]
    /// Name of each class, `[classCount]`; empty for a regression set.
    public var classNames: [String]
    /// Name of the regression target ("y", "price"); empty for a classification set.
    public var targetName: String
    /// Where the points came from ("spiral(n: 400, noise: 0.1)", "points.csv"), for summaries.
    public var name: String

    /// The names a 2D Playground-style set gets.
    public static let planeFeatureNames = ["x", "y"]
    /// The names of the two classes of a binary set.
    public static let binaryClassNames = ["0", "1"]

    /// A classification set from matching points and labels.
    /// `classNames` defaults to ["0", "1"] when every label is 0 or 1, else to "0" ... "K-1" for
    /// K = the largest label + 1.
    /// - Throws: `RuntimeError` when there are no features, the point count is not a multiple of
    ///   the feature count matching the labels, a label is outside `0..<classNames.count`, or a
    ///   name is repeated.
    public init(points: [Float], labels: [Int], featureNames: [String] = Dataset.planeFeatureNames,
                classNames: [String]? = nil, name: String) throws {
        try Self.checkShape(points: points, rows: labels.count, featureNames: featureNames, name: name)
        let names = classNames ?? Self.defaultClassNames(labels)
        try Self.checkUnique(names, what: "class", name: name)
        guard !names.isEmpty else { throw RuntimeError("\(name): a classification set needs at least one class name") }
        if let bad = labels.firstIndex(where: { $0 < 0 || $0 >= names.count }) {
            let allowed = names.count == 2 ? "0 or 1" : "in 0...\(names.count - 1)"
            throw RuntimeError("\(name): point \(bad + 1) has label \(labels[bad]); labels must be \(allowed)")
        }
        self.init(unchecked: points, labels: labels, featureNames: featureNames, classNames: names, name: name)
    }

    /// A regression set: each row of `points` is labelled with the value in `targets`.
    /// - Throws: `RuntimeError` when there are no features, the shapes disagree, a name is
    ///   repeated or a target is not finite.
    public init(points: [Float], targets: [Float], featureNames: [String] = Dataset.planeFeatureNames,
                targetName: String = "value", name: String) throws {
        try Self.checkShape(points: points, rows: targets.count, featureNames: featureNames, name: name)
        if let bad = targets.firstIndex(where: { !$0.isFinite }) {
            throw RuntimeError("\(name): point \(bad + 1) has target \(targets[bad]); targets must be finite numbers")
        }
        self.points = points
        self.labels = []
        self.targets = targets
        self.featureNames = featureNames
        self.classNames = []
        self.targetName = targetName
        self.name = name
    }

    init(unchecked points: [Float], labels: [Int], featureNames: [String] = Dataset.planeFeatureNames,
         classNames: [String] = Dataset.binaryClassNames, name: String) {
        self.points = points
        self.labels = labels
        self.targets = nil
        self.featureNames = featureNames
        self.classNames = classNames
        self.targetName = ""
        self.name = name
    }

    /// Number of rows.
    public var count: Int { featureNames.isEmpty ? 0 : points.count / featureNames.count }

    /// Number of features per row (2 for the Playground sets).
    public var featureCount: Int { featureNames.count }

    /// Number of classes K; 0 for a regression set.
    public var classCount: Int { classNames.count }

    /// True when rows are labelled with continuous `targets` rather than classes.
    public var isRegression: Bool { targets != nil }

    /// How many rows each class has, `[classCount]`.
    public var classCounts: [Int] {
        var counts = [Int](repeating: 0, count: classCount)
        for l in labels { counts[l] += 1 }
        return counts
    }

    /// The points as a tensor `[count, featureCount]`.
    public var pointTensor: Tensor { Tensor(shape: [count, featureCount], data: points) }

    /// What a model with one output trains on, `[count, 1]`: the class index as a number (0 or 1
    /// for a binary set) or, for a regression set, the target.
    public var labelTensor: Tensor {
        Tensor(shape: [count, 1], data: targets ?? labels.map(Float.init))
    }

    /// The labels one-hot, `[count, classCount]` (a regression set gives `[count, 0]`).
    public var oneHotTensor: Tensor {
        var data = [Float](repeating: 0, count: labels.count * classCount)
        for (i, l) in labels.enumerated() { data[i * classCount + l] = 1 }
        return Tensor(shape: [count, classCount], data: data)
    }

    /// Feature `j` of every row, `[count]`.
    public func column(_ j: Int) -> [Float] {
        let d = featureCount
        return (0..<count).map { points[$0 * d + j] }
    }

    /// The subset at `indices`, in that order.
    public func subset(_ indices: [Int], name: String? = nil) -> Dataset {
        let d = featureCount
        var copy = self
        copy.points = []
        copy.points.reserveCapacity(d * indices.count)
        for i in indices { copy.points.append(contentsOf: points[(i * d)..<(i * d + d)]) }
        // Labels were validated on the way in, so the subset is valid too.
        if let targets { copy.targets = indices.map { targets[$0] } } else { copy.labels = indices.map { labels[$0] } }
        copy.name = name ?? self.name
        return copy
    }

    /// Shuffles (Fisher–Yates with `rng`) and cuts into a training part with
    /// `round(count · trainFraction)` points and a test part with the rest, as TensorFlow
    /// Playground does (its default fraction is 0.5).
    /// - Throws: `RuntimeError` when `trainFraction` is not in (0, 1].
    public func split(trainFraction: Double, rng: inout SeededGenerator) throws -> (train: Dataset, test: Dataset) {
        guard trainFraction > 0, trainFraction <= 1 else {
            throw RuntimeError("split: the training fraction must be in (0, 1], got \(trainFraction)")
        }
        let order = shuffledIndices(count, rng: &rng)
        let cut = Int((Double(count) * trainFraction).rounded())
        return (subset(Array(order[..<cut]), name: name + " (train)"),
                subset(Array(order[cut...]), name: name + " (test)"))
    }

    /// ["0", "1"] for labels that are all 0 or 1, else "0" ... "K-1" for K = the largest + 1.
    static func defaultClassNames(_ labels: [Int]) -> [String] {
        let k = max(2, (labels.max() ?? 0) + 1)
        return k == 2 ? binaryClassNames : (0..<k).map(String.init)
    }

    static func checkShape(points: [Float], rows: Int, featureNames: [String], name: String) throws {
        guard !featureNames.isEmpty else { throw RuntimeError("\(name): a data set needs at least one feature") }
        try checkUnique(featureNames, what: "feature", name: name)
        guard points.count == featureNames.count * rows else {
            let d = featureNames.count
            let what = d == 2 ? "\(rows) 2D points" : "\(rows) rows of \(d) features"
            throw RuntimeError("\(name): \(points.count) coordinates do not make \(what)")
        }
    }

    static func checkUnique(_ names: [String], what: String, name: String) throws {
        var seen = Set<String>()
        for n in names where !seen.insert(n).inserted {
            throw RuntimeError("\(name): the \(what) name '\(visible(n, limit: 40))' is used twice")
        }
    }
}

/// 0..<count in an order drawn by Fisher–Yates from `rng`.
func shuffledIndices(_ count: Int, rng: inout SeededGenerator) -> [Int] {
    var order = Array(0..<count)
    guard count > 1 else { return order }
    for i in stride(from: count - 1, to: 0, by: -1) {
        let j = Int(rng.next() % UInt64(i + 1))
        order.swapAt(i, j)
    }
    return order
}
