import Foundation
import Plots
import Runtime

/// `train`, `predict` and `k_sweep` for kNN. Training stores points, so the live run adds them
/// a few at a time and redraws the regions: the picture is the learning.
enum KNNTraining {
    static func trained(_ args: Arguments, _ model: KNNModel) throws -> KNNClassifier {
        guard let classifier = model.classifier else { throw args.error("model", "is not trained yet: train(m, data) first") }
        return classifier
    }

    static func classifier(_ model: KNNModel, _ rows: PointRows, count: Int, scaler: FeatureScaler?) throws -> KNNClassifier {
        let classes = Swift.max(rows.classNames?.count ?? 0, (rows.labels.max() ?? 0) + 1)
        return try KNNClassifier(points: Array(rows.points.prefix(count * rows.d)), labels: Array(rows.labels.prefix(count)),
                                 features: rows.d, classes: classes, k: Swift.min(model.k, count), weights: model.weights,
                                 metric: model.metric, scale: model.scale, scaler: scaler)
    }

    static func train(_ args: inout Arguments) throws -> Value {
        let model = try args.model("model", as: KNNModel.self)
        guard args.has("data") else { throw args.error("data", "is needed: train(m, data), with data from blobs(), moons(), mnist(), ...") }
        let rows = try PointRows.read(args, "data")
        guard !rows.labels.isEmpty else { throw args.error("data", "has no labels; kNN learns from labelled points") }
        guard model.k <= rows.n else { throw args.error("data", "has \(rows.n) points, fewer than k = \(model.k)") }
        let every = try args.count("every", default: 10, limit: 10_000_000)
        let scaler = model.scale ? try args.runtime { try FeatureScaler(points: rows.points, features: rows.d) } : nil
        // Regions and accuracies per frame are only worth their cost on small data; image sets jump to the end.
        let live = rows.imageSize == nil && rows.n <= 20_000
        let picture = KNNPicture(train: rows.points, trainLabels: rows.labels, test: rows.test?.points ?? [],
                                 testLabels: rows.test?.labels ?? [], features: rows.d, classNames: rows.classNames,
                                 featureNames: rows.featureNames, imageSize: rows.imageSize)
        model.picture = picture
        model.progress = KNNProgress()
        let run = try args.liveTraining(total: rows.n, firstEpoch: 0)
        run.begin()
        var shown = live ? Swift.min(rows.n, Swift.max(model.k, every)) : rows.n
        var current: KNNClassifier?
        while true {
            let classifier = try args.runtime { try self.classifier(model, rows, count: shown, scaler: scaler) }
            current = classifier
            if live {
                model.progress.shown.append(shown)
                let prefix = Array(rows.points.prefix(shown * rows.d))
                model.progress.trainAccuracy.append(try args.runtime { try classifier.accuracy(prefix, labels: Array(rows.labels.prefix(shown))) })
                if let test = rows.test, !test.labels.isEmpty {
                    model.progress.testAccuracy.append(try args.runtime { try classifier.accuracy(test.points, labels: test.labels) })
                }
                let progress = model.progress, count = shown
                run.report(status: { run.progress.status(epoch: count, loss: progress.trainAccuracy.last ?? 0) },
                           frame: { KNNViews.dashboard(classifier, picture: picture, shown: count, progress: progress) })
            }
            if shown >= rows.n || run.stopFlag.isRaised { break }
            shown = Swift.min(rows.n, shown + every)
        }
        model.classifier = current
        let progress = model.progress
        run.finish(status: KNNViews.status(current, picture: picture, shown: shown, progress: progress), frame: KNNViews.dashboard(current, picture: picture, shown: shown, progress: progress))
        if run.stopReason != nil { run.writeStopMessage(at: "at \(shown) points", kept: "the points so far are kept") }
        var summary = "\(shown) training points"
        if let classifier = current, let test = rows.test, !test.labels.isEmpty {
            let accuracy = live ? progress.testAccuracy.last ?? 0 : try args.runtime { try classifier.accuracy(test.points, labels: test.labels) }
            summary += ", test accuracy \(TrainingProgress.percent(accuracy))"
        }
        args.context.session.display.write(summary + "\n")
        return .null
    }

    static func predict(_ args: inout Arguments) throws -> Value {
        let model = try args.model("model", as: KNNModel.self)
        let classifier = try trained(args, model)
        let (points, single) = try PointRows.queries(args, "inputs", features: classifier.d)
        let labels = try args.runtime { try classifier.predict(points) }
        if single {
            if classifier.d == 2, let picture = model.picture {
                args.context.session.display.show(KNNViews.query(classifier, picture: picture, point: points))
            }
            return .number(Double(labels[0]))
        }
        return .list(labels.map { .number(Double($0)) })
    }

    static func sweep(_ args: inout Arguments) throws -> Value {
        let model = try args.model("model", as: KNNModel.self)
        let rows = try PointRows.read(args, "data")
        guard let test = rows.test, !test.labels.isEmpty else {
            throw args.error("data", "must be split into train and test parts: k_sweep(m, split(data, 0.8))")
        }
        var ks = Array(1...30)
        if args.has("k") {
            ks = try args.sequence("k").map { item in
                guard case .number(let x) = item, let k = Int(exactly: x), k >= 1 else {
                    throw args.error("k", "must hold whole numbers of 1 or more, \(Arguments.got(item))")
                }
                return k
            }
        }
        ks = ks.filter { $0 <= rows.n }
        guard !ks.isEmpty else { throw args.error("k", "has no k of at most the \(rows.n) training points") }
        let scaler = model.scale ? try args.runtime { try FeatureScaler(points: rows.points, features: rows.d) } : nil
        var base = try args.runtime { try classifier(model, rows, count: rows.n, scaler: scaler) }
        var train: [Double] = [], testAccuracy: [Double] = []
        for k in ks {
            if args.context.session.interrupt.isRaised { break }
            base.k = k
            train.append(try args.runtime { try base.accuracy(rows.points, labels: rows.labels) })
            testAccuracy.append(try args.runtime { try base.accuracy(test.points, labels: test.labels) })
        }
        if let best = testAccuracy.indices.max(by: { testAccuracy[$0] < testAccuracy[$1] }) {
            args.context.session.display.write("best test accuracy \(TrainingProgress.percent(testAccuracy[best])) at k = \(ks[best])\n")
        }
        return .figure(KNNViews.kSweep(ks: Array(ks.prefix(train.count)), train: train, test: testAccuracy))
    }
}
