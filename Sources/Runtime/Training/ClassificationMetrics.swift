/// Accuracy, per-class precision / recall / F1 and the confusion matrix of a set of predictions.
///
/// Macro averages give each class the same weight; a class never predicted has precision 0
/// (and F1 0), as scikit-learn's `zero_division=0`.
public struct ClassificationMetrics: Sendable, Equatable {
    /// confusion[truth][predicted] counts.
    public var confusion: [[Int]]

    /// Metrics of `predicted` against `truth` over `classes` classes.
    public init(predicted: [Int], truth: [Int], classes: Int) {
        confusion = [[Int]](repeating: [Int](repeating: 0, count: classes), count: classes)
        for (p, t) in zip(predicted, truth) { confusion[t][p] += 1 }
    }

    /// Number of predictions.
    public var count: Int { confusion.reduce(0) { $0 + $1.reduce(0, +) } }
    /// Fraction predicted correctly.
    public var accuracy: Double {
        count == 0 ? 0 : Double(confusion.indices.reduce(0) { $0 + confusion[$1][$1] }) / Double(count)
    }
    /// Per class: correct / predicted as that class.
    public var precision: [Double] {
        confusion.indices.map { c in
            let predicted = confusion.reduce(0) { $0 + $1[c] }
            return predicted == 0 ? 0 : Double(confusion[c][c]) / Double(predicted)
        }
    }
    /// Per class: correct / truly that class.
    public var recall: [Double] {
        confusion.indices.map { c in
            let actual = confusion[c].reduce(0, +)
            return actual == 0 ? 0 : Double(confusion[c][c]) / Double(actual)
        }
    }
    /// Per class harmonic mean of precision and recall.
    public var f1: [Double] {
        zip(precision, recall).map { p, r in p + r == 0 ? 0 : 2 * p * r / (p + r) }
    }
    /// Unweighted mean of the per-class precisions.
    public var macroPrecision: Double { mean(precision) }
    /// Unweighted mean of the per-class F1 scores.
    public var macroF1: Double { mean(f1) }

    private func mean(_ v: [Double]) -> Double { v.isEmpty ? 0 : v.reduce(0, +) / Double(v.count) }
}
