import CKernels

/// `SelfAttention` for sequences of at most 16 tokens (the tasks' and the benchmark's context),
/// head by head in the C target CKernels (`nv_attention_forward_short`, `…_backward_short`),
/// where one query's row of scores, weights or gradients is 16 lanes: keys beyond T are
/// zero-padded lanes, masked keys −∞ before the softmax and 0 after. The maths and the order of
/// every sum over keys or queries are those of `forward`/`backward`; the dot products over a
/// head's dh dimensions are one chain in increasing k instead of eight lanes summed at the end,
/// and eˣ is a polynomial (relative error about 2e-7) instead of the C library's: rounding-level
/// differences. In C because Swift's SIMD masks, lane max and clamp compile to lane-by-lane
/// loops through the stack.
extension SelfAttention {
    /// The longest sequence the short path takes.
    static let shortLength = 16
    /// Floats of scratch the short path needs: Kᵀ or Vᵀ `[dh, 16]` and dS `[16, 16]`.
    static func shortScratch(headDim: Int) -> Int { (headDim + 16) * 16 }

    /// `forward` for T ≤ 16.
    static func forwardShort(_ qkv: UnsafePointer<Float>, _ s: Shape, off: [Bool],
                             scores: UnsafeMutablePointer<Float>, probabilities: UnsafeMutablePointer<Float>,
                             ctx: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>) {
        for h in 0..<s.heads {
            nv_attention_forward_short(s.batch, s.length, s.dim, s.heads, h, s.causal ? 1 : 0, off[h] ? 1 : 0,
                                       qkv, scores, probabilities, ctx, scratch)
        }
    }

    /// `backward` for T ≤ 16: dctx `[B·T, dim]` → dqkv `[B·T, 3·dim]` (overwritten).
    static func backwardShort(_ qkv: UnsafePointer<Float>, _ s: Shape, off: [Bool],
                              probabilities: UnsafePointer<Float>, dctx: UnsafePointer<Float>,
                              dqkv: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>) {
        for h in 0..<s.heads {
            nv_attention_backward_short(s.batch, s.length, s.dim, s.heads, h, s.causal ? 1 : 0, off[h] ? 1 : 0,
                                        qkv, probabilities, dctx, dqkv, scratch)
        }
    }
}
