import Foundation

/// A binary logistic regression p = σ(w·x + b) fitted by plain full-batch gradient descent on the
/// mean binary cross-entropy, starting from zero — the original visualizer's feature-space
/// boundary. Deterministic: no randomness anywhere.
///
/// Limit: on separable data the optimum is at infinity, so the result depends on `iterations`
/// and `learningRate`; the direction of `w` (the boundary) settles long before its length does.
public struct LogisticRegression: Sendable, Equatable {
    /// Feature weights, `[features]`.
    public var weights: [Float]
    /// Intercept.
    public var bias: Float

    /// Fits on `points` `[n, features]` row-major with 0/1 `labels` `[n]`.
    /// The defaults are the original's (lr 0.01, 8000 iterations).
    /// - Throws: `RuntimeError` when the sizes disagree or there are no points.
    public init(points: [Float], labels: [Float], features: Int,
                learningRate: Float = 0.01, iterations: Int = 8000) throws {
        guard features >= 1, !labels.isEmpty, points.count == labels.count * features else {
            throw RuntimeError("logistic regression: \(points.count) values do not make \(labels.count) points of \(features) features")
        }
        let n = labels.count
        var w = [Float](repeating: 0, count: features)
        var b: Float = 0
        var dw = w
        for _ in 0..<iterations {
            for k in 0..<features { dw[k] = 0 }
            var db: Float = 0
            for i in 0..<n {
                var z = b
                for k in 0..<features { z += w[k] * points[i * features + k] }
                // d(BCE)/dz = σ(z) − y
                let err = 1 / (1 + exp(-z)) - labels[i]
                for k in 0..<features { dw[k] += err * points[i * features + k] }
                db += err
            }
            for k in 0..<features { w[k] -= learningRate * dw[k] / Float(n) }
            b -= learningRate * db / Float(n)
        }
        weights = w
        bias = b
    }

    /// Probability of class 1 for one point `[features]`.
    public func probability(_ x: [Float]) -> Float {
        var z = bias
        for k in 0..<min(x.count, weights.count) { z += weights[k] * x[k] }
        return 1 / (1 + exp(-z))
    }

    /// The boundary w·x + b = 0 solved for the last coordinate: for 2 features the line
    /// x₂ = −(w₁x₁ + b)/w₂, for 3 the plane x₃ = −(w₁x₁ + w₂x₂ + b)/w₃. `nil` when the last
    /// weight is zero (the boundary is parallel to that axis).
    public func boundaryLastCoordinate(_ leading: [Float]) -> Float? {
        guard let last = weights.last, last != 0, leading.count == weights.count - 1 else { return nil }
        var s = bias
        for k in 0..<leading.count { s += weights[k] * leading[k] }
        return -s / last
    }
}
