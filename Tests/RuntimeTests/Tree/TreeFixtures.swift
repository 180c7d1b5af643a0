@testable import Runtime

/// 24 rows of 3 features and 2 classes (NumPy `RandomState(3)`, rounded to 0.1), and what
/// scikit-learn 1.9 made of them; the numbers below were printed by scikit-learn, not by nv.
enum TreeFixtures {
    // x: [24, 3]
    static let x: [Float] = [5.5, 7.1, 2.9, 5.1, 8.9, 9.0, 1.3, 2.1, 0.5, 4.4, 0.3, 4.6, 6.5, 2.8, 6.8, 5.9, 0.2, 5.6, 2.6, 4.2, 2.8, 6.9, 4.4, 1.6, 5.4, 7.8, 3.1, 2.2, 3.9, 9.4, 9.8, 6.7, 9.0, 8.5, 3.8, 0.9, 6.5, 5.6, 3.6, 2.3, 4.1, 4.7, 2.7, 2.9, 4.6, 8.6, 5.9, 2.8, 2.8, 4.5, 2.1, 2.0, 5.1, 0.9, 4.8, 3.6, 7.1, 7.5, 6.9, 6.9, 3.7, 6.7, 3.4, 5.7, 3.3, 4.5, 0.6, 2.4, 9.7, 2.3, 6.9, 6.5]
    static let y: [Double] = [0, 1, 0, 0, 1, 1, 1, 0, 0, 1, 1, 1, 0, 1, 0, 0, 1, 1, 0, 0, 1, 1, 1, 1]

    static func table() throws -> TreeTable {
        try TreeTable(x: x, y: y, features: 3, classes: 2, featureNames: ["a", "b", "c"])
    }

    /// `DecisionTreeClassifier(random_state=7, max_depth=3)`, nodes in its (preorder) numbering.
    static let features = [2, 0, 1, -2, -2, 1, -2, -2, -2]
    static let thresholds = [8.049999952316284, 4.050000071525574, 3.5, -2.0, -2.0, 4.100000023841858, -2.0, -2.0, -2.0]
    static let samples = [24, 20, 8, 2, 6, 12, 6, 6, 4]
    static let impurities = [0.48611111111111116, 0.5, 0.375, 0.0, 0.0, 0.4444444444444444, 0.4444444444444444, 0.0, 0.0]
    static let importances = [0.18518518518518523, 0.6296296296296295, 0.1851851851851853]
}
