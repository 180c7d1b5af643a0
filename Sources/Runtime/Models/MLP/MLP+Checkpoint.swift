import Foundation

/// The model config an MLP checkpoint keeps in `__metadata__["config"]` as JSON.
/// Optimizer state (momentum, Adam moments) is not saved: a loaded model restarts it.
struct MLPCheckpointConfig: Codable, Equatable {
    var model = "mlp"
    var layers: [Int]
    var activation: String
    var loss: String
    /// The head when it is not a sigmoid ("softmax", "linear"); absent in a two-class
    /// network's checkpoint, as before heads existed. Features empty: the columns as they are.
    var output: String?
    var features: [String]
    var regularization: String
    var regularizationRate: Float
    var batchSize: Int
    var optimizer: String
    var learningRate: Float
    var beta: Float?
    var beta1: Float?
    var beta2: Float?
    var epsilon: Float?
    var epoch: Int

    enum CodingKeys: String, CodingKey {
        case model, layers, activation, loss, output, features, regularization, optimizer, epoch, beta, beta1, beta2, epsilon
        case regularizationRate = "regularization_rate", batchSize = "batch_size", learningRate = "lr"
    }
}

extension MLP {
    /// Saves weights and config as safetensors at `path` (atomically), tensors named as a
    /// PyTorch `nn.Sequential`'s state dict.
    /// - Throws: `RuntimeError` when the file cannot be written.
    public func save(to path: String) throws {
        try SafeTensors.write(tensors: stateDict, metadata: checkpointMetadata(), to: path)
    }

    /// The `__metadata__` of a checkpoint: `format` "nv-mlp" and `config` (JSON).
    public func checkpointMetadata() throws -> [String: String] {
        var config = MLPCheckpointConfig(layers: widths, activation: activation.rawValue, loss: loss.rawValue,
                                         output: head == .sigmoid ? nil : head.rawValue, features: features.map(\.rawValue), regularization: "none",
                                         regularizationRate: 0, batchSize: batchSize, optimizer: "sgd",
                                         learningRate: optimizer.learningRate, epoch: epoch)
        switch regularization {
        case .none: break
        case .l1(let rate): config.regularization = "l1"; config.regularizationRate = rate
        case .l2(let rate): config.regularization = "l2"; config.regularizationRate = rate
        }
        if let m = optimizer as? Momentum { config.optimizer = "momentum"; config.beta = m.beta }
        if let a = optimizer as? Adam {
            config.optimizer = "adam"; config.beta1 = a.beta1; config.beta2 = a.beta2; config.epsilon = a.epsilon
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(config), as: UTF8.self)
        return ["format": "nv-mlp", "config": json]
    }

    /// Loads a checkpoint written by `save(to:)`.
    /// - Throws: `RuntimeError` for an unreadable or malformed file, a missing or bad config,
    ///   or a tensor whose shape differs from what the config builds.
    public static func load(path: String) throws -> MLP {
        try MLP(checkpoint: try SafeTensors.read(path: path), source: path)
    }

    /// Rebuilds a network from decoded safetensors content; `source` names it in messages.
    public init(checkpoint file: SafeTensorsFile, source: String) throws {
        guard let json = file.metadata["config"] else {
            throw RuntimeError("\(source): no 'config' in __metadata__; not an nv MLP checkpoint")
        }
        let config: MLPCheckpointConfig
        do {
            config = try JSONDecoder().decode(MLPCheckpointConfig.self, from: Data(json.utf8))
        } catch {
            throw RuntimeError("\(source): the config in __metadata__ is not a valid MLP config")
        }
        guard config.model == "mlp" else {
            throw RuntimeError("\(source): holds a '\(visible(config.model))' model, not an mlp")
        }
        guard let activation = Activation.Kind(rawValue: config.activation) else {
            throw RuntimeError("\(source): unknown activation '\(visible(config.activation))'")
        }
        guard let loss = Loss(rawValue: config.loss) else { throw RuntimeError("\(source): unknown loss '\(visible(config.loss))'") }
        let head = try config.output.map { name in
            guard let head = Head(rawValue: name) else { throw RuntimeError("\(source): unknown output '\(visible(name))'") }
            return head
        } ?? .sigmoid
        var features: [InputFeature] = []
        for name in config.features {
            guard let f = InputFeature(rawValue: name) else { throw RuntimeError("\(source): unknown input feature '\(visible(name))'") }
            features.append(f)
        }
        let regularization: Regularization
        switch config.regularization {
        case "none": regularization = .none
        case "l1": regularization = .l1(rate: config.regularizationRate)
        case "l2": regularization = .l2(rate: config.regularizationRate)
        default: throw RuntimeError("\(source): unknown regularization '\(visible(config.regularization))'")
        }
        let optimizer: any Optimizer
        switch config.optimizer {
        case "sgd": optimizer = SGD(lr: config.learningRate)
        case "momentum": optimizer = Momentum(lr: config.learningRate, beta: config.beta ?? 0.9)
        case "adam": optimizer = Adam(lr: config.learningRate, beta1: config.beta1 ?? 0.9,
                                      beta2: config.beta2 ?? 0.999, epsilon: config.epsilon ?? 1e-8)
        default: throw RuntimeError("\(source): unknown optimizer '\(visible(config.optimizer))'")
        }
        var rng = SeededGenerator(seed: 0)
        var model: MLP
        do {
            model = try MLP(layers: config.layers, activation: activation, loss: loss, head: head, features: features,
                            regularization: regularization, batchSize: config.batchSize,
                            optimizer: optimizer, rng: &rng)
        } catch let error as RuntimeError {
            throw RuntimeError("\(source): the config in __metadata__: \(error.message)")
        }
        let expected = Set(model.stateDict.map(\.name))
        if let extra = file.tensors.keys.sorted().first(where: { !expected.contains($0) }) {
            throw RuntimeError("\(source): unexpected tensor '\(visible(extra))' for an mlp with layers \(config.layers)")
        }
        for i in model.layers.indices {
            for p in model.layers[i].parameters.indices {
                let name = "layers.\(i).\(model.layers[i].parameters[p].name)"
                guard let tensor = file.tensors[name] else {
                    throw RuntimeError("\(source): tensor '\(visible(name))' is missing")
                }
                let shape = model.layers[i].parameters[p].value.shape
                guard tensor.shape == shape else {
                    throw RuntimeError("\(source): tensor '\(visible(name))' has shape \(tensor.shape), the config needs \(shape)")
                }
                model.layers[i].parameters[p].value = tensor
            }
        }
        model.epoch = config.epoch
        self = model
    }
}
