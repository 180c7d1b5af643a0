import Foundation
import Plots
import Runtime

/// The original XOR network (`xor(hidden:)`): its constructor and what can be asked of it.
enum XORFamily {
    static let family = ModelFamily(
        name: "xor",
        builtins: {
            [
                Builtin("xor(hidden: 3, lr: 0.1, seed?, numpy_seed?)", area: "models",
                        doc: "The original XOR network: 2 inputs, `hidden` sigmoid units, 1 sigmoid output, trained on the XOR truth table. Without seed: it starts from the session's seed, so the same line gives the same network whatever ran before. numpy_seed: starts from the weights the original NumPy code draws after np.random.seed(n).",
                        example: "net = xor(hidden: 2)", body: make),
            ]
        },
        verbs: {
            [
                Builtin("train(model, data?, epochs: 50000, every: 100, lr?, discretize: false, fps: 30)", area: "training",
                        doc: "Trains on the XOR truth table with the dashboard live; a table of the four predictions at the end. lr: sets the learning rate from now on; discretize: the boundary as hard regions.",
                        example: "train(net, epochs: 40000, every: 100)", body: XORTraining.train),
                Builtin("predict(model, inputs)", area: "models",
                        doc: "The class-1 probability of each [x, y] point (one number for one point).",
                        example: "predict(net, [[0, 1], [1, 1]])") { args in
                    let model = try args.model("model", as: XORModel.self)
                    let (points, single) = try args.points("inputs")
                    let outputs = model.current.predict(points: points)
                    if single, let only = outputs.first { return .number(only) }
                    return .list(outputs.map { .number($0) })
                },
                Builtin("accuracy(model, data?)", area: "models",
                        doc: "Fraction classified right (≥ 0.5 is class 1): on the XOR truth table, or on the points given.",
                        example: "accuracy(net)", body: accuracy),
                Builtin("architecture(model)", area: "models", doc: "The network diagram with its weights.",
                        example: "architecture(net)") { args in
                    .figure(XORViews.architecture(try args.model("model", as: XORModel.self).current))
                },
                Builtin("boundary(model, discretize: false)", area: "models",
                        doc: "The decision boundary over the input plane, with the four XOR points.",
                        example: "boundary(net)") { args in
                    let model = try args.model("model", as: XORModel.self)
                    return .figure(XORViews.boundary(model.current, discretize: try args.flag("discretize")))
                },
                Builtin("features(model)", area: "models",
                        doc: "The hidden feature space: the four points at their hidden activations, with the output unit's own boundary.",
                        example: "features(net)") { args in
                    .figure(XORViews.features(try args.model("model", as: XORModel.self).current))
                },
                Builtin("curves(model)", area: "models", doc: "The loss and the weight-gradient norms training recorded.",
                        example: "curves(net)") { args in
                    .figure(XORViews.loss(try args.model("model", as: XORModel.self).current))
                },
                Builtin("surface(model, azimuth?, elevation?)", area: "models",
                        doc: "The xor loss surface over w1[0,0] and w1[0,1] (the others held) with the path training took. azimuth turns the view around the loss axis and elevation tilts it, in degrees (as matplotlib's view_init; default -60 and 30).",
                        example: "surface(net, azimuth: 30, elevation: 45)", body: surface),
                Builtin("save(model, path?)", area: "models",
                        doc: "Saves the network as safetensors with PyTorch nn.Sequential names (layers.0.weight [h, 2], ...).",
                        example: "save(net, \"/tmp/xor.safetensors\")") { args in
                    let model = try args.model("model", as: XORModel.self)
                    let path = try args.savePath(example: "save(net, \"models/xor.safetensors\")")
                    try args.runtime { try model.current.save(to: path) }
                    args.context.display.write("saved \(visible(path, limit: 200))\n")
                    return .null
                },
            ]
        },
        checkpoint: ModelFamily.Checkpoint(format: "nv-xor") { _, path in XORModel(try XORNetwork.load(path: path)) })

    static func make(_ args: inout Arguments) throws -> Value {
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

    static func accuracy(_ args: inout Arguments) throws -> Value {
        let model = try args.model("model", as: XORModel.self)
        guard args.has("data") else {
            let outputs = model.current.forward().outputs
            let right = zip(outputs, XORNetwork.targets).filter { ($0 >= 0.5) == ($1 >= 0.5) }.count
            return .number(Double(right) / Double(XORNetwork.batch))
        }
        let data = try args.dataset("data").data
        guard data.count > 0 else { throw args.error("data", "has no points") }
        let outputs = model.current.predict(points: data.points.map(Double.init))
        // Counted here in Double, so 78 of 80 prints as 0.975, not Float's 0.9750000238418579.
        let right = zip(outputs, data.labels).filter { ($0 >= 0.5) == ($1 == 1) }.count
        return .number(Double(right) / Double(data.count))
    }

    static func surface(_ args: inout Arguments) throws -> Value {
        let model = try args.model("model", as: XORModel.self)
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
    }
}

extension XORModel: ModelObject {
    static var family: ModelFamily { XORFamily.family }
}
