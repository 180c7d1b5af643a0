/// How the k neighbours' votes are weighted.
public enum KNNWeights: String, Sendable, CaseIterable {
    /// One vote each.
    case uniform
    /// A vote of 1 / distance; a neighbour at distance 0 takes the whole vote (shared with any
    /// other at distance 0), as scikit-learn does.
    case distance
}

/// The distance between points.
public enum KNNMetric: String, Sendable, CaseIterable {
    /// √Σ(a − b)².
    case euclidean
    /// Σ|a − b|.
    case manhattan
    /// 1 − a·b / (‖a‖‖b‖); a zero vector is at distance 1 from everything.
    case cosine
}

/// A k-nearest-neighbours classifier on row-major points, answering as scikit-learn's
/// `KNeighborsClassifier(algorithm="brute")` does:
/// - Neighbours are the k training points with the smallest distance; an exact tie at the k-th
///   place goes to the lower training index (scikit-learn's heap keeps the first pushed).
/// - Probabilities are the (weighted) share of each class among the neighbours; the prediction
///   is the most probable class, an equal vote going to the lower class index.
/// - With `scale`, features are standardised with the training set's mean and std
///   (`FeatureScaler`) and queries with the same numbers.
/// Euclidean neighbours come from one large matrix product (‖x‖² − 2q·x through `GEMM`, in
/// float32, per block of queries); the candidates within rounding of the k-th are then re-ranked
/// by their exact distance in double precision, so float32 rounding never decides an order.
public struct KNNClassifier: Sendable {
    /// Number of neighbours that vote (settable; at most the training set's size).
    public var k: Int
    /// Vote weighting.
    public var weights: KNNWeights
    /// Distance.
    public let metric: KNNMetric
    /// Features per point.
    public let d: Int
    /// Number of classes (labels are 0..<classes).
    public let classes: Int
    /// The standardisation applied to training points and queries, when scaling.
    public let scaler: FeatureScaler?
    /// Training points as stored (scaled when scaling), [n, d].
    public let points: [Float]
    /// Training labels, [n].
    public let labels: [Int]
    let norms: [Float]   // norms: [n], ‖x‖² in float32 for the GEMM ranking
    let exactNorms: [Double]   // exactNorms: [n], ‖x‖ in double for cosine

    /// Training points in the stored (scaled) space.
    public var n: Int { labels.count }

    /// Stores the training set `points` `[n, d]` with `labels` in 0..<classes.
    /// - Parameter scaler: the standardisation to use (for example one fitted on a whole set while
    ///   the model sees a growing part of it); nil with `scale` fits one on `points`.
    /// - Throws: `RuntimeError` for no points, a size mismatch, a non-finite value, a label outside
    ///   0..<classes, or k outside 1...n.
    public init(points: [Float], labels: [Int], features d: Int, classes: Int, k: Int = 5,
                weights: KNNWeights = .uniform, metric: KNNMetric = .euclidean,
                scale: Bool = false, scaler: FeatureScaler? = nil) throws {
        guard d >= 1 else { throw RuntimeError("the points need at least one feature") }
        guard !labels.isEmpty else { throw RuntimeError("the data has no points") }
        guard points.count == labels.count * d else {
            throw RuntimeError("\(points.count) values do not make \(labels.count) points of \(d) features")
        }
        if let bad = points.firstIndex(where: { !$0.isFinite }) {
            throw RuntimeError("point \(bad / d), feature \(bad % d) is not a number (\(RuntimeError.describe(points[bad])))")
        }
        if let bad = labels.firstIndex(where: { !(0..<classes).contains($0) }) {
            throw RuntimeError("point \(bad) has label \(labels[bad]), outside 0...\(classes - 1)")
        }
        guard k >= 1 else { throw RuntimeError("k must be at least 1, got \(k)") }
        guard k <= labels.count else {
            throw RuntimeError("k = \(k) is more than the \(labels.count) training points")
        }
        let chosenScaler = scale ? try (scaler ?? FeatureScaler(points: points, features: d)) : nil
        let stored = chosenScaler?.apply(points) ?? points
        self.k = k
        self.weights = weights
        self.metric = metric
        self.d = d
        self.classes = classes
        self.scaler = chosenScaler
        self.points = stored
        self.labels = labels
        norms = (0..<labels.count).map { i in
            var s: Float = 0
            for f in 0..<d { s += stored[i * d + f] * stored[i * d + f] }
            return s
        }
        exactNorms = (0..<labels.count).map { i in
            var s = 0.0
            for f in 0..<d { s += Double(stored[i * d + f]) * Double(stored[i * d + f]) }
            return s.squareRoot()
        }
    }

    /// The neighbours of every query.
    public struct Neighbours: Sendable, Equatable {
        /// Training indices, nearest first, [m, k] row-major.
        public var indices: [Int]
        /// Their distances in the stored (scaled) space, [m, k].
        public var distances: [Double]
        /// Neighbours per query.
        public var k: Int
    }

    /// Checks queries `[m, d]` in the original units, returns them in the stored space and m.
    func prepare(_ queries: [Float]) throws -> ([Float], Int) {
        guard !queries.isEmpty else { throw RuntimeError("no points to classify") }
        guard queries.count % d == 0 else {
            throw RuntimeError("the model takes points of \(d) features; \(queries.count) values are not a whole number of such points")
        }
        if let bad = queries.firstIndex(where: { !$0.isFinite }) {
            throw RuntimeError("query \(bad / d), feature \(bad % d) is not a number (\(RuntimeError.describe(queries[bad])))")
        }
        guard k >= 1 && k <= n else {
            throw RuntimeError("k = \(k) must lie in 1...\(n), the number of training points")
        }
        return (scaler?.apply(queries) ?? queries, queries.count / d)
    }

    /// The k nearest training points of each query `[m, d]` (original units).
    /// - Throws: `RuntimeError` for a wrong number of features or a non-finite value.
    public func neighbours(_ queries: [Float]) throws -> Neighbours {
        let (q, m) = try prepare(queries)
        var result = Neighbours(indices: [Int](repeating: 0, count: m * k),
                                distances: [Double](repeating: 0, count: m * k), k: k)
        switch metric {
        case .euclidean:
            KNNSearch.euclidean(queries: q, m: m, model: self, into: &result)
        case .manhattan, .cosine:
            KNNSearch.direct(queries: q, m: m, model: self, into: &result)
        }
        return result
    }

    /// Class probabilities `[m, classes]` from the neighbours' (weighted) votes.
    public func probabilities(_ neighbours: Neighbours) -> [Double] {
        let m = neighbours.indices.count / Swift.max(1, neighbours.k)
        var out = [Double](repeating: 0, count: m * classes)
        for i in 0..<m {
            let row = i * neighbours.k
            let hasZero = weights == .distance && (0..<neighbours.k).contains { neighbours.distances[row + $0] == 0 }
            var total = 0.0
            for r in 0..<neighbours.k {
                let dist = neighbours.distances[row + r]
                let w: Double = switch weights {
                case .uniform: 1
                case .distance: hasZero ? (dist == 0 ? 1 : 0) : 1 / dist
                }
                out[i * classes + labels[neighbours.indices[row + r]]] += w
                total += w
            }
            for c in 0..<classes { out[i * classes + c] /= total }
        }
        return out
    }

    /// Class probabilities `[m, classes]` of queries `[m, d]`.
    public func probabilities(_ queries: [Float]) throws -> [Double] {
        probabilities(try neighbours(queries))
    }

    /// The predicted class of every query `[m, d]`: the most probable, ties to the lower class.
    public func predict(_ queries: [Float]) throws -> [Int] {
        predictions(from: try probabilities(queries))
    }

    /// The first most probable class of every row of `probabilities` `[m, classes]`.
    public func predictions(from probabilities: [Double]) -> [Int] {
        let m = probabilities.count / classes
        return (0..<m).map { i in
            var best = 0
            for c in 1..<classes where probabilities[i * classes + c] > probabilities[i * classes + best] { best = c }
            return best
        }
    }

    /// The share of queries `[m, d]` whose prediction is their label.
    public func accuracy(_ queries: [Float], labels expected: [Int]) throws -> Double {
        let predicted = try predict(queries)
        guard predicted.count == expected.count else {
            throw RuntimeError("\(predicted.count) points but \(expected.count) labels")
        }
        let right = zip(predicted, expected).filter { $0 == $1 }.count
        return Double(right) / Double(Swift.max(1, expected.count))
    }
}
