import Foundation
import Runtime

/// nv's k-means on iris, wine and blobs, every half step written out for the scikit-learn check.
enum KMeansDump {
    struct Case {
        var name: String
        var points: [Float]
        var features: Int
        var k: Int
        var method: KMeansInit
        var seed: UInt64
    }

    static func cases(tabular: String) throws -> [Case] {
        let iris = try TabularFiles.sklearnLayout(tabular + "/iris.csv")
        let wine = try TabularFiles.sklearnLayout(tabular + "/wine_data.csv")
        var rng = SeededGenerator(seed: 3)
        let blobs = try Blobs.make(n: 600, centers: 5, std: 1.5, rng: &rng)
        // Three starts where one is far from every point: its cluster is empty after the first
        // assignment and takes the farthest point (scikit-learn's relocation).
        let far: [Double] = [Double(blobs.points[0]), Double(blobs.points[1]), Double(blobs.points[2]),
                             Double(blobs.points[3]), 100, 100]
        return [
            Case(name: "iris", points: iris.points, features: 4, k: 3, method: .kmeansPlusPlus, seed: 1),
            Case(name: "iris-random-k5", points: iris.points, features: 4, k: 5, method: .random, seed: 2),
            Case(name: "wine", points: wine.points, features: 13, k: 3, method: .kmeansPlusPlus, seed: 1),
            Case(name: "wine-random-k4", points: wine.points, features: 13, k: 4, method: .random, seed: 5),
            Case(name: "blobs", points: blobs.points, features: 2, k: 5, method: .kmeansPlusPlus, seed: 4),
            Case(name: "blobs-empty-cluster", points: blobs.points, features: 2, k: 3, method: .given(far), seed: 0),
        ]
    }

    static func run(tabular: String, out: String) throws {
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        var all: [[String: Any]] = []
        for c in try cases(tabular: tabular) {
            var rng = SeededGenerator(seed: c.seed)
            var km = try KMeans(points: c.points, features: c.features, k: c.k, init: c.method, rng: &rng)
            var assignLabels: [[Int]] = []
            var relocations = 0
            km.run { state in
                if state.next == .update { assignLabels.append(state.labels) }
                if state.next == .assign, state.sizes.contains(0) { relocations += 1 }
                return true
            }
            let stop: String = switch km.stop {
            case .converged: "converged"
            case .tolerance: "tolerance"
            case .maxIterations: "max_iter"
            case nil: "running"
            }
            all.append([
                "name": c.name, "k": c.k, "features": c.features,
                "points": c.points.map(Double.init),
                "init": km.trail[0],
                "trail": km.trail,
                "assign_labels": assignLabels,
                "inertia_history": km.inertiaHistory,
                "iterations": km.iterations,
                "stop": stop,
                "labels": km.labels,
                "centroids": km.centroids,
                "inertia": km.inertia ?? -1,
            ])
            print("\(c.name): \(km.iterations) iterations, \(stop), inertia \(km.inertia ?? -1)")
        }
        try writeJSON(all, to: out + "/kmeans.json")
        // Silhouette of iris at k = 3 for the check of Silhouette against silhouette_samples.
        let iris = try TabularFiles.sklearnLayout(tabular + "/iris.csv")
        var rng = SeededGenerator(seed: 1)
        var km = try KMeans(points: iris.points, features: 4, k: 3, rng: &rng)
        km.run()
        let samples = try Silhouette.samples(points: iris.points, features: 4, labels: km.labels, k: 3)
        try writeJSON(["labels": km.labels, "samples": samples], to: out + "/silhouette.json")
    }
}
