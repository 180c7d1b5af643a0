import Foundation
import Testing
@testable import Runtime

@Suite struct KMeansTests {
    /// Four points on a line from the centroids 0 and 1, worked by hand: the far pair pulls the
    /// second centroid to 22/3, then 1 changes sides, then nothing changes.
    @Test func lloydOnALineStepByStep() throws {
        var rng = SeededGenerator(seed: 1)
        var km = try KMeans(points: [0, 1, 10, 11] as [Float], features: 1, k: 2, init: .given([0, 1]), rng: &rng)
        #expect(km.next == .assign)
        km.step()
        #expect(km.labels == [0, 1, 1, 1] && km.changedCount == 4 && km.next == .update)
        #expect(abs(km.inertia! - 181) < 1e-12)
        km.step()
        #expect(abs(km.centroids[0]) < 1e-12 && abs(km.centroids[1] - 22.0 / 3) < 1e-12)
        km.step()
        #expect(km.labels == [0, 0, 1, 1] && km.changed == [false, true, false, false])
        km.step()
        #expect(abs(km.centroids[0] - 0.5) < 1e-12 && abs(km.centroids[1] - 10.5) < 1e-12)
        km.step()
        #expect(km.stop == .converged && km.iterations == 3)
        #expect(abs(km.inertia! - 1) < 1e-12)
        #expect(km.inertiaHistory.count == 3 && abs(km.inertiaHistory[1] - (1 + 64.0 / 9 + 121.0 / 9)) < 1e-9)
        #expect(km.trail.count == 3)
        let stepped = km.step()
        #expect(!stepped)
    }

    /// A point exactly between two centroids joins the one with the lower index.
    @Test func equalDistanceGoesToTheLowerCentroid() throws {
        var rng = SeededGenerator(seed: 1)
        var km = try KMeans(points: [0, 1, 2] as [Float], features: 1, k: 2, init: .given([2, 0]), rng: &rng)
        km.step()
        #expect(km.labels == [1, 0, 0])
        var other = try KMeans(points: [0, 1, 2] as [Float], features: 1, k: 2, init: .given([0, 2]), rng: &rng)
        other.step()
        #expect(other.labels == [0, 0, 1])
    }

    /// A centroid far from every point gets none and takes the point farthest from its own
    /// centroid, which leaves its old cluster's sum (scikit-learn's relocation).
    @Test func emptyClusterTakesTheFarthestPoint() throws {
        var rng = SeededGenerator(seed: 1)
        var km = try KMeans(points: [0, 1, 2, 10] as [Float], features: 1, k: 3, init: .given([0, 100, 1]), rng: &rng)
        km.step()
        #expect(km.labels == [0, 2, 2, 2] && km.sizes == [1, 0, 3])
        km.step()
        #expect(km.sizes == [1, 1, 2])
        #expect(km.centroids.map { ($0 * 1e9).rounded() / 1e9 } == [0, 10, 1.5])
        #expect(km.labels == [0, 2, 2, 2], "the point keeps its label until the next assignment")
        km.step()
        #expect(km.labels == [0, 2, 2, 1])
    }

    /// After a stop by tolerance or by the iteration limit, the points are assigned once more,
    /// so the labels are always the nearest centroids' (not counted as an iteration).
    @Test(arguments: [(1, 1e-4), (300, 0.5)])
    func labelsMatchTheFinalCentroids(maxIterations: Int, tolerance: Double) throws {
        var rng = SeededGenerator(seed: 5)
        let blobs = try Blobs.make(n: 300, centers: 4, std: 2.5, rng: &rng)
        var km = try KMeans(points: blobs.points, features: 2, k: 4, init: .random,
                            maxIterations: maxIterations, tolerance: tolerance, rng: &rng)
        km.run()
        #expect(km.stop != nil && km.stop != .converged)
        if maxIterations == 1 { #expect(km.stop == .maxIterations && km.iterations == 1) }
        #expect(try km.predict(blobs.points.map(Double.init)) == km.labels)
        // The recorded inertia is the sum of squared distances to the assigned centroids.
        let c = km.centroids
        var inertia = 0.0
        for i in 0..<300 {
            for f in 0..<2 {
                let e = Double(blobs.points[i * 2 + f]) - c[km.labels[i] * 2 + f]
                inertia += e * e
            }
        }
        #expect(abs(inertia - km.inertia!) < 1e-9 * inertia)
    }

    /// k-means++ from a seed: reproducible, distinct starting points, and on well-separated
    /// blobs every cluster is one blob.
    @Test func kmeansPlusPlusFindsSeparatedBlobs() throws {
        var data = SeededGenerator(seed: 11)
        let blobs = try Blobs.make(n: 500, centers: 5, std: 0.3, rng: &data)
        var a = SeededGenerator(seed: 2), b = SeededGenerator(seed: 2)
        var km = try KMeans(points: blobs.points, features: 2, k: 5, rng: &a)
        let same = try KMeans(points: blobs.points, features: 2, k: 5, rng: &b)
        #expect(km.trail[0] == same.trail[0])
        #expect(Set(stride(from: 0, to: 10, by: 2).map { km.trail[0][$0] }).count == 5)
        km.run()
        #expect(km.stop == .converged)
        for cluster in 0..<5 {
            let truth = Set(km.labels.indices.filter { km.labels[$0] == cluster }.map { blobs.labels[$0] })
            #expect(truth.count == 1, "cluster \(cluster) mixes blobs \(truth)")
        }
    }

    /// Several starts keep the lowest inertia; equal clusterings up to renaming are recognised.
    @Test func restartsKeepTheBest() throws {
        var data = SeededGenerator(seed: 8)
        let blobs = try Blobs.make(n: 400, centers: 6, std: 1.5, rng: &data)
        var rng = SeededGenerator(seed: 3)
        let result = try KMeansRestarts.fit(points: blobs.points.map(Double.init), features: 2, k: 6,
                                            init: .random, restarts: 6, rng: &rng)
        #expect(result.inertias.count == 6)
        #expect(result.best.inertia == result.inertias.min())
        #expect(result.inertias[result.bestRestart] == result.best.inertia)
        #expect(KMeansRestarts.sameClustering([0, 0, 1, 2], [2, 2, 0, 1], k: 3))
        #expect(!KMeansRestarts.sameClustering([0, 0, 1, 2], [2, 1, 0, 1], k: 3))
    }

    /// The elbow curve falls as k grows (each k's best of a few starts).
    @Test func elbowFalls() throws {
        var data = SeededGenerator(seed: 4)
        let blobs = try Blobs.make(n: 300, centers: 3, std: 0.8, rng: &data)
        var rng = SeededGenerator(seed: 1)
        let curve = try KMeansRestarts.elbow(points: blobs.points.map(Double.init), features: 2, ks: Array(1...6),
                                             restarts: 3, rng: &rng)
        #expect(curve.count == 6)
        for i in 1..<6 { #expect(curve[i] <= curve[i - 1]) }
        #expect(curve[1] - curve[2] > 3 * (curve[2] - curve[3]), "the elbow is at the three blobs: \(curve)")
    }

    /// Moving a centroid by hand makes the next half step an assignment and revives a stopped run.
    @Test func settingACentroidRestarts() throws {
        var rng = SeededGenerator(seed: 1)
        var km = try KMeans(points: [0, 1, 10, 11] as [Float], features: 1, k: 2, init: .given([0, 1]), rng: &rng)
        km.run()
        #expect(km.isFinished)
        try km.setCentroid(1, to: [-5])
        #expect(!km.isFinished && km.next == .assign && km.trail.count == 4)
        km.step()
        #expect(km.labels == [0, 0, 0, 0])
        #expect(runtimeMessage { try km.setCentroid(2, to: [0]) } == "centroid index 2 is outside 0...1")
        #expect(runtimeMessage { try km.setCentroid(0, to: [0, 1]) } == "a centroid has 1 features, got 2")
    }

    @Test func badInputIsRefusedWithAClearMessage() {
        var rng = SeededGenerator(seed: 1)
        #expect(runtimeMessage { try KMeans(points: [0, 1] as [Float], features: 1, k: 0, rng: &rng) }
                == "k must be at least 1, got 0")
        #expect(runtimeMessage { try KMeans(points: [0, 1] as [Float], features: 1, k: 3, rng: &rng) }
                == "k = 3 is more than the 2 points; every cluster needs a point")
        #expect(runtimeMessage { try KMeans(points: [] as [Float], features: 2, k: 1, rng: &rng) }
                == "the data has no points")
        #expect(runtimeMessage { try KMeans(points: [0, 1, .nan, 2] as [Float], features: 2, k: 1, rng: &rng) }
                == "point 1, feature 0 is not a number (NaN)")
        #expect(runtimeMessage { try KMeans(points: [0, 1, 2] as [Float], features: 2, k: 1, rng: &rng) }
                == "3 values do not make points of 2 features")
        #expect(runtimeMessage { try KMeans(points: [0, 1, 2, 3] as [Float], features: 2, k: 2, init: .given([0, 0, 1]), rng: &rng) }
                == "the initial centroids must be 2 points of 2 features, got 3 values")
    }

    /// Silhouettes worked by hand on two pairs: for the point 0, a = 1 and b = (10 + 11) / 2.
    @Test func silhouetteByHand() throws {
        let s = try Silhouette.samples(points: [0, 1, 10, 11], features: 1, labels: [0, 0, 1, 1], k: 2)
        #expect(abs(s[0] - 9.5 / 10.5) < 1e-12 && abs(s[1] - 8.5 / 9.5) < 1e-12)
        #expect(abs(s[3] - 9.5 / 10.5) < 1e-12)
        let single = try Silhouette.samples(points: [0, 1, 10], features: 1, labels: [0, 0, 1], k: 2)
        #expect(single[2] == 0, "a point alone in its cluster scores 0")
        #expect(runtimeMessage { try Silhouette.samples(points: [0, 1], features: 1, labels: [0, 0], k: 2) }
                == "needs between 2 and 1 non-empty clusters, got 1")
    }

    /// Many features take the GEMM path; it agrees with the exact double-precision one.
    @Test func silhouetteOfManyFeaturesMatchesTheExactSums() throws {
        var rng = SeededGenerator(seed: 6)
        let blobs = try Blobs.make(n: 120, centers: 3, std: 2, features: 40, rng: &rng)
        let fast = try Silhouette.samples(points: blobs.points, features: 40, labels: blobs.labels, k: 3)
        // The same points padded with zero features: 40 → still ≥ 32; compare with a direct sum.
        for i in [0, 50, 119] {
            var sums = [Double](repeating: 0, count: 3), sizes = [0, 0, 0]
            for j in 0..<120 {
                sizes[blobs.labels[j]] += 1
                guard j != i else { continue }
                var s = 0.0
                for f in 0..<40 {
                    let e = Double(blobs.points[i * 40 + f]) - Double(blobs.points[j * 40 + f])
                    s += e * e
                }
                sums[blobs.labels[j]] += s.squareRoot()
            }
            let own = blobs.labels[i]
            let a = sums[own] / Double(sizes[own] - 1)
            let b = (0..<3).filter { $0 != own }.map { sums[$0] / Double(sizes[$0]) }.min()!
            #expect(abs(fast[i] - (b - a) / max(a, b)) < 1e-4)
        }
    }
}
