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
                Builtin("mlp(layers?, activation?, loss?, features?, l1?, l2?, batch?, optimizer?, seed?)", area: "models",
                        doc: "A playground network for 2D points. Defaults: layers [features, 8, 8, 1], activation \"tanh\" (or relu, sigmoid, linear), loss \"bce\" (or mse), features [\"x\", \"y\"] (also x2, y2, xy, sinx, siny), batch 10, optimizer sgd(lr: 0.03). Without seed: it starts from the session's seed.",
                        example: "m = mlp(layers: [2, 16, 16, 1], activation: \"tanh\", batch: 32, optimizer: adam(lr: 0.01))", body: make),
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
                Builtin("train(model, data?, epochs: 100, every: 5, lr?, discretize: false, fps: 30)", area: "training",
                        doc: "Trains on the data's training part (all of it unless split) with the dashboard live, the test part's loss beside; the accuracies at the end. lr: sets the optimizer's learning rate from now on.",
                        example: "m = mlp(); train(m, split(circle(n: 200)), epochs: 50)", body: MLPTraining.train),
                Builtin("predict(model, inputs)", area: "models",
                        doc: "The class-1 probability of each [x, y] point (one number for one point).",
                        example: "predict(mlp(), [[0, 1], [1, 1]])") { args in
                    let model = try args.model("model", as: MLPModel.self)
                    let (points, single) = try args.points("inputs")
                    let outputs = model.current.predict(points: points.map { Float($0) }).map(Double.init)
                    if single, let only = outputs.first { return .number(only) }
                    return .list(outputs.map { .number($0) })
                },
                Builtin("accuracy(model, data?)", area: "models",
                        doc: "Fraction of the points classified right (≥ 0.5 is class 1).",
                        example: "accuracy(mlp(), circle(n: 100))") { args in
                    let model = try args.model("model", as: MLPModel.self)
                    guard args.has("data") else { throw args.error("data", "is needed for an mlp: accuracy(m, data)") }
                    let data = try args.dataset("data").data
                    guard data.count > 0 else { throw args.error("data", "has no points") }
                    let outputs = model.current.predict(points: data.points)
                    // Counted here in Double, so 78 of 80 prints as 0.975, not Float's 0.9750000238418579.
                    let right = zip(outputs, data.labels).filter { ($0 >= 0.5) == ($1 == 1) }.count
                    return .number(Double(right) / Double(data.count))
                },
                Builtin("architecture(model)", area: "models", doc: "The network diagram, each neuron drawn as its own small decision map.",
                        example: "architecture(mlp())") { args in
                    .figure(PlaygroundViews.architecture(try args.model("model", as: MLPModel.self).current))
                },
                Builtin("boundary(model, data?, discretize: false)", area: "models",
                        doc: "The decision boundary over the input plane with the points (the training data unless given).",
                        example: "m = mlp(); train(m, circle(), epochs: 5); boundary(m)") { args in
                    let model = try args.model("model", as: MLPModel.self)
                    let (train, test) = try trainingData(args, model)
                    return .figure(PlaygroundViews.boundary(model.current, train: train, test: test,
                                                            discretize: try args.flag("discretize")))
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
        if args.has("layers") {
            widths = try args.sequence("layers").map { item in
                guard case .number(let x) = item, let n = Int(exactly: x), n >= 1, n <= MLP.maximumWidth else {
                    throw args.error("layers", "must hold widths from 1 to \(MLP.maximumWidth), \(Arguments.got(item))")
                }
                return n
            }
            guard widths.count >= 2 else { throw args.error("layers", "needs at least an input and an output width, e.g. [2, 8, 1]") }
            guard widths[0] == features.count else {
                throw args.error("layers", "starts with \(widths[0]) inputs but \(features.count) features are selected (\(features.map(\.rawValue).joined(separator: ", ")))")
            }
            guard widths.last == 1 else { throw args.error("layers", "must end with 1 output (a class-1 probability), got \(widths.last ?? 0)") }
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
        let loss = Loss(rawValue: lossName) ?? .binaryCrossEntropy
        let (network, _) = try args.withModelGenerator { rng in
            try MLP(layers: widths, activation: activation, loss: loss, features: features,
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

    /// The data an mlp panel draws: the `data` argument (its split parts when split), else
    /// what the model was last trained on.
    private static func trainingData(_ args: Arguments, _ model: MLPModel) throws -> (Dataset, Dataset?) {
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
