import Foundation

/// How many features a split looks at: all of them (a single tree's default), the square root
/// or log₂ of their number (a forest's default is the square root), a count, or a fraction.
public enum FeatureSubset: Sendable, Equatable, CustomStringConvertible {
    case all, sqrt, log2
    case count(Int)
    case fraction(Double)

    /// The number of features tried per split out of `features`, as scikit-learn computes
    /// `max_features_` (at least 1, at most all).
    public func resolved(features: Int) -> Int {
        let n: Int
        switch self {
        case .all: n = features
        case .sqrt: n = Int(Double(features).squareRoot())
        case .log2: n = Int(Foundation.log2(Double(features)))
        case .count(let c): n = c
        case .fraction(let f): n = Int(f * Double(features))
        }
        return min(features, max(1, n))
    }

    public var description: String {
        switch self {
        case .all: "all"
        case .sqrt: "sqrt"
        case .log2: "log2"
        case .count(let c): "\(c)"
        case .fraction(let f): "\(f)"
        }
    }
}
