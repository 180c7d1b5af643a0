import Foundation

/// How a tree measures a node's impurity: Gini or entropy for classes, mean squared error for
/// numbers. The formulas are scikit-learn's, evaluated in the same order in Double, so equal
/// splits compare equal in both and ties fall the same way.
public enum TreeCriterion: String, Sendable, CaseIterable {
    case gini, entropy, mse

    /// True for the class criteria.
    public var isClassification: Bool { self != .mse }

    /// Impurity of a node from its weighted class counts (`counts` [classes], `total` their
    /// sum) for Gini and entropy. Entropy is in bits.
    @inline(__always)
    static func classImpurity(_ criterion: TreeCriterion, counts: UnsafePointer<Double>, classes: Int, total: Double) -> Double {
        if criterion == .gini {
            var squares = 0.0
            for c in 0..<classes { squares += counts[c] * counts[c] }
            return 1.0 - squares / (total * total)
        }
        var entropy = 0.0
        for c in 0..<classes where counts[c] > 0 {
            let p = counts[c] / total
            entropy -= p * (log(p) / log(2.0))
        }
        return entropy
    }

    /// Variance of a node's targets from `sum` (Σ w·y), `squares` (Σ w·y²) and `total` (Σ w).
    @inline(__always)
    static func varianceImpurity(sum: Double, squares: Double, total: Double) -> Double {
        squares / total - (sum / total) * (sum / total)
    }
}
