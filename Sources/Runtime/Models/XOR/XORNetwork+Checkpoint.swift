import Foundation

extension XORNetwork {
    /// The weights as a PyTorch `nn.Sequential(Linear(2, h), Sigmoid(), Linear(h, 1), Sigmoid())`
    /// state dict: `layers.0.weight` is w1 transposed `[h, 2]`, `layers.2.weight` is `[1, h]`.
    /// Values are rounded to Float32, the checkpoint format's type.
    public var stateDict: [(name: String, tensor: Tensor)] {
        let h = hidden
        var w1T = [Float](repeating: 0, count: 2 * h)
        for j in 0..<h {
            w1T[2 * j] = Float(w1[j])
            w1T[2 * j + 1] = Float(w1[h + j])
        }
        return [("layers.0.weight", Tensor(shape: [h, 2], data: w1T)),
                ("layers.0.bias", Tensor(shape: [h], data: b1.map { Float($0) })),
                ("layers.2.weight", Tensor(shape: [1, h], data: w2.map { Float($0) })),
                ("layers.2.bias", Tensor(shape: [1], data: [Float(b2)]))]
    }

    /// Saves the weights and the config (`{"model": "xor", "hidden": h, "lr": ..., "epoch": ...}`)
    /// as safetensors at `path`, atomically.
    public func save(to path: String) throws {
        let config = "{\"epoch\":\(epoch),\"hidden\":\(hidden),\"lr\":\(learningRate),\"model\":\"xor\"}"
        try SafeTensors.write(tensors: stateDict, metadata: ["format": "nv-xor", "config": config], to: path)
    }

    /// Loads a network written by `save(to:)` (history and losses start empty).
    /// - Throws: `RuntimeError` for a malformed file, a config that is not an xor model, or
    ///   tensors of the wrong shape.
    public static func load(path: String) throws -> XORNetwork {
        let file = try SafeTensors.read(path: path)
        guard let json = file.metadata["config"],
              let config = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
              config["model"] as? String == "xor", let number = config["hidden"] as? NSNumber,
              let hidden = Int(exactly: number.doubleValue) else {
            throw RuntimeError("\(path): no xor config in __metadata__; not an nv xor checkpoint")
        }
        var rng = SeededGenerator(seed: 0)
        let lr = (config["lr"] as? NSNumber)?.doubleValue ?? 0.1
        var net: XORNetwork
        do {
            net = try XORNetwork(hidden: hidden, learningRate: lr, rng: &rng)
        } catch let error as RuntimeError {
            throw RuntimeError("\(path): the config in __metadata__: \(error.message)")
        }
        // values: w1ᵀ [h, 2], b1 [h], w2 [1, h], b2 [1], in stateDict order, shapes checked.
        var values: [[Float]] = []
        for (name, expected) in net.stateDict {
            guard let tensor = file.tensors[name] else { throw RuntimeError("\(path): tensor '\(name)' is missing") }
            guard tensor.shape == expected.shape else {
                throw RuntimeError("\(path): tensor '\(name)' has shape \(tensor.shape), hidden \(hidden) needs \(expected.shape)")
            }
            values.append(tensor.data)
        }
        for j in 0..<hidden {
            net.w1[j] = Double(values[0][2 * j])
            net.w1[hidden + j] = Double(values[0][2 * j + 1])
        }
        net.b1 = values[1].map { Double($0) }
        net.w2 = values[2].map { Double($0) }
        net.b2 = Double(values[3][0])
        return net
    }
}
