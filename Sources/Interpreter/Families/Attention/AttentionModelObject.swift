import Foundation
import Plots
import Runtime

/// The nv value of `attention(...)`: a tiny transformer held by reference. Its vocabulary comes
/// from `vocab:` or from the first task it is trained on, so `attention(dim: 32)` can be made
/// before the task; until then it has no weights. `m.heads[i].off = true` ablates a head.
final class AttentionModelObject: NVObject, ShowableObject {
    /// The shape asked for (vocab 0 until known) and whether `causal:` was given.
    var shape: AttentionConfig
    let causalGiven: Bool
    let seed: UInt64
    /// The model, once the vocabulary is known.
    var model: AttentionModel?
    /// Token names (digits until a task says otherwise).
    var tokens: [String] = []
    var adam = AttentionAdam()
    /// The last task trained on, its name, and the run so far (for `show` and the dashboard).
    var task: SequenceTask?
    var state: AttentionTrainingState?
    var epoch = 0, steps = 0
    var losses: [Double] = []

    init(shape: AttentionConfig, causalGiven: Bool, seed: UInt64) {
        self.shape = shape
        self.causalGiven = causalGiven
        self.seed = seed
    }

    /// A model read from a checkpoint.
    init(loaded: AttentionModel, tokens: [String]) {
        shape = loaded.config
        causalGiven = true
        seed = 0
        model = loaded
        self.tokens = tokens.isEmpty ? (0..<loaded.config.vocab).map(String.init) : tokens
    }

    /// Builds the weights for `vocab` tokens (once).
    func build(vocab: Int, causal: Bool, tokens names: [String]) throws {
        guard model == nil else { return }
        var config = shape
        config.vocab = vocab
        if !causalGiven { config.causal = causal }
        model = try AttentionModel(config: config, seed: seed)
        shape = config
        tokens = names
    }

    var typeName: String { "model" }

    var description: String {
        let c = shape
        var text = "attention model: dim \(c.dim), \(c.heads) head\(c.heads == 1 ? "" : "s"), \(c.layers) layer\(c.layers == 1 ? "" : "s"), context \(c.context), \(c.causal ? "causal" : "not causal"), \(c.mlp ? "mlp" : "no mlp")"
        guard let model else { return text + "\n  no weights yet: the vocabulary comes from the first task it is trained on (or attention(vocab: n))" }
        text += ", vocabulary \(c.vocab), \(model.layout.total) parameters"
        var lines = [text]
        lines.append("  tok_emb [\(c.vocab), \(c.dim)] + pos_emb [\(c.context), \(c.dim)]")
        for l in 0..<c.layers {
            let off = model.headOff[l].enumerated().filter(\.element).map { "H\($0.offset + 1)" }
            lines.append("  block \(l + 1): LayerNorm, self-attention \(c.heads) × \(c.headDim) dims\(off.isEmpty ? "" : " (" + off.joined(separator: ", ") + " off)"), residual" + (c.mlp ? "; LayerNorm, MLP \(c.dim)→\(c.hidden)→\(c.dim), residual" : ""))
        }
        lines.append("  LayerNorm, head [\(c.vocab), \(c.dim)]")
        lines.append(steps == 0 ? "  untrained" : "  epoch \(epoch), step \(steps), loss \(String(format4: losses.last ?? .nan))" + (task.map { " on \($0.name)" } ?? ""))
        return lines.joined(separator: "\n")
    }

    var memberNames: [String] { ["heads", "embeddings", "loss", "losses", "epoch", "steps", "lr", "tokens", "vocab", "dim", "layers", "context", "causal", "parameters"] }

    func member(_ name: String) throws -> Value? {
        let c = shape
        switch name {
        case "heads":
            guard model != nil else { throw ValueError("the model has no heads yet; train it on a task first (or give attention(vocab: n))") }
            return .list((0..<c.layers).flatMap { l in (0..<c.heads).map { Value.object(AttentionHeadObject(owner: self, layer: l, head: $0)) } })
        case "embeddings":
            guard let model else { throw ValueError("the model has no embeddings yet; train it on a task first") }
            let pca = model.embeddingPCA
            return .figure(FigureValue(AttentionViews.embeddings(points: pca.points, explained: pca.explained, tokens: tokens)))
        case "loss": return losses.last.map { .number($0) } ?? .null
        case "losses": return .list(losses.map { .number($0) })
        case "epoch": return .number(Double(epoch))
        case "steps": return .number(Double(steps))
        case "lr": return .number(Double(adam.learningRate))
        case "tokens": return .list(tokens.map { .string($0) })
        case "vocab": return .number(Double(c.vocab))
        case "dim": return .number(Double(c.dim))
        case "layers": return .number(Double(c.layers))
        case "context": return .number(Double(c.context))
        case "causal": return .bool(c.causal)
        case "parameters": return .number(Double(model?.layout.total ?? 0))
        default: return nil
        }
    }

    func setMember(_ name: String, to value: Value) throws {
        guard name == "lr" else { throw ValueError("cannot assign to member '\(name)' of an attention model (settable: lr; heads[i].off)") }
        guard case .number(let x) = value, x > 0, x.isFinite else { throw ValueError("lr must be a positive number, got \(value.typeName)") }
        adam.learningRate = Float(x)
    }

    var figure: Figure {
        if let state { return AttentionViews.dashboard(state, layers: shape.layers, heads: shape.heads) }
        return Figure.single(MessageChart(description), title: "attention model", width: 640, height: 240)
    }
}

/// One head of an attention model, as `m.heads[i]` gives it: `off` (settable) switches it off.
final class AttentionHeadObject: NVObject {
    let owner: AttentionModelObject
    let layer: Int, head: Int

    init(owner: AttentionModelObject, layer: Int, head: Int) {
        self.owner = owner; self.layer = layer; self.head = head
    }

    var typeName: String { "head" }
    var off: Bool { owner.model?.headOff[layer][head] ?? false }
    var description: String { "head \(head + 1) of layer \(layer + 1) (\(off ? "off" : "on"))" }
    var memberNames: [String] { ["off", "layer", "head"] }

    func member(_ name: String) throws -> Value? {
        switch name {
        case "off": return .bool(off)
        case "layer": return .number(Double(layer))
        case "head": return .number(Double(head))
        default: return nil
        }
    }

    func setMember(_ name: String, to value: Value) throws {
        guard name == "off" else { throw ValueError("cannot assign to member '\(name)' of a head (settable: off)") }
        guard case .bool(let on) = value else { throw ValueError("off must be true or false, got \(value.typeName)") }
        owner.model?.headOff[layer][head] = on
    }
}
