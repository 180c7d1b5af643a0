/// A tiny transformer written from scratch: token + positional embeddings, `layers` pre-norm
/// blocks, a final layer norm and a linear head, trained with softmax cross-entropy.
///
///     x₀ = E_tok[tokens] + E_pos[0..<T]                      [B·T, D]
///     block l:  a = LN₁(x);  qkv = a W_inᵀ + b_in            [B·T, 3D]
///               ctx = MultiHeadAttention(qkv)                [B·T, D]
///               x' = x + ctx W_outᵀ + b_out
///               (mlp) x'' = x' + W₂ ReLU(W₁ LN₂(x') + b₁) + b₂
///     logits = LN_f(x_L) W_headᵀ + b_head                   [B·T, V]
///
/// Every parameter lives in one flat buffer (`values`, gradients in `gradients`) at the offsets
/// of `layout`, under PyTorch state-dict names (see `AttentionModel+Checkpoint`). Each part's
/// forward and backward are side by side in `TokenEmbedding`, `LayerNorm`, `Linear`,
/// `SelfAttention` and `SequenceCrossEntropy`; this type only strings them together.
public struct AttentionModel: Sendable {
    public let config: AttentionConfig
    public let layout: AttentionLayout
    /// All parameters, `[layout.total]`.
    public var values: [Float]
    /// ∂loss/∂values of the last `step`, `[layout.total]`.
    public var gradients: [Float]
    /// Heads switched off (ablated), `[layers][heads]`: they contribute nothing to the stream.
    public var headOff: [[Bool]]
    /// Activations of the last forward-only run (the probe reads them).
    var workspace: AttentionWorkspace
    /// The two halves of a training batch, each with its activations and gradients: the halves
    /// run on the two cores (or one after the other on one) and their gradients are added in a
    /// fixed order, so a step's result does not depend on the core count.
    var halves: (AttentionWorkspace, AttentionWorkspace)

    /// A model with fresh weights drawn from `seed`: embeddings N(0, 1) as `nn.Embedding`,
    /// linear weights Glorot-normal, biases 0, layer norms γ = 1, β = 0.
    /// - Throws: `RuntimeError` when the config is impossible (see `AttentionConfig.validate`).
    public init(config: AttentionConfig, seed: UInt64) throws {
        try config.validate()
        self.config = config
        layout = AttentionLayout(config)
        values = [Float](repeating: 0, count: layout.total)
        gradients = values
        headOff = Array(repeating: Array(repeating: false, count: config.heads), count: config.layers)
        workspace = AttentionWorkspace(config: config)
        halves = (AttentionWorkspace(config: config), AttentionWorkspace(config: config))
        var rng = SeededGenerator(seed: seed)
        for slot in layout.slots {
            let name = slot.name
            if name.hasSuffix("_emb.weight") {
                for k in 0..<slot.count { values[slot.offset + k] = Float(rng.normal()) }
            } else if name.hasSuffix("ln1.weight") || name.hasSuffix("ln2.weight") || name == "ln_f.weight" {
                for k in 0..<slot.count { values[slot.offset + k] = 1 }
            } else if slot.shape.count == 2 {
                let rows = name.hasSuffix("in_proj_weight") ? slot.shape[0] / 3 : slot.shape[0]
                let w = glorotNormal(count: slot.count, fanIn: slot.shape[1], fanOut: rows, rng: &rng)
                for k in 0..<slot.count { values[slot.offset + k] = w[k] }
            }
        }
    }

    /// Makes the workspaces this value's own, so two copies never share buffers.
    mutating func ownWorkspace() {
        if !isKnownUniquelyReferenced(&workspace) { workspace = AttentionWorkspace(config: config) }
        if !isKnownUniquelyReferenced(&halves.0) { halves.0 = AttentionWorkspace(config: config) }
        if !isKnownUniquelyReferenced(&halves.1) { halves.1 = AttentionWorkspace(config: config) }
    }

    /// Runs `batch` sequences of `length` tokens (row-major `[batch, length]`, each in 0..<vocab,
    /// length ≤ context) forward; with `targets` (−1: none) also the loss, and with `backward`
    /// the gradients (overwriting `gradients`). The caller has checked the tokens.
    /// A forward-only run leaves its activations in `workspace`; a backward run splits the batch
    /// into two halves (`halves`), the first (batch + 1) / 2 sequences and the rest.
    @discardableResult
    mutating func run(tokens: UnsafePointer<Int32>, targets: UnsafePointer<Int32>?, batch: Int, length: Int,
                      backward: Bool) -> SequenceCrossEntropy.Result {
        precondition(length >= 1 && length <= config.context && batch >= 1, "AttentionModel.run: bad shape")
        ownWorkspace()
        if backward, let targets { return train(tokens: tokens, targets: targets, batch: batch, length: length) }
        let ws = workspace
        load(ws, tokens: tokens, targets: targets, batch: batch, length: length)
        return values.withUnsafeBufferPointer { vb in
            forward(vb.baseAddress!, ws, batch: batch, length: length, off: headOff)
            return SequenceCrossEntropy.evaluate(ws.logits!, targets: ws.targets!, n: batch * length, vocab: config.vocab,
                                                 probabilities: ws.probabilities!, predictions: ws.predictions!,
                                                 dlogits: nil, divisor: nil)
        }
    }

    /// Sizes `ws` for the batch and copies its tokens and targets in.
    private func load(_ ws: AttentionWorkspace, tokens: UnsafePointer<Int32>, targets: UnsafePointer<Int32>?,
                      batch: Int, length: Int) {
        let n = batch * length
        ws.reserve(batch: batch, length: length)
        ws.tokens!.update(from: tokens, count: n)
        if let targets { ws.targets!.update(from: targets, count: n) } else { ws.targets!.update(repeating: -1, count: n) }
    }

    /// Forward and backward over the two halves of the batch, then gradients = g₀ + g₁.
    private mutating func train(tokens: UnsafePointer<Int32>, targets: UnsafePointer<Int32>,
                                batch: Int, length: Int) -> SequenceCrossEntropy.Result {
        let n = batch * length
        var counted = 0
        for k in 0..<n where targets[k] >= 0 { counted += 1 }
        let first = (batch + 1) / 2
        let (h0, h1) = halves
        var r0 = SequenceCrossEntropy.Result(loss: 0, total: 0, counted: 0, correct: 0), r1 = r0
        // A copy for the two threads to read; it ends with this block, before `gradients` is
        // written (while it lives, writing would copy the buffer).
        do {
        let model = self
        model.values.withUnsafeBufferPointer { vb in
            let v = vb.baseAddress!
            // The loss is the mean over the whole batch's targets, so each half divides by `counted`.
            func half(_ ws: AttentionWorkspace, from start: Int, count: Int) -> SequenceCrossEntropy.Result {
                model.load(ws, tokens: tokens + start * length, targets: targets + start * length, batch: count, length: length)
                model.forward(v, ws, batch: count, length: length, off: model.headOff)
                let result = SequenceCrossEntropy.evaluate(ws.logits!, targets: ws.targets!, n: count * length, vocab: model.config.vocab,
                                                           probabilities: ws.probabilities!, predictions: ws.predictions!,
                                                           dlogits: ws.dlogits!, divisor: counted)
                model.backward(v, ws.parameterGradients(count: model.layout.total), ws, batch: count, length: length, off: model.headOff)
                return result
            }
            if batch >= 2 {
                Parallel.pair({ r0 = half(h0, from: 0, count: first) }, { r1 = half(h1, from: first, count: batch - first) })
            } else {
                r0 = half(h0, from: 0, count: batch)
            }
        }
        }
        let total = layout.total
        gradients.withUnsafeMutableBufferPointer { gb in
            let g = gb.baseAddress!, g0 = h0.writtenGradients!
            if batch >= 2 {
                let g1 = h1.writtenGradients!
                for k in 0..<total { g[k] = g0[k] + g1[k] }
            } else {
                g.update(from: g0, count: total)
            }
        }
        let sum = r0.total + r1.total
        return SequenceCrossEntropy.Result(loss: counted > 0 ? Float(sum / Double(counted)) : 0, total: sum,
                                           counted: counted, correct: r0.correct + r1.correct)
    }

    /// tokens → logits, keeping every activation in `ws`.
    private func forward(_ v: UnsafePointer<Float>, _ ws: AttentionWorkspace, batch: Int, length: Int, off: [[Bool]]) {
        let (D, F, V, n) = (config.dim, config.hidden, config.vocab, batch * length)
        let shape = SelfAttention.Shape(batch: batch, length: length, dim: D, heads: config.heads, causal: config.causal)
        TokenEmbedding.forward(ws.tokens!, batch: batch, length: length, d: D,
                               tokenTable: v + layout.tokens, positionTable: v + layout.positions, into: ws.stream[0])
        for (l, p) in layout.blocks.enumerated() {
            let a = ws.blocks[l], x = ws.stream[l], out = ws.stream[l + 1]
            // a = LN₁(x) [n, D];  qkv = a W_inᵀ + b_in [n, 3D];  ctx = heads(qkv) [n, D]
            LayerNorm.forward(x, n: n, d: D, gamma: v + p.ln1Weight, beta: v + p.ln1Bias, into: a.ln1, mean: a.mean1, rstd: a.rstd1)
            Linear.forward(a.ln1, n: n, inputs: D, outputs: 3 * D, weight: v + p.inWeight, bias: v + p.inBias, into: a.qkv)
            SelfAttention.forward(a.qkv, shape, off: off[l], scores: a.scores, probabilities: a.weights, ctx: a.ctx,
                                  scratch: ws.attentionScratch!)
            // x' = x + ctx W_outᵀ + b_out [n, D]
            let mid = config.mlp ? a.mid : out
            Linear.forward(a.ctx, n: n, inputs: D, outputs: D, weight: v + p.outWeight, bias: v + p.outBias, into: mid)
            for k in 0..<(n * D) { mid[k] += x[k] }
            guard config.mlp else { continue }
            // x'' = x' + ReLU(LN₂(x') W₁ᵀ + b₁) W₂ᵀ + b₂;  hidden, activated [n, F]
            LayerNorm.forward(mid, n: n, d: D, gamma: v + p.ln2Weight, beta: v + p.ln2Bias, into: a.ln2, mean: a.mean2, rstd: a.rstd2)
            Linear.forward(a.ln2, n: n, inputs: D, outputs: F, weight: v + p.fc1Weight, bias: v + p.fc1Bias, into: a.hidden)
            let (hidden, activated) = (a.hidden, a.activated)
            for k in 0..<(n * F) { activated[k] = max(hidden[k], 0) }
            Linear.forward(activated, n: n, inputs: F, outputs: D, weight: v + p.fc2Weight, bias: v + p.fc2Bias, into: out)
            for k in 0..<(n * D) { out[k] += mid[k] }
        }
        // logits = LN_f(x_L) W_headᵀ + b_head [n, V]
        LayerNorm.forward(ws.stream[config.layers], n: n, d: D, gamma: v + layout.lnfWeight, beta: v + layout.lnfBias,
                          into: ws.lnf!, mean: ws.meanf!, rstd: ws.rstdf!)
        Linear.forward(ws.lnf!, n: n, inputs: D, outputs: V, weight: v + layout.headWeight, bias: v + layout.headBias, into: ws.logits!)
    }

    /// dlogits (in `ws`) → gradients `g` (zeroed by the caller), the forward's steps in reverse.
    private func backward(_ v: UnsafePointer<Float>, _ g: UnsafeMutablePointer<Float>, _ ws: AttentionWorkspace,
                          batch: Int, length: Int, off: [[Bool]]) {
        let (D, F, V, n) = (config.dim, config.hidden, config.vocab, batch * length)
        let shape = SelfAttention.Shape(batch: batch, length: length, dim: D, heads: config.heads, causal: config.causal)
        let ds = ws.dstream!, db = ws.dbranch!, dhidden = ws.dhidden!, dctx = ws.dctx!, dqkv = ws.dqkv!
        // Head and final norm: ds = ∂L/∂x_L [n, D].
        Linear.backward(ws.lnf!, dy: ws.dlogits!, n: n, inputs: D, outputs: V, weight: v + layout.headWeight,
                        weightGradient: g + layout.headWeight, biasGradient: g + layout.headBias,
                        dx: db, accumulate: false)
        ds.update(repeating: 0, count: n * D)
        LayerNorm.backward(ws.stream[config.layers], dy: db, n: n, d: D, gamma: v + layout.lnfWeight, mean: ws.meanf!, rstd: ws.rstdf!,
                           gammaGradient: g + layout.lnfWeight, betaGradient: g + layout.lnfBias, dx: ds)
        for l in stride(from: config.layers - 1, through: 0, by: -1) {
            let p = layout.blocks[l], a = ws.blocks[l]
            if config.mlp {
                // x'' = x' + mlp(x'): ds flows on unchanged and through the MLP branch.
                Linear.backward(a.activated, dy: ds, n: n, inputs: F, outputs: D, weight: v + p.fc2Weight,
                                weightGradient: g + p.fc2Weight, biasGradient: g + p.fc2Bias,
                                dx: dhidden, accumulate: false)                              // dhidden [n, F]
                let hidden = a.hidden
                for k in 0..<(n * F) { dhidden[k] = hidden[k] > 0 ? dhidden[k] : 0 }        // ReLU′
                Linear.backward(a.ln2, dy: dhidden, n: n, inputs: D, outputs: F, weight: v + p.fc1Weight,
                                weightGradient: g + p.fc1Weight, biasGradient: g + p.fc1Bias,
                                dx: db, accumulate: false)                                   // db [n, D]
                LayerNorm.backward(a.mid, dy: db, n: n, d: D, gamma: v + p.ln2Weight, mean: a.mean2, rstd: a.rstd2,
                                   gammaGradient: g + p.ln2Weight, betaGradient: g + p.ln2Bias, dx: ds)
            }
            // x' = x + attn(x): the same, through out_proj, the heads, in_proj and LN₁.
            Linear.backward(a.ctx, dy: ds, n: n, inputs: D, outputs: D, weight: v + p.outWeight,
                            weightGradient: g + p.outWeight, biasGradient: g + p.outBias,
                            dx: dctx, accumulate: false)                                     // dctx [n, D]
            SelfAttention.backward(a.qkv, shape, off: off[l], probabilities: a.weights, dctx: dctx, dqkv: dqkv,
                                   scratch: ws.attentionScratch!)                            // dqkv [n, 3D]
            Linear.backward(a.ln1, dy: dqkv, n: n, inputs: D, outputs: 3 * D, weight: v + p.inWeight,
                            weightGradient: g + p.inWeight, biasGradient: g + p.inBias,
                            dx: db, accumulate: false)                                       // db [n, D]
            LayerNorm.backward(ws.stream[l], dy: db, n: n, d: D, gamma: v + p.ln1Weight, mean: a.mean1, rstd: a.rstd1,
                               gammaGradient: g + p.ln1Weight, betaGradient: g + p.ln1Bias, dx: ds)
        }
        TokenEmbedding.backward(ws.tokens!, batch: batch, length: length, d: D, dx: ds,
                                tokenGradient: g + layout.tokens, positionGradient: g + layout.positions)
    }
}
