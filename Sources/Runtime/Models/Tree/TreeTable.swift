/// Rows a tree learns from: numeric features and a target per row, with the names to print.
///
/// Features are kept as Float, as scikit-learn casts them to float32 (so thresholds, midpoints
/// between float32 values computed in Double, come out bit for bit the same).
public struct TreeTable: Sendable {
    /// Row-major features, `x: [count, features]`.
    public private(set) var x: [Float]
    /// The same features column by column, `columns: [features, count]`: a split scans one
    /// feature over many rows.
    public private(set) var columns: [Float]
    /// Class index (0 ..< classes) or number per row, `y: [count]`.
    public private(set) var y: [Double]
    public let count: Int
    public let features: Int
    /// Number of classes, or 0 for a regression target.
    public let classes: Int
    public var featureNames: [String]
    public var classNames: [String]
    /// Each feature's distinct values and every row's rank among them, for the class split
    /// search; nil for a numeric target (regression trees sort).
    let ranks: FeatureRanks?

    /// A table from row-major features and targets; `classes` 0 means the targets are numbers.
    /// - Throws: `RuntimeError` naming the row and feature of a value that is not finite, a
    ///   class outside 0 ..< classes, counts that disagree, or no rows.
    public init(x: [Float], y: [Double], features: Int, classes: Int,
                featureNames: [String]? = nil, classNames: [String]? = nil, name: String = "tree") throws {
        guard features >= 1 else { throw RuntimeError("\(name): the data has no features") }
        guard !y.isEmpty else { throw RuntimeError("\(name): the data has no rows") }
        guard x.count == y.count * features else {
            throw RuntimeError("\(name): \(x.count) values do not make \(y.count) rows of \(features) features")
        }
        let fNames = featureNames ?? (0..<features).map { "x\($0)" }
        guard fNames.count == features else {
            throw RuntimeError("\(name): \(fNames.count) feature names for \(features) features")
        }
        if let bad = x.firstIndex(where: { !$0.isFinite }) {
            let what = x[bad].isNaN ? "not a number (NaN)" : "infinite"
            throw RuntimeError("\(name): row \(bad / features + 1), feature '\(fNames[bad % features])' is \(what); a tree needs every value (drop or fill the missing ones)")
        }
        if let bad = y.firstIndex(where: { !$0.isFinite }) {
            throw RuntimeError("\(name): the target of row \(bad + 1) is \(y[bad].isNaN ? "not a number (NaN)" : "infinite")")
        }
        if classes > 0, let bad = y.firstIndex(where: { $0 < 0 || $0 >= Double(classes) || $0 != $0.rounded() }) {
            throw RuntimeError("\(name): row \(bad + 1) has class \(y[bad]); classes must be whole numbers 0 to \(classes - 1)")
        }
        self.x = x
        self.y = y
        self.count = y.count
        self.features = features
        self.classes = classes
        self.featureNames = fNames
        self.classNames = classNames ?? (0..<classes).map { "\($0)" }
        var columns = [Float](repeating: 0, count: x.count)
        for r in 0..<count {
            for f in 0..<features { columns[f * count + r] = x[r * features + f] }
        }
        self.columns = columns
        ranks = classes > 0 ? FeatureRanks(columns: columns, count: count, features: features) : nil
    }

    /// True for a class target.
    public var isClassification: Bool { classes > 0 }

    /// Row `r`'s features.
    public func row(_ r: Int) -> ArraySlice<Float> { x[r * features ..< (r + 1) * features] }

    /// Features whose values are all the same (a split can never use them).
    public var constantFeatures: [Int] {
        (0..<features).filter { f in
            let column = columns[f * count ..< (f + 1) * count]
            return column.allSatisfy { $0 == column.first! }
        }
    }

    /// Distinct classes present in the target.
    public var presentClasses: Int {
        guard isClassification else { return 0 }
        var seen = [Bool](repeating: false, count: classes)
        for v in y { seen[Int(v)] = true }
        return seen.filter { $0 }.count
    }
}
