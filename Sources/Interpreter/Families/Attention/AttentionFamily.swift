import Foundation
import Plots
import Runtime

/// Tiny transformers (`attention(...)`), the sequence tasks they learn (`reverse`, `copy`,
/// `sort`, `add`, `text`), and what can be asked of them: `train`, `attend`, `generate`,
/// `accuracy`, `save` (and `load(path)` through the checkpoint format "nv-attention").
enum AttentionFamily {
    static let family = ModelFamily(
        name: "attention",
        builtins: { [constructor()] + AttentionTaskBuiltins.all() },
        verbs: {
            [
                Builtin("train(model, task, epochs: 1, every: 25, lr?, batch: 64, fps: 30)", area: "attention",
                        doc: "Trains on the task's training split with Adam (lr 0.003), the attention maps of a held-out probe sequence live; every `every` steps the loss and sequence accuracy on both splits. The first task fixes the model's vocabulary.",
                        example: "m = attention(dim: 16, heads: 2, context: 8); train(m, reverse(length: 6, n: 500), epochs: 1)",
                        body: AttentionTraining.train),
                Builtin("attend(model, sequence)", area: "attention",
                        doc: "The maps of every head for one sequence (tokens separated by spaces, or the characters of a text model): weights beside the scores before the softmax, token lines, predictions.",
                        example: "m = attention(vocab: 10, context: 8); attend(m, \"3 1 4 1 5\")", body: attend),
                Builtin("generate(model, prompt, n: 100, temperature: 0.8, seed?)", area: "attention",
                        doc: "Continues the prompt by n tokens, each drawn from the model's next-token distribution (temperature 0: always the most likely). For a causal model trained on text(...).",
                        example: "m = attention(context: 16); train(m, text(context: 16), epochs: 1); generate(m, \"First \", n: 40)",
                        body: generate),
                Builtin("accuracy(model, task)", area: "attention",
                        doc: "The share of the task's held-out sequences the model gets entirely right.",
                        example: "accuracy(attention(vocab: 10, context: 8), reverse(n: 100))") { args in
                    let object = try args.model("model", as: AttentionModelObject.self)
                    let task = try AttentionTaskBuiltins.task(args, "task")
                    guard object.model != nil else { throw args.error("model", "has no weights yet; train it on a task first") }
                    try args.runtime { try object.model!.checkFits(task, what: "accuracy") }
                    return .number(object.model!.evaluate(task.test).sequenceAccuracy)
                },
                Builtin("save(model, path)", area: "attention",
                        doc: "Saves the model as safetensors under PyTorch names (tok_emb, pos_emb, blocks.N.attn.in_proj_weight, ...; see tools/reference/check_attention.py), its config and tokens in __metadata__.",
                        example: "save(attention(vocab: 10, context: 8), \"/tmp/attention.safetensors\")") { args in
                    let object = try args.model("model", as: AttentionModelObject.self)
                    let path = try args.savePath(example: "save(m, \"models/attention.safetensors\")")
                    guard let model = object.model else { throw args.error("model", "has no weights yet; train it on a task first") }
                    try args.runtime { try model.save(path: path, tokens: object.tokens, metrics: ["steps": Double(object.steps)]) }
                    args.context.display.write("saved \(visible(path, limit: 200))\n")
                    return .null
                },
            ]
        },
        checkpoint: ModelFamily.Checkpoint(format: "nv-attention") { _, path in
            let (model, tokens) = try AttentionModel.load(path: path)
            return AttentionModelObject(loaded: model, tokens: tokens)
        })

    static func constructor() -> Builtin {
        Builtin("attention(dim: 32, heads: 2, layers: 1, context: 16, causal?, mlp: true, vocab?, seed?)", area: "attention",
                                     doc: "A tiny transformer: token + position embeddings, pre-norm blocks of multi-head self-attention (causal: each position sees only earlier ones; the default follows the first task) and an MLP, a linear head. Its vocabulary comes from vocab: or the first task. Without seed: it starts from the session's seed.",
                                     example: "m = attention(dim: 32, heads: 2, layers: 1, context: 16)") { args in
        let dim = try args.count("dim", default: 32, limit: 1024)
        let heads = try args.count("heads", default: 2, limit: 64)
        let layers = try args.count("layers", default: 1, limit: 16)
        let context = try args.count("context", default: 16, limit: AttentionConfig.maximumContext)
        guard dim % heads == 0 else {
            throw args.error("heads", "must divide dim (\(dim)) so every head gets dim / heads dimensions, got \(heads); try heads: \(AttentionConfig.divisorNear(heads, of: dim))")
        }
        let vocab = args.has("vocab") ? try args.count("vocab", default: 10, limit: TextTask.maximumVocabulary) : 0
        guard !args.has("vocab") || vocab >= 2 else { throw args.error("vocab", "must be at least 2, got \(vocab)") }
        let shape = AttentionConfig(vocab: vocab, dim: dim, heads: heads, layers: layers, context: context,
                                    causal: try args.flag("causal"), mlp: try args.flag("mlp", default: true))
        let (object, _) = try args.withModelGenerator { rng in
            AttentionModelObject(shape: shape, causalGiven: args.has("causal"), seed: rng.next())
        }
        if vocab > 0 { try args.runtime { try object.build(vocab: vocab, causal: shape.causal, tokens: (0..<vocab).map(String.init)) } }
        return .object(object)
        }
    }

    /// The model's token ids for `text`: its task's tokens (digits separated by spaces, or a
    /// text's characters).
    static func encode(_ args: Arguments, _ object: AttentionModelObject, _ name: String, what: String) throws -> [Int32] {
        let text = try args.string(name)
        let task = object.task ?? SequenceTask(name: "the model", tokens: object.tokens,
                                               train: SequenceSet(inputs: [0], targets: [0], length: 1),
                                               test: SequenceSet(inputs: [0], targets: [0], length: 1),
                                               causal: object.shape.causal, separator: object.tokens.allSatisfy { $0.count == 1 } && object.tokens.count > 12 ? "" : " ")
        let ids = try args.runtime { try task.encode(text, what: what) }
        guard !ids.isEmpty else { throw args.error(name, "is empty; give some tokens, e.g. \"3 1 4 1 5\"") }
        guard ids.count <= object.shape.context else {
            throw args.error(name, "has \(ids.count) tokens, longer than the model's context of \(object.shape.context)")
        }
        return ids
    }

    static func attend(_ args: inout Arguments) throws -> Value {
        let object = try args.model("model", as: AttentionModelObject.self)
        guard object.model != nil else { throw args.error("model", "has no weights yet; train it on a task first (or give attention(vocab: n))") }
        let ids = try encode(args, object, "sequence", what: "attend")
        let probe = object.model!.probe(ids)
        return .figure(FigureValue(AttentionViews.attend(probe, tokens: object.tokens)))
    }

    static func generate(_ args: inout Arguments) throws -> Value {
        let object = try args.model("model", as: AttentionModelObject.self)
        guard object.model != nil else { throw args.error("model", "has no weights yet; train it on text(...) first") }
        guard object.shape.causal else {
            throw args.error("model", "is not causal: it was trained to see the whole sequence, so it cannot continue one; build it with attention(causal: true) or train it on text(...)")
        }
        let ids = try encode(args, object, "prompt", what: "generate")
        let n = try args.count("n", default: 100, limit: 100_000)
        let temperature = args.has("temperature") ? try args.nonNegativeNumber("temperature") : 0.8
        let out = try args.withGenerator { rng in object.model!.generate(prompt: ids, count: n, temperature: Float(temperature), rng: &rng) }
        let separator = object.task?.separator ?? (object.tokens.allSatisfy { $0.count == 1 } && object.tokens.count > 12 ? "" : " ")
        return .string(out.map { object.tokens[Int($0)] }.joined(separator: separator))
    }
}

extension AttentionModelObject: ModelObject {
    static var family: ModelFamily { AttentionFamily.family }
}
