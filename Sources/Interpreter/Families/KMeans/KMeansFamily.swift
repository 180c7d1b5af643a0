import Foundation
import Plots
import Runtime

/// k-means clustering (`kmeans(...)`), the blobs to try it on, and what can be asked of it.
enum KMeansFamily {
    static let family = ModelFamily(
        name: "kmeans",
        builtins: {
            [
                Builtin("kmeans(k: 3, init: \"kmeans++\", max_iter: 300, tol: 0.0001, n_init: 1, seed?)", area: "models",
                        doc: "k-means clustering by Lloyd's algorithm, scikit-learn's rules. init: \"kmeans++\", \"random\" or the k starting centroids as rows. n_init: starts, keeping the lowest inertia. Without seed: the session's seed.",
                        example: "km = kmeans(k: 3); train(km, blobs(n: 300, centers: 3))", body: make),
                Builtin("blobs(n: 300, centers: 3, std: 1, features: 2, seed?)", area: "data",
                        doc: "Gaussian blobs (scikit-learn's make_blobs): centres uniform in −10...10, n points split among them; the blob is the class.",
                        example: "data = blobs(n: 500, centers: 4, std: 1.5)", body: blobs),
                Builtin("elbow(data, k: 1...10, n_init: 3, seed?)", area: "models",
                        doc: "The final inertia of k-means for every k (the best of n_init k-means++ starts): the bend is a good k.",
                        example: "elbow(blobs(n: 300, centers: 4), k: 1...8)", body: elbow),
            ]
        },
        verbs: {
            [
                Builtin("train(model, data?, every: 1, fps: 30)", area: "training",
                        doc: "Runs Lloyd's algorithm to the end with the dashboard live, a frame every `every` half steps (assignment, update); with n_init starts it keeps the best. Without data it goes on with the last.",
                        example: "km = kmeans(k: 3); train(km, blobs(n: 300, centers: 3))", body: KMeansTraining.train),
                Builtin("step(model, data?)", area: "training",
                        doc: "One half step: an assignment (each point to its nearest centroid) or an update (each centroid to its points' mean); shows the dashboard.",
                        example: "km = kmeans(k: 3); step(km, blobs(n: 200)); step(km)", body: KMeansTraining.step),
                Builtin("predict(model, inputs)", area: "models",
                        doc: "The cluster of each point (the nearest centroid; one number for one point).",
                        example: "km = kmeans(k: 3); train(km, blobs(n: 300, centers: 3)); predict(km, [0, 0])") { args in
                    let model = try args.model("model", as: KMeansModel.self)
                    guard let run = model.run else { throw args.error("model", "is not trained yet: train(km, data) first") }
                    let (points, single) = try PointRows.queries(args, "inputs", features: run.d)
                    let labels = try args.runtime { try run.predict(points.map(Double.init)) }
                    if single { return .number(Double(labels[0])) }
                    return .list(labels.map { .number(Double($0)) })
                },
                Builtin("silhouette(model, data?)", area: "models",
                        doc: "The silhouette of each point (how much nearer its own cluster than the next) as a plot, and the mean, the score, printed.",
                        example: "silhouette(km)") { args in
                    let model = try args.model("model", as: KMeansModel.self)
                    guard let run = model.run, let rows = model.rows else { throw args.error("model", "is not trained yet: train(km, data) first") }
                    var points = rows.points, labels = run.labels
                    if args.has("data") {
                        let given = try PointRows.read(args, "data")
                        guard given.d == run.d else { throw args.error("data", "has \(given.d) features; the model has \(run.d)") }
                        points = given.points
                        labels = try args.runtime { try run.predict(given.points.map(Double.init)) }
                    }
                    let values = try args.runtime { try Silhouette.samples(points: points, features: run.d, labels: labels, k: run.k) }
                    let score = values.reduce(0, +) / Double(values.count)
                    args.context.session.display.write("silhouette score \(Value.format((score * 10_000).rounded() / 10_000))\n")
                    return .figure(KMeansViews.silhouette(values: values, labels: labels))
                },
            ]
        })

    static func make(_ args: inout Arguments) throws -> Value {
        let k = try args.has("k") ? args.positiveInteger("k") : 3
        guard k <= 1000 else { throw args.error("k", "must be at most 1000, got \(k)") }
        var method = KMeansInit.kmeansPlusPlus
        switch args.any("init") {
        case .null: break
        case .string(let name):
            guard let chosen = ["kmeans++": KMeansInit.kmeansPlusPlus, "random": .random][name] else {
                throw args.error("init", "must be \"kmeans++\", \"random\" or the starting centroids as rows, got \"\(name)\"")
            }
            method = chosen
        case let other:
            let rows: Tensor
            do { rows = try Conversions.tensor(from: other) } catch {
                throw args.error("init", "must be \"kmeans++\", \"random\" or the starting centroids as rows: \(error.message)")
            }
            guard rows.rank == 2, rows.shape[0] == k else {
                throw args.error("init", "must hold k = \(k) rows (one centroid each), got shape \(rows.shape)")
            }
            method = .given(rows.data.map(Double.init))
        }
        let maxIterations = try args.has("max_iter") ? args.positiveInteger("max_iter") : 300
        let tolerance = try args.has("tol") ? args.nonNegativeNumber("tol") : 1e-4
        let restarts = try args.has("n_init") ? args.positiveInteger("n_init") : 1
        guard restarts <= 100 else { throw args.error("n_init", "must be at most 100, got \(restarts)") }
        let (_, seed) = try args.withModelGenerator { _ in () }
        return .object(KMeansModel(k: k, initMethod: method, maxIterations: maxIterations, tolerance: tolerance,
                                   restarts: restarts, seed: seed))
    }

    static func blobs(_ args: inout Arguments) throws -> Value {
        let n = try args.has("n") ? args.positiveInteger("n") : 300
        guard n <= 1_000_000 else { throw args.error("n", "must be at most 1000000, got \(n)") }
        let centers = try args.has("centers") ? args.positiveInteger("centers") : 3
        guard centers <= n else { throw args.error("centers", "must be at most n (\(n)), got \(centers)") }
        let std = try args.has("std") ? args.nonNegativeNumber("std") : 1
        let features = try args.has("features") ? args.positiveInteger("features") : 2
        guard features <= 1000 else { throw args.error("features", "must be at most 1000, got \(features)") }
        let made = try args.withGenerator { rng in try Blobs.make(n: n, centers: centers, std: std, features: features, rng: &rng) }
        let names = features == 2 ? Dataset.planeFeatureNames : (0..<features).map { "x\($0)" }
        let data = try args.runtime {
            try Dataset(points: made.points, labels: made.labels, featureNames: names,
                        classNames: (0..<centers).map { "blob \($0)" },
                        name: "blobs(n: \(n), centers: \(centers), std: \(Value.format(std)))")
        }
        return .object(DatasetObject(data))
    }

    static func elbow(_ args: inout Arguments) throws -> Value {
        let rows = try PointRows.read(args, "data")
        var ks = Array(1...10)
        if args.has("k") {
            ks = try args.sequence("k").map { item in
                guard case .number(let x) = item, let k = Int(exactly: x), k >= 1 else {
                    throw args.error("k", "must hold whole numbers of 1 or more, \(Arguments.got(item))")
                }
                return k
            }
            guard !ks.isEmpty else { throw args.error("k", "is empty; give a range such as 1...10") }
        }
        guard let largest = ks.max(), largest <= rows.n else {
            throw args.error("k", "goes up to \(ks.max() ?? 0), more than the \(rows.n) points")
        }
        let restarts = try args.has("n_init") ? args.positiveInteger("n_init") : 3
        let session = args.context.session
        let inertias = try args.withGenerator { rng in
            try KMeansRestarts.elbow(points: rows.points.map(Double.init), features: rows.d, ks: ks, restarts: restarts,
                                     rng: &rng, shouldStop: { session.interrupt.isRaised })
        }
        let list = zip(ks, inertias).map { "k=\($0): \(Value.format(($1 * 100).rounded() / 100))" }.joined(separator: ", ")
        session.display.write("inertia \(list)\n")
        return .figure(KMeansViews.elbow(ks: ks, inertias: inertias))
    }
}
