/// A random forest's settings: scikit-learn's `RandomForestClassifier` parameters.
public struct ForestSettings: Sendable, Equatable {
    /// Trees to grow.
    public var trees: Int
    /// Each tree's settings; a forest tries √features per split by default.
    public var tree: TreeSettings
    /// Each tree learns from n rows drawn with replacement (else from all rows).
    public var bootstrap: Bool
    /// Keep out-of-bag predictions (needs `bootstrap`).
    public var oob: Bool

    public init(trees: Int = 100, tree: TreeSettings = TreeSettings(maxFeatures: .sqrt), bootstrap: Bool = true, oob: Bool = true) {
        self.trees = trees
        self.tree = tree
        self.bootstrap = bootstrap
        self.oob = oob
    }

    /// - Throws: `RuntimeError` naming the first bad argument.
    public func validate() throws {
        if trees < 1 {
            throw RuntimeError("forest: argument 'trees' must be a positive integer, got \(trees)")
        }
        if oob && !bootstrap {
            throw RuntimeError("forest: out-of-bag accuracy needs bootstrap samples; give bootstrap: true or oob: false")
        }
        try tree.validate(name: "forest")
    }
}
