/// k-means with several starts (`n_init`), keeping the best, and the elbow curve.
public enum KMeansRestarts {
    /// The outcome of `fit`.
    public struct Result: Sendable {
        /// The run with the lowest final inertia.
        public var best: KMeans
        /// Which start it was (0-based).
        public var bestRestart: Int
        /// The final inertia of every start, in order.
        public var inertias: [Double]
    }

    /// Runs `restarts` starts one after another, each from centroids drawn from `rng` in turn,
    /// and keeps the best one by scikit-learn's rule: a later start replaces the best only when its
    /// inertia is strictly lower and its clustering is not the same one up to a renaming of the
    /// clusters (so rounding noise between equal clusterings never changes the answer).
    /// `observer(start, run)` sees every half step; returning false stops everything (the best so
    /// far, including the interrupted start when it is the first, is returned).
    /// - Throws: `RuntimeError` for bad data or settings (see `KMeans.init`).
    public static func fit(points: [Double], features d: Int, k: Int, init method: KMeansInit = .kmeansPlusPlus,
                           maxIterations: Int = 300, tolerance: Double = 1e-4, restarts: Int = 1,
                           rng: inout SeededGenerator,
                           observer: (Int, KMeans) -> Bool = { _, _ in true }) throws -> Result {
        guard restarts >= 1 else { throw RuntimeError("n_init must be at least 1, got \(restarts)") }
        var best: KMeans?
        var bestRestart = 0
        var inertias: [Double] = []
        for start in 0..<restarts {
            var run = try KMeans(points: points, features: d, k: k, init: method, maxIterations: maxIterations,
                                 tolerance: tolerance, rng: &rng)
            var stopped = false
            run.run { state in
                if observer(start, state) { return true }
                stopped = true
                return false
            }
            let inertia = run.inertia ?? .infinity
            inertias.append(inertia)
            if let current = best, let currentInertia = current.inertia {
                if inertia < currentInertia && !sameClustering(run.labels, current.labels, k: k) {
                    best = run
                    bestRestart = start
                }
            } else {
                best = run
                bestRestart = start
            }
            if stopped { break }
        }
        return Result(best: best!, bestRestart: bestRestart, inertias: inertias)
    }

    /// True when two labelings are the same partition up to renaming the clusters (scikit-learn's
    /// `_is_same_clustering`: a one-way map from the first labels to the second suffices there).
    public static func sameClustering(_ a: [Int], _ b: [Int], k: Int) -> Bool {
        guard a.count == b.count else { return false }
        var map = [Int](repeating: -1, count: k)
        for i in a.indices {
            let from = a[i]
            guard from >= 0 && from < k else { return false }
            if map[from] == -1 { map[from] = b[i] } else if map[from] != b[i] { return false }
        }
        return true
    }

    /// The final inertia for every k in `ks` (each the best of `restarts` k-means++ starts), the
    /// elbow curve. Every k draws from `rng` in turn.
    /// - Throws: `RuntimeError` for bad data or a k outside 1...n.
    public static func elbow(points: [Double], features d: Int, ks: [Int], restarts: Int = 1,
                             maxIterations: Int = 300, tolerance: Double = 1e-4,
                             rng: inout SeededGenerator, shouldStop: () -> Bool = { false }) throws -> [Double] {
        var out: [Double] = []
        for k in ks {
            if shouldStop() { break }
            let result = try fit(points: points, features: d, k: k, maxIterations: maxIterations,
                                 tolerance: tolerance, restarts: restarts, rng: &rng) { _, _ in !shouldStop() }
            out.append(result.best.inertia ?? .nan)
        }
        return out
    }
}
