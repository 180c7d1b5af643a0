/// One node of a decision tree. A split node sends a row left when
/// `x[feature] ≤ threshold` (the row's Float value compared in Double), right otherwise.
public struct TreeNode: Sendable, Equatable {
    /// The feature split on, or -1 for a leaf.
    public var feature: Int
    /// Midpoint between the two neighbouring training values the split falls between.
    public var threshold: Double
    /// Children's node indices, -1 for a leaf.
    public var left: Int
    public var right: Int
    /// Parent's node index, -1 for the root.
    public var parent: Int
    public var depth: Int
    /// Gini, entropy (bits) or variance of the training rows that reach the node.
    public var impurity: Double
    /// Distinct training rows that reach the node.
    public var samples: Int
    /// The same rows counted with their weights (a bootstrap sample repeats rows).
    public var weightedSamples: Double
    /// Weighted impurity decrease of this node's split, as a fraction of the whole training set
    /// (scikit-learn's `improvement`); 0 for a leaf.
    public var gain: Double

    /// True when the node has no children.
    public var isLeaf: Bool { left < 0 }
}
