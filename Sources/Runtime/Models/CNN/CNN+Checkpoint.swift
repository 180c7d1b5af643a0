import Foundation

/// CNN checkpoints in safetensors, laid out as PyTorch's state dict of a module whose
/// `layers` attribute is an `nn.Sequential` of the same layer list: conv `layers.N.weight`
/// `[out, in, k, k]` and `layers.N.bias` `[out]`, dense `layers.N.weight` `[out, in]`, where N is
/// the layer's 0-based index in the list (parameter-free layers keep their index). Flatten is
/// C, H, W order, as `nn.Flatten`, so `load_state_dict` gives the same logits.
///
/// `__metadata__` holds `format` = "nv-cnn", `config` (the config JSON in the original layout,
/// which rebuilds the architecture) and `metrics` (a JSON object of numbers).
extension CNN {
    /// The state-dict name and tensor of every parameter, in layer order.
    public var stateDict: [(name: String, tensor: Tensor)] {
        layers.enumerated().flatMap { i, layer in layer.parameters.map { ("layers.\(i).\($0.name)", $0.value) } }
    }

    /// Writes the model to `path` atomically (temporary file, then rename).
    /// - Throws: `RuntimeError` naming the path when it cannot be written.
    public func save(path: String, metrics: [String: Double] = [:]) throws {
        try FileStatus.refuseNUL(path, what: "save", verb: "write")
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if !FileManager.default.fileExists(atPath: directory) {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw RuntimeError("cannot create the directory '\(directory)' for '\(path)'")
            }
        }
        let finite = metrics.filter { $0.value.isFinite }
        let metricsJSON = (try? JSONSerialization.data(withJSONObject: finite, options: [.sortedKeys]))
            .map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        try SafeTensors.write(tensors: stateDict, metadata: ["format": "nv-cnn", "config": config.json, "metrics": metricsJSON],
                              to: path)
    }

    /// Reads a model saved by `save`.
    /// - Throws: `RuntimeError` naming the path when the file is not an nv CNN checkpoint, its
    ///   config is bad, or a tensor is missing or has another shape than the config's layers need.
    public static func load(path: String) throws -> CNN {
        let file = try SafeTensors.read(path: path)
        guard let configJSON = file.metadata["config"] else {
            throw RuntimeError("'\(path)' has no CNN config in its __metadata__; it was not saved by nv's CNN")
        }
        let config = try CNNConfig.parse(Data(configJSON.utf8), source: "\(path) (__metadata__ config)")
        var model = try CNN(config: config, seed: 0)
        try model.setStateDict(file.tensors, source: path)
        return model
    }

    /// Replaces every parameter with the tensor of the same state-dict name.
    /// - Throws: `RuntimeError` for a missing, extra or differently shaped tensor.
    public mutating func setStateDict(_ tensors: [String: Tensor], source: String) throws {
        var used = Set<String>()
        for i in layers.indices {
            var params = layers[i].parameters
            guard !params.isEmpty else { continue }
            for p in params.indices {
                let name = "layers.\(i).\(params[p].name)"
                guard let t = tensors[name] else {
                    throw RuntimeError("'\(source)' has no tensor '\(name)' for layer \(i + 1) (\(specs[i].description))")
                }
                guard t.shape == params[p].value.shape else {
                    throw RuntimeError("'\(source)' tensor '\(name)' has shape \(t.shape), layer \(i + 1) (\(specs[i].description)) needs \(params[p].value.shape); the checkpoint is for another network")
                }
                params[p].value = t
                used.insert(name)
            }
            layers[i].parameters = params
        }
        if let extra = tensors.keys.sorted().first(where: { !used.contains($0) }) {
            throw RuntimeError("'\(source)' has a tensor '\(visible(extra))' that no layer of this network uses")
        }
    }
}

extension CNNConfig {
    /// Where `model_output_filename` says to save: `models/<name>.safetensors` (a name that
    /// already ends in `.safetensors` or contains a `/` is used as given).
    public var checkpointPath: String {
        let name = modelOutputFilename
        let file = name.hasSuffix(".safetensors") ? name : name + ".safetensors"
        return name.contains("/") ? file : "models/" + file
    }

    /// Whether `checkpointPath` stays inside the working folder: not absolute, no `..`. A config
    /// may come from anyone, so `save(m)` writes elsewhere only when the user gives the path.
    public var checkpointPathStaysInside: Bool {
        let path = checkpointPath
        return !path.hasPrefix("/") && !path.hasPrefix("~") && !path.split(separator: "/").contains("..")
    }
}
