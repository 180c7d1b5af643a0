import Testing
@testable import Runtime

/// The short-sequence attention kernels (C, 16 lanes per row, T ≤ 16) against the one-query-
/// at-a-time Swift loops they replace, on random queries, keys, values and output gradients:
/// scores, weights, ctx and dqkv agree to rounding, for the shapes that change the path —
/// causal or not, a head switched off, T of 1, 5 and 16, head widths that are a multiple of 16,
/// of 8 only, and neither.
@Suite("Short attention")
struct ShortAttentionTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let length: Int, dim: Int, heads: Int, causal: Bool, off: Bool
        var testDescription: String { "T \(length), dim \(dim), \(heads) heads, causal \(causal)\(off ? ", head 0 off" : "")" }
    }

    static let cases = [
        Case(length: 16, dim: 32, heads: 2, causal: false, off: false),
        Case(length: 16, dim: 32, heads: 2, causal: true, off: false),
        Case(length: 5, dim: 24, heads: 3, causal: false, off: true),
        Case(length: 5, dim: 40, heads: 2, causal: true, off: false),
        Case(length: 1, dim: 6, heads: 2, causal: true, off: false),
        Case(length: 9, dim: 12, heads: 1, causal: false, off: true),
    ]

    @Test("the short kernels match the general loops", arguments: cases)
    func shortMatchesLong(_ c: Case) {
        let batch = 3
        let shape = SelfAttention.Shape(batch: batch, length: c.length, dim: c.dim, heads: c.heads, causal: c.causal)
        var rng = SeededGenerator(seed: UInt64(c.length * 100 + c.dim))
        let n = batch * c.length, maps = batch * c.heads * c.length * c.length
        let qkv = (0..<(n * 3 * c.dim)).map { _ in Float(rng.normal()) }
        let dctx = (0..<(n * c.dim)).map { _ in Float(rng.normal()) }
        let off = (0..<c.heads).map { $0 == 0 && c.off }
        var scores = ([Float](repeating: 0, count: maps), [Float](repeating: 0, count: maps))
        var weights = scores
        var ctx = ([Float](repeating: 0, count: n * c.dim), [Float](repeating: 0, count: n * c.dim))
        // Filled with NaN: every element the kernels own must be written.
        var dqkv = ([Float](repeating: .nan, count: n * 3 * c.dim), [Float](repeating: .nan, count: n * 3 * c.dim))
        var scratch = [Float](repeating: 0, count: SelfAttention.scratchCount(length: c.length, headDim: c.dim / c.heads))
        SelfAttention.forwardShort(qkv, shape, off: off, scores: &scores.0, probabilities: &weights.0, ctx: &ctx.0, scratch: &scratch)
        SelfAttention.forwardLong(qkv, shape, off: off, scores: &scores.1, probabilities: &weights.1, ctx: &ctx.1)
        SelfAttention.backwardShort(qkv, shape, off: off, probabilities: weights.0, dctx: dctx, dqkv: &dqkv.0, scratch: &scratch)
        SelfAttention.backwardLong(qkv, shape, off: off, probabilities: weights.1, dctx: dctx, dqkv: &dqkv.1, row: &scratch)
        func close(_ a: [Float], _ b: [Float], _ what: String) {
            #expect(a.count == b.count)
            var worst: Float = 0
            for (x, y) in zip(a, b) {
                if x.isInfinite || y.isInfinite {
                    #expect(x == y, "\(what): \(x) against \(y)")
                    continue
                }
                worst = max(worst, abs(x - y) / max(1, abs(y)))
            }
            #expect(worst < 1e-5, "\(what): worst relative difference \(worst)")
        }
        close(scores.0, scores.1, "scores")
        close(weights.0, weights.1, "weights")
        close(ctx.0, ctx.1, "ctx")
        close(dqkv.0, dqkv.1, "dqkv")
        #expect(dqkv.0.allSatisfy { !$0.isNaN })
        if c.causal {
            // Masked keys: −∞ before the softmax, exactly 0 after.
            #expect(scores.0[1] == -.infinity || c.length == 1)
            #expect(weights.0[1] == 0 || c.length == 1)
        }
    }
}
