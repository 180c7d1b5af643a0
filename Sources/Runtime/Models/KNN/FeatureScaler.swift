/// Standardisation with a training set's statistics: (x − mean) / std per feature, with the
/// population standard deviation (divided by n), and a feature that does not vary left unscaled
/// (std taken as 1) — scikit-learn's `StandardScaler`. The test points use the training set's
/// numbers, never their own.
public struct FeatureScaler: Sendable, Equatable {
    /// Per-feature mean of the training points, [d].
    public let mean: [Double]
    /// Per-feature scale (the standard deviation, or 1 for a constant feature), [d].
    public let scale: [Double]

    /// The statistics of `points` `[n, d]`.
    /// - Throws: `RuntimeError` when there are no points or the sizes disagree.
    public init(points: [Float], features d: Int) throws {
        guard d >= 1, !points.isEmpty, points.count % d == 0 else {
            throw RuntimeError("\(points.count) values do not make points of \(d) features")
        }
        let n = points.count / d
        var mean = [Double](repeating: 0, count: d)
        for i in 0..<n { for f in 0..<d { mean[f] += Double(points[i * d + f]) } }
        for f in 0..<d { mean[f] /= Double(n) }
        var variance = [Double](repeating: 0, count: d)
        for i in 0..<n {
            for f in 0..<d {
                let e = Double(points[i * d + f]) - mean[f]
                variance[f] += e * e
            }
        }
        self.mean = mean
        // A tiny variance from rounding counts as constant, as StandardScaler's threshold does.
        scale = variance.enumerated().map { f, v in
            let std = (v / Double(n)).squareRoot()
            return std < 10 * Double.ulpOfOne * Swift.max(1, abs(mean[f])) ? 1 : std
        }
    }

    /// `points` `[m, d]` standardised.
    public func apply(_ points: [Float]) -> [Float] {
        let d = mean.count
        var out = points
        for i in 0..<points.count {
            let f = i % d
            out[i] = Float((Double(points[i]) - mean[f]) / scale[f])
        }
        return out
    }

    /// One standardised point `[d]` back in the original units.
    public func invert(_ point: [Float]) -> [Float] {
        point.enumerated().map { f, v in Float(Double(v) * scale[f % scale.count] + mean[f % mean.count]) }
    }
}
