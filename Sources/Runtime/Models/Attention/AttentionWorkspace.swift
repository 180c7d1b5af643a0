/// The activations and gradient buffers of one `AttentionModel`, allocated for the largest
/// batch × length seen and reused, so a training step allocates nothing.
///
/// N = batch · length tokens, D = dim, F = 4·dim, M = batch · heads · length² map entries.
/// A workspace is scratch between calls, except that the last forward pass's activations stay
/// readable (the probe's pictures are read from them). A copied model gets its own workspace
/// the first time it runs (`AttentionModel.ownWorkspace`).
final class AttentionWorkspace: @unchecked Sendable {
    /// One block's forward activations.
    struct Block {
        /// ln1 output `[N, D]`, its row means and reciprocal deviations `[N]`.
        var ln1: UnsafeMutablePointer<Float>, mean1: UnsafeMutablePointer<Float>, rstd1: UnsafeMutablePointer<Float>
        /// Projected queries, keys, values `[N, 3D]`.
        var qkv: UnsafeMutablePointer<Float>
        /// Scores before the softmax and attention weights `[B, heads, T, T]`.
        var scores: UnsafeMutablePointer<Float>, weights: UnsafeMutablePointer<Float>
        /// Heads' outputs, concatenated `[N, D]`.
        var ctx: UnsafeMutablePointer<Float>
        /// The stream after the attention residual `[N, D]`.
        var mid: UnsafeMutablePointer<Float>
        /// ln2 output and stats, the MLP's pre-activation and ReLU output `[N, F]`.
        var ln2: UnsafeMutablePointer<Float>, mean2: UnsafeMutablePointer<Float>, rstd2: UnsafeMutablePointer<Float>
        var hidden: UnsafeMutablePointer<Float>, activated: UnsafeMutablePointer<Float>
    }

    let config: AttentionConfig
    /// Tokens (batch · length) and map entries the buffers hold.
    private(set) var tokenCapacity = 0, mapCapacity = 0, lengthCapacity = 0
    /// The residual stream entering each block, and leaving the last: layers + 1 of `[N, D]`.
    private(set) var stream: [UnsafeMutablePointer<Float>] = []
    private(set) var blocks: [Block] = []
    /// Final layer norm output and stats, logits, probabilities `[N, V]`, argmax `[N]`.
    private(set) var lnf: UnsafeMutablePointer<Float>!, meanf: UnsafeMutablePointer<Float>!, rstdf: UnsafeMutablePointer<Float>!
    private(set) var logits: UnsafeMutablePointer<Float>!, probabilities: UnsafeMutablePointer<Float>!
    private(set) var predictions: UnsafeMutablePointer<Int32>!
    /// Tokens and targets of the last call `[N]`.
    private(set) var tokens: UnsafeMutablePointer<Int32>!, targets: UnsafeMutablePointer<Int32>!
    /// Backward buffers: dlogits `[N, V]`, the stream's gradient and a branch's `[N, D]`,
    /// dctx `[N, D]`, dqkv `[N, 3D]`, dhidden `[N, F]`.
    private(set) var dlogits: UnsafeMutablePointer<Float>!, dstream: UnsafeMutablePointer<Float>!, dbranch: UnsafeMutablePointer<Float>!
    private(set) var dctx: UnsafeMutablePointer<Float>!, dqkv: UnsafeMutablePointer<Float>!, dhidden: UnsafeMutablePointer<Float>!
    /// The heads' scratch (`SelfAttention.scratchCount`).
    private(set) var attentionScratch: UnsafeMutablePointer<Float>!
    private var owned: [UnsafeMutableRawPointer] = []
    /// ∂loss/∂parameters of this workspace's part of a training batch `[parameters]`, allocated
    /// by the first `parameterGradients` call and kept.
    private var gradientBuffer: UnsafeMutablePointer<Float>?

    init(config: AttentionConfig) { self.config = config }

    /// Grows the buffers to hold `batch` sequences of `length` tokens.
    func reserve(batch: Int, length: Int) {
        let n = batch * length, maps = batch * config.heads * length * length
        guard n > tokenCapacity || maps > mapCapacity || length > lengthCapacity else { return }
        release()
        tokenCapacity = max(n, tokenCapacity)
        mapCapacity = max(maps, mapCapacity)
        lengthCapacity = max(length, lengthCapacity)
        let (N, D, F, V, M) = (tokenCapacity, config.dim, config.mlp ? config.hidden : 0, config.vocab, mapCapacity)
        stream = (0...config.layers).map { _ in floats(N * D) }
        blocks = (0..<config.layers).map { _ in
            Block(ln1: floats(N * D), mean1: floats(N), rstd1: floats(N), qkv: floats(N * 3 * D),
                  scores: floats(M), weights: floats(M), ctx: floats(N * D), mid: floats(N * D),
                  ln2: floats(N * D), mean2: floats(N), rstd2: floats(N), hidden: floats(N * F), activated: floats(N * F))
        }
        lnf = floats(N * D); meanf = floats(N); rstdf = floats(N)
        logits = floats(N * V); probabilities = floats(N * V)
        predictions = ints(N); tokens = ints(N); targets = ints(N)
        dlogits = floats(N * V); dstream = floats(N * D); dbranch = floats(N * D)
        dctx = floats(N * D); dqkv = floats(N * 3 * D); dhidden = floats(N * F)
        attentionScratch = floats(SelfAttention.scratchCount(length: lengthCapacity, headDim: config.headDim))
    }

    /// The gradients the last `parameterGradients` caller wrote, nil before the first.
    var writtenGradients: UnsafeMutablePointer<Float>? { gradientBuffer }

    /// The gradient buffer of `count` floats (the model's parameter count), zeroed.
    func parameterGradients(count: Int) -> UnsafeMutablePointer<Float> {
        let g = gradientBuffer ?? UnsafeMutablePointer<Float>.allocate(capacity: count)
        gradientBuffer = g
        g.initialize(repeating: 0, count: count)
        return g
    }

    private func floats(_ count: Int) -> UnsafeMutablePointer<Float> {
        let p = UnsafeMutablePointer<Float>.allocate(capacity: max(count, 1))
        p.initialize(repeating: 0, count: max(count, 1))
        owned.append(UnsafeMutableRawPointer(p))
        return p
    }

    private func ints(_ count: Int) -> UnsafeMutablePointer<Int32> {
        let p = UnsafeMutablePointer<Int32>.allocate(capacity: max(count, 1))
        p.initialize(repeating: 0, count: max(count, 1))
        owned.append(UnsafeMutableRawPointer(p))
        return p
    }

    private func release() {
        for p in owned { p.deallocate() }
        owned = []
    }

    deinit {
        release()
        gradientBuffer?.deallocate()
    }
}
