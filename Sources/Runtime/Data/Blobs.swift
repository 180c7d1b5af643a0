/// Isotropic Gaussian blobs, as scikit-learn's `make_blobs` makes them: `centers` centres drawn
/// uniformly in the box −10...10 per feature, `n` points split as evenly as possible among them
/// (the first `n mod centers` blobs get one more), each centre plus normal noise of standard
/// deviation `std`. Points come blob by blob; the label is the blob's index.
public enum Blobs {
    /// The points `[n, features]`, their labels `[n]` and the centres `[centers, features]`.
    public struct Result: Sendable, Equatable {
        public var points: [Float]
        public var labels: [Int]
        public var centers: [Float]
    }

    /// - Throws: `RuntimeError` for `n` outside 1...10,000,000, `centers` outside 1...n,
    ///   `features` outside 1...1,000, or `std` negative or not finite.
    public static func make(n: Int, centers: Int, std: Double, features: Int = 2,
                            rng: inout SeededGenerator) throws -> Result {
        guard n >= 1, n <= 10_000_000 else {
            throw RuntimeError("blobs: argument 'n' must be 1 to 10000000, got \(n)")
        }
        guard centers >= 1, centers <= n else {
            throw RuntimeError("blobs: argument 'centers' must be 1 to n (\(n)), got \(centers)")
        }
        guard features >= 1, features <= 1000 else {
            throw RuntimeError("blobs: argument 'features' must be 1 to 1000, got \(features)")
        }
        guard std.isFinite, std >= 0 else {
            throw RuntimeError("blobs: argument 'std' must be a number ≥ 0, got \(std)")
        }
        var centres = [Float](repeating: 0, count: centers * features)
        for i in centres.indices { centres[i] = Float(-10 + 20 * rng.uniform()) }
        var points = [Float](), labels = [Int]()
        points.reserveCapacity(n * features)
        labels.reserveCapacity(n)
        for c in 0..<centers {
            let count = n / centers + (c < n % centers ? 1 : 0)
            for _ in 0..<count {
                for f in 0..<features {
                    points.append(Float(Double(centres[c * features + f]) + std * rng.normal()))
                }
                labels.append(c)
            }
        }
        return Result(points: points, labels: labels, centers: centres)
    }
}
