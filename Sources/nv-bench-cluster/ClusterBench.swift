import Foundation
import Runtime

/// Times one Lloyd iteration (10,000 test digits, 784 features, k = 10) and kNN predictions
/// (10,000 test digits against the 5,000 training digits, k = 5), best of `repeats`; prints one
/// line per measure for tools/reference/bench_kmeans_knn.py to read.
enum ClusterBench {
    static func run(mnist: String, repeats: Int) throws {
        let train = try MNIST.readPair(images: MNIST.file(in: mnist, names: ["train-5k-images-idx3-ubyte"]), name: "train")
        let test = try MNIST.readPair(images: MNIST.file(in: mnist, names: ["t10k-images-idx3-ubyte"]), name: "test")
        let d = 784, k = 10, n = test.count
        let initial = (0..<(k * d)).map { Double(test.images[$0]) }   // the first ten digits
        var rng = SeededGenerator(seed: 1)
        var best = Double.infinity
        var inertia = 0.0
        for _ in 0..<repeats {
            var km = try KMeans(points: test.images, features: d, k: k, init: .given(initial), rng: &rng)
            let t = seconds {
                km.step()   // assignment
                km.step()   // update
            }
            best = min(best, t)
            inertia = km.inertia ?? 0
        }
        let flops = 2.0 * Double(n * k * d) + Double(n * d)
        print(String(format: "kmeans-iteration seconds=%.6f gflops=%.2f inertia=%.6f", best, flops / best / 1e9, inertia))
        let model = try KNNClassifier(points: train.images, labels: train.labels, features: d, classes: 10, k: 5)
        var bestKNN = Double.infinity
        var accuracy = 0.0
        for _ in 0..<max(1, repeats / 2) {
            var predicted: [Int] = []
            let t = try seconds { predicted = try model.predict(test.images) }
            bestKNN = min(bestKNN, t)
            accuracy = Double(zip(predicted, test.labels).filter { $0 == $1 }.count) / Double(n)
        }
        let knnFlops = 2.0 * Double(n) * Double(train.count) * Double(d)
        print(String(format: "knn-predict seconds=%.6f gflops=%.2f accuracy=%.4f", bestKNN, knnFlops / bestKNN / 1e9, accuracy))
    }
}
