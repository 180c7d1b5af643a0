import Foundation
import Runtime

// k-means and kNN: the data for the scikit-learn check and the speed benchmark (run in release).
//   nv-bench-cluster kmeans-dump TABULAR_DIR OUT_DIR        iris, wine, blobs: every iteration, as JSON
//   nv-bench-cluster knn-dump TABULAR_DIR MNIST_DIR OUT_DIR iris, penguins (scaled), MNIST 14x14: predictions
//   nv-bench-cluster bench MNIST_DIR [repeats]              one Lloyd iteration and kNN on the digits
// tools/reference/check_kmeans_knn.py runs all three and compares with scikit-learn.

let arguments = Array(CommandLine.arguments.dropFirst())

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func writeJSON(_ object: Any, to path: String) throws {
    try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: path))
}

/// Writes float32 values little-endian, for numpy.fromfile.
func writeFloats(_ values: [Float], to path: String) throws {
    try values.withUnsafeBytes { Data($0) }.write(to: URL(fileURLWithPath: path))
}

do {
    switch arguments.first ?? "" {
    case "kmeans-dump" where arguments.count == 3:
        try KMeansDump.run(tabular: arguments[1], out: arguments[2])
    case "knn-dump" where arguments.count == 4:
        try KNNDump.run(tabular: arguments[1], mnist: arguments[2], out: arguments[3])
    case "bench" where arguments.count >= 2:
        try ClusterBench.run(mnist: arguments[1], repeats: arguments.count > 2 ? Int(arguments[2]) ?? 5 : 5)
    default:
        print("usage: nv-bench-cluster kmeans-dump TABULAR_DIR OUT_DIR | knn-dump TABULAR_DIR MNIST_DIR OUT_DIR | bench MNIST_DIR [repeats]")
        exit(2)
    }
} catch {
    print("error: \(error)")
    exit(1)
}
