import Foundation
import Plots
import Runtime

/// Models and what can be asked of them: `xor`, `mlp` and its optimizers, `predict`,
/// `accuracy`, the dashboard panels on their own, `save` and `load`.
enum ModelBuiltins {
    static func all() -> [Builtin] {
        [
            Builtin("xor(hidden: 3, lr: 0.1, seed?, numpy_seed?)", area: "models",
                    doc: "The original XOR network: 2 inputs, `hidden` sigmoid units, 1 sigmoid output, trained on the XOR truth table. Without seed: it starts from the session's seed, so the same line gives the same network whatever ran before. numpy_seed: starts from the weights the original NumPy code draws after np.random.seed(n).",
                    example: "net = xor(hidden: 2)", body: xor),
            Builtin("mlp(layers?, activation?, loss?, features?, l1?, l2?, batch?, optimizer?, seed?)", area: "models",
                    doc: "A playground network for 2D points. Defaults: layers [features, 8, 8, 1], activation \"tanh\" (or relu, sigmoid, linear), loss \"bce\" (or mse), features [\"x\", \"y\"] (also x2, y2, xy, sinx, siny), batch 10, optimizer sgd(lr: 0.03). Without seed: it starts from the session's seed.",
                    example: "m = mlp(layers: [2, 16, 16, 1], activation: \"tanh\", batch: 32, optimizer: adam(lr: 0.01))", body: mlp),
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
            Builtin("predict(model, inputs, probabilities: false)", area: "models",
                    doc: "xor / mlp: the class-1 probability of each [x, y] point (one number for one point). cnn: the class of each image (images, a tensor [n, C, H, W], or one image); probabilities: true gives a tensor [n, classes].",
                    example: "predict(net, [[0, 1], [1, 1]])", body: predict),
            Builtin("accuracy(model, data?)", area: "models",
                    doc: "Fraction classified right: points (≥ 0.5 is class 1; an xor model defaults to its truth table), or images (a cnn uses the test part of mnist(...)).",
                    example: "accuracy(m, circle(n: 100))", body: accuracy),
            Builtin("architecture(model)", area: "models", doc: "The network diagram panel on its own.",
                    example: "architecture(net)") { args in
                switch try args.model("model") {
                case .xor(let model): return .figure(XORViews.architecture(model.current))
                case .mlp(let model): return .figure(PlaygroundViews.architecture(model.current))
                case .cnn: throw args.error("model", "is a cnn; print it for its layer table (its diagram is not drawn yet)")
                }
            },
            Builtin("boundary(model, data?, discretize: false)", area: "models",
                    doc: "The decision boundary over the input plane, with the points (an mlp uses its training data unless given).",
                    example: "boundary(net)", body: boundary),
            Builtin("features(model, data?, layer: 0, neurons?)", area: "models",
                    doc: "The hidden feature space: xor's hidden activations, or two neurons of an mlp's hidden layer (neurons: [0, 1]).",
                    example: "features(net)", body: features),
            Builtin("curves(model)", area: "models",
                    doc: "The curves training recorded: xor's loss and weight-gradient norms, an mlp's train and test loss.",
                    example: "curves(net)") { args in
                // Not a switch: other model kinds answer with the error below.
                let model = try args.model("model")
                if case .xor(let xor) = model { return .figure(XORViews.loss(xor.current)) }
                if case .mlp(let mlp) = model { return .figure(PlaygroundViews.loss(mlp.current)) }
                throw args.error("model", "has no recorded curves; curves draws xor and mlp models")
            },
            Builtin("surface(model, azimuth?, elevation?)", area: "models",
                    doc: "The xor loss surface over w1[0,0] and w1[0,1] (the others held) with the path training took. azimuth turns the view around the loss axis and elevation tilts it, in degrees (as matplotlib's view_init; default -60 and 30).",
                    example: "surface(net, azimuth: 30, elevation: 45)") { args in
                guard case .xor(let model) = try args.model("model") else {
                    throw args.error("model", "must be an xor model: the loss surface is drawn for xor(hidden: 2 or more)")
                }
                guard model.network.hidden >= 2 else {
                    throw args.error("model", "has 1 hidden unit; the loss surface needs w1[0,1], so hidden: 2 or more")
                }
                let azimuth = try args.number("azimuth", default: -60)
                let elevation = try args.number("elevation", default: 30)
                guard azimuth.isFinite else { throw args.error("azimuth", "must be a finite number of degrees, got \(String(format: "%g", azimuth))") }
                guard elevation.isFinite, (-90...90).contains(elevation) else {
                    throw args.error("elevation", "must be between -90 and 90 degrees, got \(String(format: "%g", elevation))")
                }
                return .figure(XORViews.surface(model.current, camera: Camera(azimuth: azimuth, elevation: elevation)))
            },
            Builtin("save(model, path?)", area: "models",
                    doc: "Saves a model as safetensors (PyTorch nn.Sequential names; written whole or not at all, through a symbolic link to its file; never over a device, FIFO or folder). A cnn's path defaults to models/<model_output_filename>.safetensors, which must stay inside the working folder; any path given here is used as is.",
                    example: "save(net, \"/tmp/xor.safetensors\")", body: save),
            Builtin("load(path)", area: "models", doc: "Loads a model saved by save().",
                    example: "net = load(\"/tmp/xor.safetensors\")", body: load),
        ]
    }

    static func xor(_ args: inout Arguments) throws -> Value {
        let hidden = try args.has("hidden") ? args.positiveInteger("hidden") : 3
        guard hidden <= XORNetwork.maximumHidden else {
            throw args.error("hidden", "must be at most \(XORNetwork.maximumHidden), got \(hidden)")
        }
        let lr = try args.positiveNumber("lr", default: 0.1)
        if args.has("numpy_seed") {
            guard !args.has("seed") else { throw args.error("numpy_seed", "cannot be combined with seed; choose one") }
            let value = args.any("numpy_seed")
            guard case .number(let x) = value, let seed = UInt32(exactly: x) else {
                throw args.error("numpy_seed", "must be a whole number from 0 to \(UInt32.max), \(Arguments.got(value))")
            }
            return .object(XORModel(try args.runtime { try XORNetwork(hidden: hidden, learningRate: lr, numpySeed: seed) }))
        }
        let (network, seed) = try args.withModelGenerator { rng in try XORNetwork(hidden: hidden, learningRate: lr, rng: &rng) }
        return .object(XORModel(network, seed: seed))
    }

    static func mlp(_ args: inout Arguments) throws -> Value {
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

    static func predict(_ args: inout Arguments) throws -> Value {
        let model = try args.model("model")
        if case .cnn(let cnn) = model { return try CNNModelBuiltins.predict(cnn, args) }
        if args.has("probabilities") { throw args.error("probabilities", "is for a cnn; xor and mlp models already give probabilities") }
        let (points, single) = try args.points("inputs")
        let outputs: [Double]
        switch model {
        case .xor(let model): outputs = model.current.predict(points: points)
        case .mlp(let model): outputs = model.current.predict(points: points.map { Float($0) }).map(Double.init)
        case .cnn: return .null
        }
        if single, let only = outputs.first { return .number(only) }
        return .list(outputs.map { .number($0) })
    }

    static func accuracy(_ args: inout Arguments) throws -> Value {
        let model = try args.model("model")
        if case .cnn(let cnn) = model { return try CNNModelBuiltins.accuracy(cnn, args) }
        if !args.has("data"), case .xor(let xor) = model {
            let outputs = xor.current.forward().outputs
            let right = zip(outputs, XORNetwork.targets).filter { ($0 >= 0.5) == ($1 >= 0.5) }.count
            return .number(Double(right) / Double(XORNetwork.batch))
        }
        guard args.has("data") else { throw args.error("data", "is needed for an mlp: accuracy(m, data)") }
        let data = try args.dataset("data").data
        guard data.count > 0 else { throw args.error("data", "has no points") }
        let outputs: [Double]
        switch model {
        case .xor(let xor): outputs = xor.current.predict(points: data.points.map(Double.init))
        case .mlp(let mlp): outputs = mlp.current.predict(points: data.points).map(Double.init)
        case .cnn: return .null
        }
        // Counted here in Double, so 78 of 80 prints as 0.975, not Float's 0.9750000238418579.
        let right = zip(outputs, data.labels).filter { ($0 >= 0.5) == ($1 == 1) }.count
        return .number(Double(right) / Double(data.count))
    }

    static func boundary(_ args: inout Arguments) throws -> Value {
        let discretize: Bool
        switch args.any("discretize") {
        case .null: discretize = false
        case .bool(let on): discretize = on
        case let other: throw args.error("discretize", "must be true or false, \(Arguments.got(other))")
        }
        switch try args.model("model") {
        case .cnn:
            throw args.error("model", "is a cnn; boundary draws the input plane of 2D-point models (xor or mlp)")
        case .xor(let model):
            return .figure(XORViews.boundary(model.current, discretize: discretize))
        case .mlp(let model):
            let (train, test) = try trainingData(args, model)
            return .figure(PlaygroundViews.boundary(model.current, train: train, test: test, discretize: discretize))
        }
    }

    static func features(_ args: inout Arguments) throws -> Value {
        switch try args.model("model") {
        case .cnn:
            throw args.error("model", "is a cnn; features draws the hidden space of 2D-point models (xor or mlp)")
        case .xor(let model):
            return .figure(XORViews.features(model.current))
        case .mlp(let model):
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

    static func save(_ args: inout Arguments) throws -> Value {
        let model = try args.model("model")
        var path = ""
        if args.has("path") {
            path = try args.string("path")
        } else if case .cnn(let cnn) = model {
            let config = cnn.network.config
            guard config.checkpointPathStaysInside else {
                throw args.error("path", "is needed: the config's model_output_filename '\(visible(config.modelOutputFilename))' points outside the working folder, and nv saves there only when you give the path: save(m, \(Value.quote(config.checkpointPath)))")
            }
            path = config.checkpointPath
        } else {
            throw args.error("path", "is needed for an xor or mlp model: save(net, \"models/net.safetensors\")")
        }
        guard !path.isEmpty else { throw args.error("path", "is empty") }
        try args.runtime {
            switch model {
            case .xor(let model): try model.current.save(to: path)
            case .mlp(let model): try model.current.save(to: path)
            case .cnn(let model): try model.network.save(path: path, metrics: model.metrics)
            }
        }
        args.context.display.write("saved \(visible(path, limit: 200))\n")
        return .null
    }

    static func load(_ args: inout Arguments) throws -> Value {
        let path = try args.inputPath("path")
        return try args.runtime {
            let file = try SafeTensors.read(path: path)
            switch file.metadata["format"] {
            case "nv-xor": return .object(XORModel(try XORNetwork.load(path: path)))
            case "nv-mlp": return .object(MLPModel(try MLP(checkpoint: file, source: path)))
            case "nv-cnn":
                let model = CNNModel(try CNN.load(path: path))
                model.loadedFrom = path
                return .object(model)
            default:
                throw RuntimeError("load: '\(visible(path, limit: 200))' is a safetensors file but not an nv model (no nv-xor, nv-mlp or nv-cnn format in __metadata__)")
            }
        }
    }
}
