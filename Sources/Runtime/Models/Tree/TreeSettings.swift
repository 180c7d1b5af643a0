/// The order a tree grows in, one split at a time.
public enum GrowthOrder: String, Sendable {
    /// Left before right, down to the leaves (scikit-learn's `DepthFirstTreeBuilder`, used
    /// when `max_leaf_nodes` is not set).
    case depthFirst = "depth-first"
    /// The open node whose split gains most goes next (`BestFirstTreeBuilder`, used when
    /// `max_leaf_nodes` is set).
    case bestFirst = "best-first"
}

/// What a decision tree may grow: scikit-learn's `DecisionTreeClassifier` /
/// `DecisionTreeRegressor` parameters of the same names.
public struct TreeSettings: Sendable, Equatable {
    public var criterion: TreeCriterion
    /// Deepest level a node may split at; nil grows until the leaves are pure.
    public var maxDepth: Int?
    /// Fewest distinct rows a node needs to be split.
    public var minSamplesSplit: Int
    /// Fewest distinct rows each side of a split must keep.
    public var minSamplesLeaf: Int
    /// Features tried per split.
    public var maxFeatures: FeatureSubset
    /// Most leaves (best-first growth stops there); nil for no limit.
    public var maxLeaves: Int?
    public var order: GrowthOrder

    public init(criterion: TreeCriterion = .gini, maxDepth: Int? = nil, minSamplesSplit: Int = 2,
                minSamplesLeaf: Int = 1, maxFeatures: FeatureSubset = .all, maxLeaves: Int? = nil,
                order: GrowthOrder = .depthFirst) {
        self.criterion = criterion
        self.maxDepth = maxDepth
        self.minSamplesSplit = minSamplesSplit
        self.minSamplesLeaf = minSamplesLeaf
        self.maxFeatures = maxFeatures
        self.maxLeaves = maxLeaves
        self.order = order
    }

    /// Checks the numbers, naming the first bad one as `name: argument '…' must be …`.
    /// - Throws: `RuntimeError` for a depth, leaf size or split size below 1 (2 for splits),
    ///   fewer than 2 leaves, or a feature count or fraction that selects nothing.
    public func validate(name: String = "tree") throws {
        if let d = maxDepth, d < 1 {
            throw RuntimeError("\(name): argument 'max_depth' must be a positive integer, got \(d)")
        }
        if minSamplesLeaf < 1 {
            throw RuntimeError("\(name): argument 'min_samples_leaf' must be a positive integer, got \(minSamplesLeaf)")
        }
        if minSamplesSplit < 2 {
            throw RuntimeError("\(name): argument 'min_samples_split' must be an integer of at least 2, got \(minSamplesSplit)")
        }
        if let l = maxLeaves, l < 2 {
            throw RuntimeError("\(name): argument 'max_leaves' must be an integer of at least 2, got \(l)")
        }
        switch maxFeatures {
        case .count(let c) where c < 1:
            throw RuntimeError("\(name): argument 'max_features' must be a positive count, a fraction in (0, 1], \"sqrt\" or \"log2\", got \(c)")
        case .fraction(let f) where !(f > 0 && f <= 1):
            throw RuntimeError("\(name): argument 'max_features' must be a positive count, a fraction in (0, 1], \"sqrt\" or \"log2\", got \(f)")
        default: break
        }
    }
}
