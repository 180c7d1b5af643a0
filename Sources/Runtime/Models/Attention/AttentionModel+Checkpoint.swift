import Foundation

/// Attention checkpoints in safetensors, named as the state dict of this PyTorch module
/// (tools/reference/check_attention.py builds it and loads the file with `load_state_dict`):
///
///     tok_emb: nn.Embedding(vocab, dim)              tok_emb.weight        [vocab, dim]
///     pos_emb: nn.Embedding(context, dim)            pos_emb.weight        [context, dim]
///     blocks[l].ln1: nn.LayerNorm(dim)               blocks.l.ln1.weight, .bias  [dim]
///     blocks[l].attn: nn.MultiheadAttention(dim, heads, batch_first=True)
///                                                    blocks.l.attn.in_proj_weight [3·dim, dim]
///                                                    blocks.l.attn.in_proj_bias   [3·dim]
///                                                    blocks.l.attn.out_proj.weight [dim, dim], .bias [dim]
///     blocks[l].ln2: nn.LayerNorm(dim)               (mlp only) blocks.l.ln2.weight, .bias
///     blocks[l].mlp: nn.Sequential(Linear(dim, 4·dim), ReLU(), Linear(4·dim, dim))
///                                                    blocks.l.mlp.0.weight [4·dim, dim], .bias
///                                                    blocks.l.mlp.2.weight [dim, 4·dim], .bias
///     ln_f: nn.LayerNorm(dim)                        ln_f.weight, ln_f.bias [dim]
///     head: nn.Linear(dim, vocab)                    head.weight [vocab, dim], head.bias [vocab]
///
/// `__metadata__` holds `format` = "nv-attention", `config` (the `AttentionConfig` as JSON),
/// `tokens` (the vocabulary's names as a JSON list, when known) and `metrics`.
extension AttentionModel {
    /// The state-dict name and tensor of every parameter, in layout order.
    public var stateDict: [(name: String, tensor: Tensor)] {
        layout.slots.map { ($0.name, Tensor(shape: $0.shape, data: Array(values[$0.offset..<($0.offset + $0.count)]))) }
    }

    /// Writes the model atomically; `tokens` names the vocabulary for whoever loads it.
    public func save(path: String, tokens: [String] = [], metrics: [String: Double] = [:]) throws {
        try FileStatus.refuseNUL(path, what: "save", verb: "write")
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if !FileManager.default.fileExists(atPath: directory) {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw RuntimeError("save: cannot create the directory '\(visible(directory))' for '\(visible(path))'")
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let config = String(decoding: try encoder.encode(self.config), as: UTF8.self)
        let names = String(decoding: try encoder.encode(tokens), as: UTF8.self)
        let finite = metrics.filter { $0.value.isFinite }
        let metricsJSON = String(decoding: try encoder.encode(finite), as: UTF8.self)
        try SafeTensors.write(tensors: stateDict,
                              metadata: ["format": "nv-attention", "config": config, "tokens": names, "metrics": metricsJSON],
                              to: path)
    }

    /// Reads a model saved by `save`, with its token names (empty when none were saved).
    /// - Throws: `RuntimeError` naming the path when it is not an nv attention checkpoint, its
    ///   config is impossible, or a tensor is missing, extra or shaped otherwise.
    public static func load(path: String) throws -> (model: AttentionModel, tokens: [String]) {
        let file = try SafeTensors.read(path: path)
        let source = "'\(visible(path))'"
        guard file.metadata["format"] == "nv-attention", let configJSON = file.metadata["config"] else {
            throw RuntimeError("\(source) is not an attention checkpoint saved by nv (no nv-attention config in its __metadata__)")
        }
        let config: AttentionConfig
        do {
            config = try JSONDecoder().decode(AttentionConfig.self, from: Data(configJSON.utf8))
        } catch {
            throw RuntimeError("\(source): the attention config in __metadata__ is not valid")
        }
        var model = try AttentionModel(config: config, seed: 0)
        try model.setStateDict(file.tensors, source: source)
        var tokens: [String] = []
        if let json = file.metadata["tokens"], let names = try? JSONDecoder().decode([String].self, from: Data(json.utf8)) {
            guard names.isEmpty || names.count == config.vocab else {
                throw RuntimeError("\(source) names \(names.count) tokens but its model has a vocabulary of \(config.vocab)")
            }
            tokens = names
        }
        return (model, tokens)
    }

    /// Replaces every parameter with the tensor of the same name.
    /// - Throws: `RuntimeError` for a missing, extra or differently shaped tensor, or a value
    ///   that is not a finite number.
    public mutating func setStateDict(_ tensors: [String: Tensor], source: String) throws {
        for slot in layout.slots {
            guard let t = tensors[slot.name] else { throw RuntimeError("\(source) has no tensor '\(slot.name)'") }
            guard t.shape == slot.shape else {
                throw RuntimeError("\(source) tensor '\(slot.name)' has shape \(t.shape), the model needs \(slot.shape)")
            }
            guard t.data.allSatisfy(\.isFinite) else {
                throw RuntimeError("\(source) tensor '\(slot.name)' holds a value that is not a finite number")
            }
            values.replaceSubrange(slot.offset..<(slot.offset + slot.count), with: t.data)
        }
        let names = Set(layout.slots.map(\.name))
        if let extra = tensors.keys.sorted().first(where: { !names.contains($0) }) {
            throw RuntimeError("\(source) has a tensor '\(visible(extra))' that this model does not use")
        }
    }
}
