import Foundation

/// How k-means chooses its first centroids.
public enum KMeansInit: Sendable, Equatable {
    /// Greedy k-means++ (Arthur & Vassilvitskii; scikit-learn's default): the first centroid is a
    /// uniformly drawn point; each next one is the best of 2 + ⌊ln k⌋ candidates drawn with
    /// probability proportional to their squared distance to the nearest centroid so far, "best"
    /// meaning the smallest total squared distance once it is added.
    case kmeansPlusPlus
    /// k distinct points drawn uniformly.
    case random
    /// The given centroids, `[k, d]` row-major.
    case given([Double])

    /// The name used in messages and summaries.
    public var name: String {
        switch self {
        case .kmeansPlusPlus: "kmeans++"
        case .random: "random"
        case .given: "given"
        }
    }

    /// Chooses `k` centroids `[k, d]` from the points `x` `[n, d]`, drawing from `rng`.
    /// Ties (equal potentials among k-means++ candidates) go to the earlier candidate.
    static func centroids(_ method: KMeansInit, x: [Double], n: Int, d: Int, k: Int,
                          rng: inout SeededGenerator) -> [Double] {
        switch method {
        case .given(let c):
            return c
        case .random:
            // A partial Fisher–Yates shuffle: the first k of a uniform permutation.
            var order = Array(0..<n)
            for i in 0..<k {
                let j = i + Int(rng.uniform() * Double(n - i))
                order.swapAt(i, Swift.min(j, n - 1))
            }
            var c: [Double] = []
            c.reserveCapacity(k * d)
            for i in 0..<k { c += x[order[i] * d ..< order[i] * d + d] }
            return c
        case .kmeansPlusPlus:
            return plusPlus(x: x, n: n, d: d, k: k, rng: &rng)
        }
    }

    static func plusPlus(x: [Double], n: Int, d: Int, k: Int, rng: inout SeededGenerator) -> [Double] {
        let trials = 2 + Int(Foundation.log(Double(k)))
        var chosen = [Int]()
        chosen.reserveCapacity(k)
        chosen.append(Swift.min(n - 1, Int(rng.uniform() * Double(n))))
        var closest = distances(to: chosen[0], x: x, n: n, d: d)   // [n] squared distance to the nearest centroid
        var potential = closest.reduce(0, +)
        while chosen.count < k {
            // Inverse-CDF sampling on the running sum of squared distances: the first point whose
            // cumulative sum reaches the drawn value (scikit-learn's searchsorted, left side).
            var cumulative = [Double](repeating: 0, count: n)
            var running = 0.0
            for i in 0..<n { running += closest[i]; cumulative[i] = running }
            var bestCandidate = -1, bestPotential = Double.infinity
            var bestDistances: [Double] = []
            for _ in 0..<trials {
                let target = rng.uniform() * potential
                var lo = 0, hi = n
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if cumulative[mid] < target { lo = mid + 1 } else { hi = mid }
                }
                let candidate = Swift.min(lo, n - 1)
                var merged = distances(to: candidate, x: x, n: n, d: d)
                var total = 0.0
                for i in 0..<n {
                    merged[i] = Swift.min(merged[i], closest[i])
                    total += merged[i]
                }
                if total < bestPotential {
                    bestPotential = total
                    bestCandidate = candidate
                    bestDistances = merged
                }
            }
            if bestCandidate < 0 {
                // Every potential was NaN or infinite (cannot happen with checked data); take a point.
                bestCandidate = chosen.count % n
                bestDistances = closest
                bestPotential = potential
            }
            chosen.append(bestCandidate)
            closest = bestDistances
            potential = bestPotential
        }
        var c: [Double] = []
        c.reserveCapacity(k * d)
        for i in chosen { c += x[i * d ..< i * d + d] }
        return c
    }

    /// Squared distances of every point to point `index`: [n].
    static func distances(to index: Int, x: [Double], n: Int, d: Int) -> [Double] {
        x.withUnsafeBufferPointer { xp in
            let base = xp.baseAddress!
            let centre = base + index * d
            return (0..<n).map { KMeansKernels.squaredDistance(base + $0 * d, centre, d) }
        }
    }
}
