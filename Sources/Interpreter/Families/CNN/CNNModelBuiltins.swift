import Foundation
import Plots
import Runtime

/// What can be asked of a trained CNN: `predict`, `accuracy`, `evaluate` and `infer`.
///
/// Given the value `mnist(...)` itself, these use its test part; given a part (`data.train`),
/// that part.
enum CNNModelBuiltins {
    static func all() -> [Builtin] {
        [
            Builtin("predict(model, inputs, probabilities: false)", area: "cnn",
                    doc: "The class of each image (images from mnist(...), a tensor [n, C, H, W], or one image); probabilities: true gives a tensor [n, classes].",
                    example: "predict(cnn(\"config/default_cnn_params.json\"), mnist(test_fraction: 0.05).test[0].image)", body: predict),
            Builtin("accuracy(model, data?)", area: "cnn",
                    doc: "Fraction of the images classified right (the test part of mnist(...) by default, else of what it was trained on).",
                    example: "accuracy(cnn(\"config/default_cnn_params.json\"), mnist(test_fraction: 0.05))", body: accuracy),
            Builtin("evaluate(model, data?)", area: "cnn",
                    doc: "A cnn's figures on labelled images (the test part of mnist(...) by default): a record of accuracy, loss, per-class precision / recall / f1 lists and the confusion matrix (rows: truth, columns: predicted).",
                    example: "r = evaluate(cnn(\"config/default_cnn_params.json\"), mnist(test_fraction: 0.05))", body: evaluate),
            Builtin("infer(model, data?, count: 4, seed?)", area: "cnn",
                    doc: "Prints a cnn's predictions for `count` random images of the test part against the truth, with the probabilities, and shows each image's way through the layers (a card per layer, the top 3).",
                    example: "infer(cnn(\"config/default_cnn_params.json\"), mnist(test_fraction: 0.05), count: 4)", body: infer),
        ]
    }

    /// The images a model is asked about: the `data` argument, else the test part of what it
    /// was last trained on.
    private static func dataset(_ model: CNNModel, _ args: Arguments, _ name: String = "data") throws -> ImageDataset {
        if args.has(name) { return try args.images(name).evaluationSet }
        guard let data = model.trainData else {
            throw args.error(name, "is needed: this model has not been trained yet, so give the images, e.g. \(args.function)(m, mnist())")
        }
        return data.evaluationSet
    }

    /// Runs the network over labelled images, turning Runtime's messages into this builtin's.
    private static func run(_ model: CNNModel, _ data: ImageDataset, _ args: Arguments) throws -> CNNEvaluation {
        guard data.count > 0 else { throw BuiltinError("\(args.function): the image set is empty") }
        return try args.runtime { try Runtime.evaluate(&model.network, on: data) }
    }

    static func accuracy(_ args: inout Arguments) throws -> Value {
        let model = try args.model("model", as: CNNModel.self)
        return .number(try run(model, try dataset(model, args), args).metrics.accuracy)
    }

    static func evaluate(_ args: inout Arguments) throws -> Value {
        let model = try args.model("model", as: CNNModel.self)
        let result = try run(model, try dataset(model, args), args)
        let m = result.metrics
        func numbers(_ xs: [Double]) -> Value { .list(xs.map { .number($0) }) }
        let fields: [(String, Value)] = [
            ("accuracy", .number(m.accuracy)), ("loss", .number(result.loss)), ("count", .number(Double(m.count))),
            ("precision", numbers(m.precision)), ("recall", numbers(m.recall)), ("f1", numbers(m.f1)),
            ("macro_precision", .number(m.macroPrecision)), ("macro_f1", .number(m.macroF1)),
            ("confusion", .list(m.confusion.map { row in .list(row.map { .number(Double($0)) }) })),
        ]
        return .record(RecordValue(names: fields.map(\.0), values: fields.map(\.1)))
    }

    static func predict(_ args: inout Arguments) throws -> Value {
        let model = try args.model("model", as: CNNModel.self)
        let probabilities = try args.flag("probabilities")
        let shape = model.network.inputShape
        var images: [Float]
        var count: Int
        var given = shape   // the images' own shape, checked against the network's in Runtime
        var single = false
        if case .object(let object) = args.any("inputs"), let data = object as? ImageDataObject {
            let set = data.evaluationSet
            (images, count, given) = (set.images, set.count, set.shape)
        } else {
            let tensor: Tensor
            do {
                tensor = try Conversions.tensor(from: args.any("inputs"))
            } catch {
                throw args.error("inputs", "must be images for a cnn (mnist(...), or a tensor [n, \(shape.map(String.init).joined(separator: ", "))]): \(error.message)")
            }
            let size = shape.reduce(1, *)
            images = tensor.data
            if tensor.rank <= 3, let fitted = CNNViewBuiltins.fit(tensor, to: shape) {
                // One image, possibly a larger square (image("digit.png") is 28x28) pooled down.
                single = true
                count = 1
                images = fitted
            } else if tensor.rank == 4, Array(tensor.shape.dropFirst()) == shape {
                count = tensor.shape[0]
            } else {
                throw args.error("inputs", "has shape \(tensor.shape); this cnn takes images [n, \(shape.map(String.init).joined(separator: ", "))] or one image \(shape)")
            }
            guard images.allSatisfy(\.isFinite) else { throw args.error("inputs", "must hold finite numbers") }
            precondition(images.count == count * size)
        }
        let network = model.network
        var copy = network
        let probs = try args.runtime { try copy.predict(images: images, count: count, shape: given) }
        let k = network.classes
        if probabilities {
            return .tensor(single ? Tensor(shape: [k], data: probs.data) : probs)
        }
        let classes: [Value] = (0..<count).map { i in
            let row = probs.data[(i * k)..<((i + 1) * k)]
            return .number(Double((row.indices.max { row[$0] < row[$1] } ?? i * k) - i * k))
        }
        return single ? classes[0] : .list(classes)
    }

    static func infer(_ args: inout Arguments) throws -> Value {
        let model = try args.model("model", as: CNNModel.self)
        let data = try dataset(model, args)
        guard data.count > 0 else { throw BuiltinError("infer: the image set is empty") }
        try args.runtime { try model.network.checkFits(data) }
        let count = min(try args.count("count", default: 4, limit: 1000), data.count)
        let picked: [Int] = try args.withGenerator { rng in
            var indices = Array(0..<data.count)
            indices.shuffle(using: &rng)
            return Array(indices.prefix(count)).sorted()
        }
        let subset = data.subset(picked)
        let probs = try args.runtime { try model.network.predict(subset) }
        let k = model.network.classes
        var lines = ["image  truth  predicted  p(predicted)  p(truth)  right"]
        var right = 0
        for (row, index) in picked.enumerated() {
            let p = Array(probs.data[(row * k)..<((row + 1) * k)])
            let predicted = p.indices.max { p[$0] < p[$1] } ?? 0
            let truth = subset.labels[row]
            if predicted == truth { right += 1 }
            lines.append(pad("#\(index)", 7) + pad("\(truth)", 7) + pad("\(predicted)", 11)
                         + pad(String(format: "%.3f", p[predicted]), 14) + pad(String(format: "%.3f", p[truth]), 10)
                         + (predicted == truth ? "✓" : "✗"))
        }
        lines.append("\(right)/\(count) right")
        args.context.display.write(lines.joined(separator: "\n") + "\n")
        let probes = try args.runtime { try model.network.probes(images: subset.images, count: subset.count, shape: subset.shape) }
        args.context.display.show(CNNViews.inference(probes, labels: subset.labels, layers: model.network.layerSummaries))
        return .null
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
