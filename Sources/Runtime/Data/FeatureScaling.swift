/// Standardisation of features: each feature shifted by its mean and divided by its standard
/// deviation (population form, divisor n, as scikit-learn's `StandardScaler`), so features in
/// different units (grams and millimetres, proline and hue) weigh alike. A feature that never
/// varies is only centred (its scale stays 1).
public struct FeatureScaling: Sendable, Equatable {
    /// The mean of each feature, `[featureCount]`.
    public var mean: [Float]
    /// The standard deviation of each feature (1 for a constant one), `[featureCount]`.
    public var scale: [Float]

    /// The scaling that standardises `points` `[n, d]` row-major (identity for no rows).
    public static func fit(points: [Float], featureCount d: Int) -> FeatureScaling {
        let n = d > 0 ? points.count / d : 0
        var mean = [Double](repeating: 0, count: d), square = [Double](repeating: 0, count: d)
        for i in 0..<n { for j in 0..<d { mean[j] += Double(points[i * d + j]) } }
        for j in 0..<d { mean[j] /= Double(max(n, 1)) }
        for i in 0..<n {
            for j in 0..<d {
                let v = Double(points[i * d + j]) - mean[j]
                square[j] += v * v
            }
        }
        let scale = square.map { s -> Float in
            let sd = (s / Double(max(n, 1))).squareRoot()
            return sd > 1e-12 && sd.isFinite ? Float(sd) : 1
        }
        return FeatureScaling(mean: mean.map(Float.init), scale: scale)
    }

    /// `points` `[n, d]` standardised, `[n, d]`.
    public func apply(_ points: [Float]) -> [Float] {
        let d = mean.count
        guard d > 0 else { return points }
        return points.enumerated().map { k, v in (v - mean[k % d]) / scale[k % d] }
    }
}
