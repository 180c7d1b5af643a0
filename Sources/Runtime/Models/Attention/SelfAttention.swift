/// Multi-head scaled dot-product self-attention on the projected queries, keys and values, forward
/// and backward side by side (the in and out projections are `Linear`s around it).
///
/// Per sample b and head h, with Q, K, V `[T, dh]` the head's slices of qkv:
///   S = Q Kᵀ / √dh `[T, T]` (queries × keys; with a causal mask S[i, j] = −∞ for j > i),
///   P = softmax(S) along keys, ctx = P V `[T, dh]`, written into ctx's columns h·dh..<(h+1)·dh.
/// Backward, from dctx: dV = Pᵀ dctx, dP = dctx Vᵀ, dS = P ⊙ (dP − rowsum(P ⊙ dP)),
///   dQ = dS K / √dh, dK = dSᵀ Q / √dh.
/// A head that is switched off (ablation) writes zeros into ctx and passes no gradient; its
/// scores and weights are still computed, so the picture shows what it would attend to.
enum SelfAttention {
    /// The sizes of one call.
    struct Shape {
        let batch: Int, length: Int, dim: Int, heads: Int
        let causal: Bool
        var headDim: Int { dim / heads }
        var scale: Float { 1 / Float(headDim).squareRoot() }
    }

    /// Floats of `scratch` a call needs.
    static func scratchCount(length: Int, headDim: Int) -> Int { max(length, shortScratch(headDim: headDim)) }

    /// qkv `[B·T, 3·dim]` (per row: query, key, value) → scores and probabilities
    /// `[B, heads, T, T]`, ctx `[B·T, dim]`. `off[h]` switches head h off. Sequences of at most
    /// 16 tokens take the vector path (`forwardShort`).
    static func forward(_ qkv: UnsafePointer<Float>, _ s: Shape, off: [Bool],
                        scores: UnsafeMutablePointer<Float>, probabilities: UnsafeMutablePointer<Float>,
                        ctx: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>) {
        if s.length <= shortLength {
            forwardShort(qkv, s, off: off, scores: scores, probabilities: probabilities, ctx: ctx, scratch: scratch)
        } else {
            forwardLong(qkv, s, off: off, scores: scores, probabilities: probabilities, ctx: ctx)
        }
    }

    /// `forward` for any length, one query and key at a time (the tests compare the short path with it).
    static func forwardLong(_ qkv: UnsafePointer<Float>, _ s: Shape, off: [Bool],
                            scores: UnsafeMutablePointer<Float>, probabilities: UnsafeMutablePointer<Float>,
                            ctx: UnsafeMutablePointer<Float>) {
        let (T, D, dh, stride) = (s.length, s.dim, s.headDim, 3 * s.dim)
        let scale = s.scale
        for b in 0..<s.batch {
            let base = qkv + b * T * stride
            for h in 0..<s.heads {
                let map = ((b * s.heads + h) * T) * T
                for i in 0..<T {
                    let q = base + i * stride + h * dh
                    let srow = scores + map + i * T, prow = probabilities + map + i * T
                    let last = s.causal ? i : T - 1
                    var top = -Float.infinity
                    for j in 0...last {
                        let v = dot(q, base + j * stride + D + h * dh, dh) * scale
                        srow[j] = v
                        top = max(top, v)
                    }
                    var sum: Float = 0
                    for j in 0...last {
                        let e = exp(srow[j] - top)
                        prow[j] = e
                        sum += e
                    }
                    let inv = 1 / sum
                    for j in 0...last { prow[j] *= inv }
                    for j in (last + 1)..<max(last + 1, T) {
                        srow[j] = -.infinity
                        prow[j] = 0
                    }
                    let out = ctx + (b * T + i) * D + h * dh
                    for k in 0..<dh { out[k] = 0 }
                    if off[h] { continue }
                    for j in 0...last { axpy(prow[j], base + j * stride + 2 * D + h * dh, out, dh) }
                }
            }
        }
    }

    /// dctx `[B·T, dim]` → dqkv `[B·T, 3·dim]` (overwritten), through `backwardShort` for
    /// sequences of at most 16 tokens.
    static func backward(_ qkv: UnsafePointer<Float>, _ s: Shape, off: [Bool],
                         probabilities: UnsafePointer<Float>, dctx: UnsafePointer<Float>,
                         dqkv: UnsafeMutablePointer<Float>, scratch dp: UnsafeMutablePointer<Float>) {
        if s.length <= shortLength {
            backwardShort(qkv, s, off: off, probabilities: probabilities, dctx: dctx, dqkv: dqkv, scratch: dp)
        } else {
            backwardLong(qkv, s, off: off, probabilities: probabilities, dctx: dctx, dqkv: dqkv, row: dp)
        }
    }

    /// `backward` for any length (`row`: T floats of scratch).
    static func backwardLong(_ qkv: UnsafePointer<Float>, _ s: Shape, off: [Bool],
                             probabilities: UnsafePointer<Float>, dctx: UnsafePointer<Float>,
                             dqkv: UnsafeMutablePointer<Float>, row dp: UnsafeMutablePointer<Float>) {
        let (T, D, dh, stride) = (s.length, s.dim, s.headDim, 3 * s.dim)
        let scale = s.scale
        dqkv.update(repeating: 0, count: s.batch * T * stride)
        for b in 0..<s.batch {
            let base = qkv + b * T * stride, dbase = dqkv + b * T * stride
            for h in 0..<s.heads where !off[h] {
                let map = ((b * s.heads + h) * T) * T
                for i in 0..<T {
                    let g = dctx + (b * T + i) * D + h * dh
                    let prow = probabilities + map + i * T
                    let last = s.causal ? i : T - 1
                    var weighted: Float = 0
                    for j in 0...last {
                        let p = prow[j]
                        dp[j] = dot(g, base + j * stride + 2 * D + h * dh, dh)        // dP = dctx Vᵀ
                        weighted += p * dp[j]
                        axpy(p, g, dbase + j * stride + 2 * D + h * dh, dh)          // dV += Pᵀ dctx
                    }
                    let q = base + i * stride + h * dh, dq = dbase + i * stride + h * dh
                    for j in 0...last {
                        let ds = prow[j] * (dp[j] - weighted) * scale                  // dS / √dh
                        axpy(ds, base + j * stride + D + h * dh, dq, dh)               // dQ += dS K
                        axpy(ds, q, dbase + j * stride + D + h * dh, dh)               // dK += dSᵀ Q
                    }
                }
            }
        }
    }

    /// ⟨a, b⟩ over n floats, eight lanes at a time.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Float {
        var acc = SIMD8<Float>()
        var k = 0
        while k + 8 <= n {
            acc.addProduct(UnsafeRawPointer(a + k).loadUnaligned(as: SIMD8<Float>.self),
                           UnsafeRawPointer(b + k).loadUnaligned(as: SIMD8<Float>.self))
            k += 8
        }
        var s = acc.sum()
        while k < n { s += a[k] * b[k]; k += 1 }
        return s
    }

    /// y += α x over n floats.
    @inline(__always)
    static func axpy(_ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
        let va = SIMD8<Float>(repeating: alpha)
        var k = 0
        while k + 8 <= n {
            let raw = UnsafeMutableRawPointer(y + k)
            var v = raw.loadUnaligned(as: SIMD8<Float>.self)
            v.addProduct(va, UnsafeRawPointer(x + k).loadUnaligned(as: SIMD8<Float>.self))
            raw.storeBytes(of: v, as: SIMD8<Float>.self)
            k += 8
        }
        while k < n { y[k] += alpha * x[k]; k += 1 }
    }
}

#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif
