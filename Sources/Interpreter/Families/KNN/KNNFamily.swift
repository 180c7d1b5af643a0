import Foundation
import Plots
import Runtime

/// k-nearest neighbours (`knn(...)`) and what can be asked of it.
enum KNNFamily {
    static let family = ModelFamily(
        name: "knn",
        builtins: {
            [
                Builtin("knn(k: 5, weights: \"uniform\", metric: \"euclidean\", scale: false)", area: "models",
                        doc: "k-nearest neighbours: a point takes the class most of its k nearest training points have. weights: \"uniform\" or \"distance\" (1/d); metric: \"euclidean\", \"manhattan\" or \"cosine\"; scale: standardise features with the training set's mean and std.",
                        example: "m = knn(k: 5); train(m, split(blobs(n: 300, centers: 3)))", body: make),
            ]
        },
        verbs: {
            [
                Builtin("train(model, data, every: 10, fps: 30)", area: "training",
                        doc: "Adds the training points `every` at a time, the decision regions redrawn as they form; accuracy on the training and test parts.",
                        example: "m = knn(); train(m, split(moons(n: 300)), every: 10)", body: KNNTraining.train),
                Builtin("predict(model, inputs)", area: "models",
                        doc: "The class of each point (one number for one point); for one point of a 2D model it also draws the query, lines to its k neighbours and the vote.",
                        example: "m = knn(k: 5); train(m, moons(n: 200)); predict(m, [0, 1])", body: KNNTraining.predict),
                Builtin("accuracy(model, data)", area: "models",
                        doc: "Fraction of the data's points (its test part when split) classified right.",
                        example: "m = knn(k: 5); data = split(moons(n: 200)); train(m, data); accuracy(m, data)") { args in
                    let model = try args.model("model", as: KNNModel.self)
                    let classifier = try KNNTraining.trained(args, model)
                    let rows = try PointRows.read(args, "data")
                    let (points, labels) = rows.test ?? (rows.points, rows.labels)
                    guard !labels.isEmpty else { throw args.error("data", "has no labels to compare with") }
                    guard rows.d == classifier.d else { throw args.error("data", "has \(rows.d) features; the model takes \(classifier.d)") }
                    return .number(try args.runtime { try classifier.accuracy(points, labels: labels) })
                },
                Builtin("neighbours(model, digit)", area: "models",
                        doc: "An image beside its k nearest training images, with their labels and distances, and the vote.",
                        example: "d = mnist(size: 14); m = knn(); train(m, d); neighbours(m, d.test[0])") { args in
                    let model = try args.model("model", as: KNNModel.self)
                    let classifier = try KNNTraining.trained(args, model)
                    guard let picture = model.picture, picture.imageSize != nil else {
                        throw args.error("model", "was trained on points, not images; neighbours is for image data such as mnist(...)")
                    }
                    let (image, single) = try PointRows.queries(args, "digit", features: classifier.d)
                    guard single else { throw args.error("digit", "must be one image") }
                    return .figure(KNNViews.neighbours(classifier, picture: picture, image: image))
                },
                Builtin("k_sweep(model, data, k: 1...30)", area: "models",
                        doc: "Train and test accuracy for every k (the data must be split): small k follows every point, large k smooths.",
                        example: "k_sweep(m, split(moons(n: 300, noise: 0.3)), k: 1...30)", body: KNNTraining.sweep),
            ]
        })

    static func make(_ args: inout Arguments) throws -> Value {
        let k = try args.has("k") ? args.positiveInteger("k") : 5
        let weights = KNNWeights(rawValue: try args.choice("weights", among: KNNWeights.allCases.map(\.rawValue), default: "uniform"))!
        let metric = KNNMetric(rawValue: try args.choice("metric", among: KNNMetric.allCases.map(\.rawValue), default: "euclidean"))!
        let scale = try args.flag("scale")
        return .object(KNNModel(k: k, weights: weights, metric: metric, scale: scale))
    }
}
