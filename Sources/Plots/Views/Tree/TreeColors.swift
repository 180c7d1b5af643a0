import Runtime

/// Colours of the tree views: a node is its majority class's palette colour, paler the more
/// mixed it is, so pure leaves stand out and a half-and-half node is nearly white.
enum TreeColors {
    /// `a` moved toward `b` by `t` (0...1).
    static func mix(_ a: RGBA, _ b: RGBA, _ t: Double) -> RGBA {
        let t = min(max(t, 0), 1)
        func c(_ x: UInt8, _ y: UInt8) -> UInt8 { UInt8((Double(x) + (Double(y) - Double(x)) * t).rounded()) }
        return RGBA(c(a.r, b.r), c(a.g, b.g), c(a.b, b.b))
    }

    /// The fill of node `i`: its class colour at a strength from its purity (white for a
    /// regression node).
    static func fill(_ tree: DecisionTree, _ i: Int) -> RGBA {
        guard tree.classes > 0 else { return .white }
        let counts = tree.value(i)
        let total = counts.reduce(0, +)
        guard total > 0 else { return .white }
        let top = counts.max()!, share = top / total
        // share 1/k (a tie) → white, 1 → 60% of the class colour.
        let k = Double(tree.classes)
        let purity = (share - 1 / k) / (1 - 1 / k)
        return mix(.white, ClassPalette.color(Int(tree.prediction(at: i))), 0.12 + 0.4 * purity)
    }

    /// Class shares of node `i`, in class order.
    static func shares(_ tree: DecisionTree, _ i: Int) -> [Double] {
        let counts = tree.value(i)
        let total = counts.reduce(0, +)
        return counts.map { total > 0 ? $0 / total : 0 }
    }
}
