import Foundation
import Runtime

/// nv's kNN predictions and probabilities on iris, penguins and MNIST digits, for the check.
/// Splits are fixed: every third point (iris, penguins) is a query, the rest the training set;
/// MNIST: the 5,000 shipped training digits and the first 2,000 test digits, 14x14.
enum KNNDump {
    static func split(_ t: TabularFiles.Table) -> (train: [Float], trainLabels: [Int], test: [Float], testLabels: [Int]) {
        var r: ([Float], [Int], [Float], [Int]) = ([], [], [], [])
        let d = t.features
        for i in t.labels.indices {
            let row = Array(t.points[i * d ..< i * d + d])
            if i % 3 == 2 { r.2 += row; r.3.append(t.labels[i]) } else { r.0 += row; r.1.append(t.labels[i]) }
        }
        return r
    }

    static func run(tabular: String, mnist: String, out: String) throws {
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        var sets: [(String, [Float], [Int], [Float], [Int], Int, Int)] = []
        for (name, table) in [("iris", try TabularFiles.sklearnLayout(tabular + "/iris.csv")),
                              ("penguins", try TabularFiles.penguins(tabular + "/penguins.csv"))] {
            let s = split(table)
            sets.append((name, s.train, s.trainLabels, s.test, s.testLabels, table.features, table.classes))
        }
        let train = try MNIST.downsample(MNIST.readPair(images: MNIST.file(in: mnist, names: ["train-5k-images-idx3-ubyte"]), name: "train"), to: 14)
        let test = try MNIST.downsample(MNIST.readPair(images: MNIST.file(in: mnist, names: ["t10k-images-idx3-ubyte"]), name: "test"), to: 14)
        let test2k = test.subset(Array(0..<2000))
        sets.append(("mnist14", train.images, train.labels, test2k.images, test2k.labels, 196, 10))
        var runs: [[String: Any]] = []
        for (name, trainX, trainY, testX, testY, d, classes) in sets {
            try writeFloats(trainX, to: "\(out)/\(name)-train.f32")
            try writeFloats(testX, to: "\(out)/\(name)-test.f32")
            try writeJSON(["train_labels": trainY, "test_labels": testY, "features": d, "classes": classes],
                          to: "\(out)/\(name)-labels.json")
            let scale = name == "penguins"
            var configs: [(Int, KNNWeights, KNNMetric)] = [(5, .uniform, .euclidean), (15, .distance, .euclidean)]
            if name != "mnist14" { configs += [(7, .uniform, .manhattan), (5, .distance, .cosine), (1, .uniform, .euclidean)] }
            for (k, weights, metric) in configs {
                let model = try KNNClassifier(points: trainX, labels: trainY, features: d, classes: classes, k: k,
                                              weights: weights, metric: metric, scale: scale)
                let neighbours = try model.neighbours(testX)
                let probabilities = model.probabilities(neighbours)
                let predicted = model.predictions(from: probabilities)
                let accuracy = Double(zip(predicted, testY).filter { $0 == $1 }.count) / Double(testY.count)
                runs.append(["set": name, "k": k, "weights": weights.rawValue, "metric": metric.rawValue, "scale": scale,
                             "predictions": predicted, "probabilities": probabilities,
                             "neighbours": neighbours.indices, "distances": neighbours.distances])
                print("\(name) k=\(k) \(weights.rawValue) \(metric.rawValue)\(scale ? " scaled" : ""): accuracy \(accuracy)")
            }
        }
        try writeJSON(runs, to: out + "/knn.json")
    }
}
