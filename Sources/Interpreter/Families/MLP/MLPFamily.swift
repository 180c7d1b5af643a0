import Foundation
import Plots
import Runtime

/// The playground network (`mlp(...)`, as TensorFlow Playground's), its optimizers, and what
/// can be asked of it.
enum MLPFamily {
    static let family = ModelFamily(
        name: "mlp",
        builtins: {
            [
                Builtin("mlp(layers?, activation?, loss?, output?, features?, l1?, l2?, batch?, optimizer?, seed?)", area: "models",
                        doc: "A playground network. Defaults: layers [features, 8, 8, 1], activation \"tanh\" (or relu, sigmoid, linear), loss \"bce\" (or mse; \"ce\" for K classes, with layers ending in K outputs), output \"sigmoid\" (\"softmax\" with ce, \"linear\" for a regression with mse), features [\"x\", \"y\"] (also x2, y2, xy, sinx, siny, cosx, cosy) computed from 2D points, batch 10, optimizer sgd(lr: 0.03). A first width other than 2 without features takes a table's columns as they are. Without seed: it starts from the session's seed.",
                        example: "m = mlp(layers: [4, 16, 3], loss: \"ce\", optimizer: adam(lr: 0.01))", body: make),
                Builtin("plane(n: 200, noise: 0, seed?)", area: "data",
                        doc: "A regression set (TensorFlow Playground's): 2D points over -6...6 whose target is (x + y) / 10. Train it with mlp(loss: \"mse\", output: \"linear\").",
                        example: "data = split(plane(n: 300), 0.5)") { args in try regression(.plane, &args) },
                Builtin("sine(n: 200, noise: 0, seed?)", area: "data",
                        doc: "A regression set: 2D points over -6...6 whose target is (sin x + cos y) / 2. The features sinx and cosy make it a straight line.",
                        example: "data = split(sine(n: 400), 0.5)") { args in try regression(.sine, &args) },
                Builtin("sgd(lr: 0.03)", area: "models", doc: "Plain gradient descent, for mlp(optimizer:).",
                        example: "mlp(optimizer: sgd(lr: 0.1))") { args in
                    .object(OptimizerObject(SGD(lr: Float(try args.positiveNumber("lr", default: 0.03)))))
                },
                Builtin("momentum(lr: 0.03, beta: 0.9)", area: "models", doc: "Gradient descent with momentum, for mlp(optimizer:).",
                        example: "mlp(optimizer: momentum(lr: 0.03, beta: 0.9))") { args in
                    let beta = try args.has("beta") ? args.nonNegativeNumber("beta") : 0.9
                    guard beta < 1 else { throw args.error("beta", "must be from 0 to below 1, got \(Value.format(beta))") }
                    return .object(OptimizerObject(Momentum(lr: Float(try args.positiveNumber("lr", default: 0.03)), beta: Float(beta))))
                },
                Builtin("adam(lr: 0.01)", area: "models", doc: "Adam (β₁ 0.9, β₂ 0.999), for mlp(optimizer:).",
                        example: "mlp(optimizer: adam(lr: 0.03))") { args in
                    .object(OptimizerObject(Adam(lr: Float(try args.positiveNumber("lr", default: 0.01)))))
                },
            ]
        },
        verbs: {
            [
                Builtin("train(model, data?, epochs: 100, every: 5, lr?, discretize: false, fps: 30, columns?, record?)", area: "training",
                        doc: "Trains on the data's training part (all of it unless split) with the dashboard live, the test part's loss beside; the accuracies at the end. lr: sets the optimizer's learning rate from now on.",
                        example: "m = mlp(); train(m, split(circle(n: 200)), epochs: 50)", body: MLPTraining.train),
                Builtin("predict(model, inputs)", area: "models",
                        doc: "For each [x, y] point (or row of a table network's columns): the class-1 probability, a list of K class probabilities (loss ce), or the predicted value (a regression); one point gives one answer.",
                        example: "predict(mlp(), [[0, 1], [1, 1]])", body: predict),
                Builtin("accuracy(model, data?)", area: "models",
                        doc: "Fraction of the points classified right (≥ 0.5 is class 1; with K classes the most probable one).",
                        example: "accuracy(mlp(), circle(n: 100))") { args in
                    let model = try args.model("model", as: MLPModel.self)
                    guard args.has("data") else { throw args.error("data", "is needed for an mlp: accuracy(m, data)") }
                    let data = try args.dataset("data").data
                    guard data.count > 0 else { throw args.error("data", "has no points") }
                    let network = model.current
                    guard network.head.classifies else {
                        throw args.error("model", "is a regression (output linear): it has no classes to be right about; its loss is m.loss")
                    }
                    if let problem = network.mismatch(data) { throw args.error("data", "does not fit the model: \(problem)") }
                    // Counted here in Double, so 78 of 80 prints as 0.975, not Float's 0.9750000238418579.
                    let right = zip(network.classify(points: data.points), data.labels).filter { $0 == $1 }.count
                    return .number(Double(right) / Double(data.count))
                },
                Builtin("architecture(model)", area: "models", doc: "The network diagram, each neuron drawn as its own small decision map.",
                        example: "architecture(mlp())") { args in
                    .figure(PlaygroundViews.architecture(try args.model("model", as: MLPModel.self).current))
                },
                Builtin("boundary(model, data?, discretize: false, columns?)", area: "models",
                        doc: "The decision boundary over the input plane with the points (the training data unless given); K class regions for loss ce, the fitted surface for a regression. columns: [2, 3] picks the two columns a table network is drawn over (the others at their means).",
                        example: "m = mlp(); train(m, circle(), epochs: 5); boundary(m)") { args in
                    let model = try args.model("model", as: MLPModel.self)
                    let (train, test) = try trainingData(args, model)
                    return .figure(PlaygroundViews.boundary(model.current, train: train, test: test,
                                                            discretize: try args.flag("discretize"),
                                                            pair: try columns(args, model.current)))
                },
                Builtin("features(model, data?, layer: 0, neurons?)", area: "models",
                        doc: "Two neurons of a hidden layer (neurons: [0, 1]) as the axes, with the points where that layer puts them.",
                        example: "m = mlp(); train(m, circle(), epochs: 5); features(m, neurons: [0, 1])", body: features),
                Builtin("curves(model)", area: "models", doc: "The train and test loss per epoch.",
                        example: "curves(mlp())") { args in
                    .figure(PlaygroundViews.loss(try args.model("model", as: MLPModel.self).current))
                },
                Builtin("save(model, path?)", area: "models",
                        doc: "Saves the network as safetensors with PyTorch nn.Sequential names.",
                        example: "save(mlp(), \"/tmp/mlp.safetensors\")") { args in
                    let model = try args.model("model", as: MLPModel.self)
                    let path = try args.savePath(example: "save(m, \"models/net.safetensors\")")
                    try args.runtime { try model.current.save(to: path) }
                    args.context.display.write("saved \(visible(path, limit: 200))\n")
                    return .null
                },
            ]
        },
        checkpoint: ModelFamily.Checkpoint(format: "nv-mlp") { file, path in MLPModel(try MLP(checkpoint: file, source: path)) })

    static func make(_ args: inout Arguments) throws -> Value {
        let activationName = try args.choice("activation", among: Activation.Kind.allCases.map(\.rawValue), default: "tanh")
        let lossName = try args.choice("loss", among: Loss.allCases.map(\.rawValue), default: "bce")
        let loss = Loss(rawValue: lossName) ?? .binaryCrossEntropy
        let defaultHead: MLP.Head = loss == .crossEntropy ? .softmax : .sigmoid
        let headName = try args.choice("output", among: MLP.Head.allCases.map(\.rawValue), default: defaultHead.rawValue)
        let head = MLP.Head(rawValue: headName) ?? defaultHead
        var features: [InputFeature] = [.x, .y]
        if args.has("features") {
            let names = InputFeature.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            let items = try args.sequence("features")
            guard !items.isEmpty else { throw args.error("features", "must name at least one of \(names)") }
            features = try items.map { item in
                guard case .string(let text) = item, let feature = InputFeature(rawValue: text) else {
                    throw args.error("features", "must hold names among \(names), \(Arguments.got(item))")
                }
                return feature
            }
            guard Set(features).count == features.count else { throw args.error("features", "names a feature twice") }
        }
        var widths = [features.count, 8, 8, 1]
        if head == .softmax, !args.has("layers") {
            throw args.error("layers", "is needed for K classes: end it with one output per class, e.g. layers: [4, 16, 3]")
        }
        if args.has("layers") {
            widths = try args.sequence("layers").map { item in
                guard case .number(let x) = item, let n = Int(exactly: x), n >= 1, n <= MLP.maximumWidth else {
                    throw args.error("layers", "must hold widths from 1 to \(MLP.maximumWidth), \(Arguments.got(item))")
                }
                return n
            }
            guard widths.count >= 2 else { throw args.error("layers", "needs at least an input and an output width, e.g. [2, 8, 1]") }
            // Without features, a first width other than 2 takes a table's columns as they are.
            if !args.has("features"), widths[0] != 2 { features = [] }
            guard features.isEmpty || widths[0] == features.count else {
                throw args.error("layers", "starts with \(widths[0]) inputs but \(features.count) features are selected (\(features.map(\.rawValue).joined(separator: ", ")))")
            }
            let outputs = widths[widths.count - 1]
            switch head {
            case .sigmoid:
                guard outputs == 1 else {
                    throw args.error("layers", "must end with 1 output (a class-1 probability), got \(outputs); for K classes use loss: \"ce\" with K outputs")
                }
            case .softmax:
                guard outputs >= 2 else { throw args.error("layers", "must end with one output per class (2 or more) for loss \"ce\", got \(outputs)") }
            case .linear: break
            }
        }
        switch (head, loss) {
        case (.sigmoid, .crossEntropy): throw args.error("output", "\"sigmoid\" trains with loss \"bce\" or \"mse\"; loss \"ce\" needs output \"softmax\"")
        case (.softmax, .meanSquaredError), (.softmax, .binaryCrossEntropy):
            throw args.error("loss", "must be \"ce\" for output \"softmax\", got \"\(loss.rawValue)\"")
        case (.linear, .binaryCrossEntropy), (.linear, .crossEntropy):
            throw args.error("loss", "must be \"mse\" for output \"linear\" (a regression), got \"\(loss.rawValue)\"")
        default: break
        }
        if args.has("l1") && args.has("l2") { throw args.error("l2", "cannot be combined with l1; choose one penalty") }
        var regularization = Regularization.none
        if args.has("l1") { regularization = .l1(rate: Float(try args.nonNegativeNumber("l1"))) }
        if args.has("l2") { regularization = .l2(rate: Float(try args.nonNegativeNumber("l2"))) }
        let batch = try args.count("batch", default: 10, limit: 1_000_000)
        var optimizer: any Optimizer = SGD(lr: 0.03)
        if args.has("optimizer") {
            guard case .object(let object) = args.any("optimizer"), let chosen = object as? OptimizerObject else {
                throw args.error("optimizer", "must be sgd(lr:), momentum(lr:, beta:) or adam(lr:), \(Arguments.got(args.any("optimizer")))")
            }
            optimizer = chosen.optimizer
        }
        let activation = Activation.Kind(rawValue: activationName) ?? .tanh
        let (network, _) = try args.withModelGenerator { rng in
            try MLP(layers: widths, activation: activation, loss: loss, head: head, features: features,
                    regularization: regularization, batchSize: batch, optimizer: optimizer, rng: &rng)
        }
        return .object(MLPModel(network))
    }

    static func features(_ args: inout Arguments) throws -> Value {
        let model = try args.model("model", as: MLPModel.self)
        let network = model.current
        let hiddenLayers = network.widths.count - 2
        guard hiddenLayers > 0 else { throw args.error("model", "has no hidden layer to look into") }
        let layer = try args.has("layer") ? args.nonNegativeInteger("layer") : 0
        guard layer < hiddenLayers else {
            throw args.error("layer", "must be a hidden layer from 0 to \(hiddenLayers - 1), got \(layer)")
        }
        let width = network.widths[layer + 1]
        var neurons = (0, min(1, width - 1))
        if args.has("neurons") {
            let items = try args.sequence("neurons")
            let picked: [Int] = try items.map { item in
                guard case .number(let x) = item, let n = Int(exactly: x), n >= 0, n < width else {
                    throw args.error("neurons", "must be two neuron numbers from 0 to \(width - 1), \(Arguments.got(item))")
                }
                return n
            }
            guard picked.count == 2 else { throw args.error("neurons", "must be two neuron numbers, e.g. [0, 1], got \(picked.count)") }
            neurons = (picked[0], picked[1])
        }
        let (train, _) = try trainingData(args, model)
        return .figure(PlaygroundViews.features(network, data: train, layer: layer, neurons: neurons))
    }

    /// `plane(...)` and `sine(...)`: a regression set from the session's generator unless given `seed:`.
    static func regression(_ kind: RegressionData.Kind, _ args: inout Arguments) throws -> Value {
        let n = try args.has("n") ? args.positiveInteger("n") : 200
        let noise = try args.has("noise") ? args.nonNegativeNumber("noise") : 0
        let limit = 1_000_000
        guard n <= limit else { throw args.error("n", "must be at most \(limit), got \(n)") }
        guard n >= 2 else { throw args.error("n", "must be at least 2, got \(n)") }
        guard noise <= 1 else { throw args.error("noise", "must be from 0 to 1, got \(Value.format(noise))") }
        var data = try args.withGenerator { rng in try RegressionData.make(kind, n: n, noise: noise, rng: &rng) }
        data.name = "\(kind.rawValue)(n: \(n), noise: \(Value.format(noise)))"
        return .object(DatasetObject(data))
    }

    /// `predict`: one answer per point — a number (sigmoid, one linear output) or a list (the K
    /// probabilities of a softmax, the values of several linear outputs).
    static func predict(_ args: inout Arguments) throws -> Value {
        let model = try args.model("model", as: MLPModel.self)
        let network = model.current
        let d = network.inputDimension
        let points: [Double], single: Bool
        if d == 2 {
            (points, single) = try args.points("inputs")
        } else {
            let value = args.any("inputs")
            if case .object(let object) = value, let data = object as? DatasetObject {
                guard data.data.featureCount == d else {
                    throw args.error("inputs", "has \(data.data.featureCount) columns; the network takes \(d)")
                }
                (points, single) = (data.data.points.map(Double.init), false)
            } else {
                let tensor: Tensor
                do { tensor = try Conversions.tensor(from: value) } catch {
                    throw args.error("inputs", "must be rows of \(d) numbers: \(error.message)")
                }
                if tensor.shape == [d] { (points, single) = (tensor.data.map(Double.init), true) } else {
                    guard tensor.rank == 2, tensor.shape[1] == d else {
                        throw args.error("inputs", "must be rows of \(d) numbers (shape [n, \(d)]), got shape \(tensor.shape)")
                    }
                    (points, single) = (tensor.data.map(Double.init), false)
                }
                guard points.allSatisfy(\.isFinite) else { throw args.error("inputs", "must hold finite numbers") }
            }
        }
        let k = network.widths[network.widths.count - 1]
        let outputs = network.predict(points: points.map { Float($0) }).map(Double.init)
        let rows: [Value] = k == 1
            ? outputs.map { .number($0) }
            : stride(from: 0, to: outputs.count, by: k).map { .list(outputs[$0..<($0 + k)].map { .number($0) }) }
        if single, let only = rows.first { return only }
        return .list(rows)
    }

    /// The two columns a table network's pictures span (`columns: [i, j]`), nil for the default.
    static func columns(_ args: Arguments, _ network: MLP) throws -> (Int, Int)? {
        guard args.has("columns") else { return nil }
        let d = network.inputDimension
        guard network.features.isEmpty else {
            throw args.error("columns", "is for a network that takes a table's columns; this one computes features from x and y")
        }
        let picked: [Int] = try args.sequence("columns").map { item in
            guard case .number(let x) = item, let n = Int(exactly: x), n >= 0, n < d else {
                throw args.error("columns", "must be two column numbers from 0 to \(d - 1), \(Arguments.got(item))")
            }
            return n
        }
        guard picked.count == 2, picked[0] != picked[1] else {
            throw args.error("columns", "must be two different column numbers, e.g. [2, 3]")
        }
        return (picked[0], picked[1])
    }

    /// The data an mlp panel draws: the `data` argument (its split parts when split), else
    /// what the model was last trained on.
    static func trainingData(_ args: Arguments, _ model: MLPModel) throws -> (Dataset, Dataset?) {
        if args.has("data") { return try args.dataset("data").trainingSets }
        guard let train = model.trainData else {
            throw args.error("data", "is needed: this model has not been trained yet, so give the points to draw, e.g. boundary(m, data)")
        }
        return (train, model.testData)
    }
}

extension MLPModel: ModelObject {
    static var family: ModelFamily { MLPFamily.family }
}
