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
    var workspace: AttentionWorkspace

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

    /// Makes the workspace this value's own, so two copies never share buffers.
    mutating func ownWorkspace() {
        if !isKnownUniquelyReferenced(&workspace) { workspace = AttentionWorkspace(config: config) }
    }

    /// Runs `batch` sequences of `length` tokens (row-major `[batch, length]`, each in 0..<vocab,
    /// length ≤ context) forward; with `targets` (−1: none) also the loss, and with `backward`
    /// the gradients (overwriting `gradients`). The caller has checked the tokens.
    @discardableResult
    mutating func run(tokens: UnsafePointer<Int32>, targets: UnsafePointer<Int32>?, batch: Int, length: Int,
                      backward: Bool) -> SequenceCrossEntropy.Result {
        precondition(length >= 1 && length <= config.context && batch >= 1, "AttentionModel.run: bad shape")
        ownWorkspace()
        workspace.reserve(batch: batch, length: length)
        let ws = workspace
        let n = batch * length
        ws.tokens!.update(from: tokens, count: n)
        if let targets { ws.targets!.update(from: targets, count: n) } else { ws.targets!.update(repeating: -1, count: n) }
        let offs = headOff
        // The gradient buffer is moved out while the passes read self, then moved back.
        var grads = gradients
        gradients = []
        defer { gradients = grads }
        return values.withUnsafeBufferPointer { vb in
            let v = vb.baseAddress!
            forward(v, ws, batch: batch, length: length, off: offs)
            let result = SequenceCrossEntropy.evaluate(ws.logits!, targets: ws.targets!, n: n, vocab: config.vocab,
                                                       probabilities: ws.probabilities!, predictions: ws.predictions!,
                                                       dlogits: backward ? ws.dlogits! : nil)
            if backward {
                grads.withUnsafeMutableBufferPointer { gb in
                    let g = gb.baseAddress!
                    g.update(repeating: 0, count: layout.total)
                    self.backward(v, g, ws, batch: batch, length: length, off: offs)
                }
            }
            return result
        }
    }

    private func forward(_ v: UnsafePointer<Float>, _ ws: AttentionWorkspace, batch: Int, length: Int, off: [[Bool]]) {
        let (D, F, V, n) = (config.dim, config.hidden, config.vocab, batch * length)
        let shape = SelfAttention.Shape(batch: batch, length: length, dim: D, heads: config.heads, causal: config.causal)
        TokenEmbedding.forward(ws.tokens!, batch: batch, length: length, d: D,
                               tokenTable: v + layout.tokens, positionTable: v + layout.positions, into: ws.stream[0])
        for (l, p) in layout.blocks.enumerated() {
            let a = ws.blocks[l], x = ws.stream[l], out = ws.stream[l + 1]
            LayerNorm.forward(x, n: n, d: D, gamma: v + p.ln1Weight, beta: v + p.ln1Bias, into: a.ln1, mean: a.mean1, rstd: a.rstd1)
            Linear.forward(a.ln1, n: n, inputs: D, outputs: 3 * D, weight: v + p.inWeight, bias: v + p.inBias, into: a.qkv)
            SelfAttention.forward(a.qkv, shape, off: off[l], scores: a.scores, probabilities: a.weights, ctx: a.ctx)
            let mid = config.mlp ? a.mid : out
            Linear.forward(a.ctx, n: n, inputs: D, outputs: D, weight: v + p.outWeight, bias: v + p.outBias, into: mid)
            for k in 0..<(n * D) { mid[k] += x[k] }                                  // x' = x + attn
            guard config.mlp else { continue }
            LayerNorm.forward(mid, n: n, d: D, gamma: v + p.ln2Weight, beta: v + p.ln2Bias, into: a.ln2, mean: a.mean2, rstd: a.rstd2)
            Linear.forward(a.ln2, n: n, inputs: D, outputs: F, weight: v + p.fc1Weight, bias: v + p.fc1Bias, into: a.hidden)
            for k in 0..<(n * F) { a.activated[k] = max(a.hidden[k], 0) }           // ReLU
            Linear.forward(a.activated, n: n, inputs: F, outputs: D, weight: v + p.fc2Weight, bias: v + p.fc2Bias, into: out)
            for k in 0..<(n * D) { out[k] += mid[k] }                                // x'' = x' + mlp
        }
        LayerNorm.forward(ws.stream[config.layers], n: n, d: D, gamma: v + layout.lnfWeight, beta: v + layout.lnfBias,
                          into: ws.lnf!, mean: ws.meanf!, rstd: ws.rstdf!)
        Linear.forward(ws.lnf!, n: n, inputs: D, outputs: V, weight: v + layout.headWeight, bias: v + layout.headBias, into: ws.logits!)
    }

    private func backward(_ v: UnsafePointer<Float>, _ g: UnsafeMutablePointer<Float>, _ ws: AttentionWorkspace,
                          batch: Int, length: Int, off: [[Bool]]) {
        let (D, F, V, n) = (config.dim, config.hidden, config.vocab, batch * length)
        let shape = SelfAttention.Shape(batch: batch, length: length, dim: D, heads: config.heads, causal: config.causal)
        let ds = ws.dstream!, db = ws.dbranch!, scratch = ws.transposed!
        // Head and final norm: ds = ∂L/∂x_L.
        Linear.backward(ws.lnf!, dy: ws.dlogits!, n: n, inputs: D, outputs: V, weight: v + layout.headWeight,
                        weightGradient: g + layout.headWeight, biasGradient: g + layout.headBias,
                        dx: db, accumulate: false, scratch: scratch)
        ds.update(repeating: 0, count: n * D)
        LayerNorm.backward(ws.stream[config.layers], dy: db, n: n, d: D, gamma: v + layout.lnfWeight, mean: ws.meanf!, rstd: ws.rstdf!,
                           gammaGradient: g + layout.lnfWeight, betaGradient: g + layout.lnfBias, dx: ds)
        for l in stride(from: config.layers - 1, through: 0, by: -1) {
            let p = layout.blocks[l], a = ws.blocks[l]
            if config.mlp {
                // x'' = x' + mlp(x'): ds flows on unchanged and through the MLP branch.
                Linear.backward(a.activated, dy: ds, n: n, inputs: F, outputs: D, weight: v + p.fc2Weight,
                                weightGradient: g + p.fc2Weight, biasGradient: g + p.fc2Bias,
                                dx: ws.dhidden!, accumulate: false, scratch: scratch)
                for k in 0..<(n * F) where a.hidden[k] <= 0 { ws.dhidden[k] = 0 }     // ReLU′
                Linear.backward(a.ln2, dy: ws.dhidden!, n: n, inputs: D, outputs: F, weight: v + p.fc1Weight,
                                weightGradient: g + p.fc1Weight, biasGradient: g + p.fc1Bias,
                                dx: db, accumulate: false, scratch: scratch)
                LayerNorm.backward(a.mid, dy: db, n: n, d: D, gamma: v + p.ln2Weight, mean: a.mean2, rstd: a.rstd2,
                                   gammaGradient: g + p.ln2Weight, betaGradient: g + p.ln2Bias, dx: ds)
            }
            // x' = x + attn(x): the same, through out_proj, the heads, in_proj and LN₁.
            Linear.backward(a.ctx, dy: ds, n: n, inputs: D, outputs: D, weight: v + p.outWeight,
                            weightGradient: g + p.outWeight, biasGradient: g + p.outBias,
                            dx: ws.dctx!, accumulate: false, scratch: scratch)
            SelfAttention.backward(a.qkv, shape, off: off[l], probabilities: a.weights, dctx: ws.dctx!, dqkv: ws.dqkv!, row: ws.row!)
            Linear.backward(a.ln1, dy: ws.dqkv!, n: n, inputs: D, outputs: 3 * D, weight: v + p.inWeight,
                            weightGradient: g + p.inWeight, biasGradient: g + p.inBias,
                            dx: db, accumulate: false, scratch: scratch)
            LayerNorm.backward(ws.stream[l], dy: db, n: n, d: D, gamma: v + p.ln1Weight, mean: a.mean1, rstd: a.rstd1,
                               gammaGradient: g + p.ln1Weight, betaGradient: g + p.ln1Bias, dx: ds)
        }
        TokenEmbedding.backward(ws.tokens!, batch: batch, length: length, d: D, dx: ds,
                                tokenGradient: g + layout.tokens, positionGradient: g + layout.positions)
    }
}
