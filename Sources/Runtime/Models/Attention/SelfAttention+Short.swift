/// `SelfAttention` for sequences of at most 16 tokens (the tasks' and the benchmark's context),
/// with one query's row of scores, weights or gradients held in one 16-lane vector: keys beyond
/// T are zero-padded lanes, masked keys are −∞ before the softmax and 0 after. The maths and the
/// order of every sum over keys or queries are those of `forward`/`backward`; only the dot
/// products over a head's dh dimensions run as one chain in increasing k instead of eight lanes
/// summed at the end (a rounding-level difference).
extension SelfAttention {
    /// The longest sequence the vector path takes.
    static let shortLength = 16
    /// Floats of scratch the short path needs: Kᵀ or Vᵀ `[dh, 16]` and dS `[16, 16]`.
    static func shortScratch(headDim: Int) -> Int { (headDim + 16) * 16 }

    typealias Row = SIMD16<Float>

    /// Lanes 0, 1, …, 15: key positions.
    static let keyLanes = SIMD16<Int32>(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)

    /// `forward` for T ≤ 16. `scratch` holds `shortScratch(headDim:)` floats.
    static func forwardShort(_ qkv: UnsafePointer<Float>, _ s: Shape, off: [Bool],
                             scores: UnsafeMutablePointer<Float>, probabilities: UnsafeMutablePointer<Float>,
                             ctx: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>) {
        let (T, D, dh, stride) = (s.length, s.dim, s.headDim, 3 * s.dim)
        let scale = s.scale
        let kt = scratch                 // Kᵀ of one head, keys zero-padded: [dh, 16]
        let weights = scratch + dh * 16  // one row of P as floats: [16]
        for b in 0..<s.batch {
            let base = qkv + b * T * stride
            for h in 0..<s.heads {
                transposeHead(base + D + h * dh, length: T, headDim: dh, stride: stride, into: kt)
                let map = ((b * s.heads + h) * T) * T
                for i in 0..<T {
                    // S[i, :] = q_i Kᵀ / √dh   [16]
                    let q = base + i * stride + h * dh
                    var row = Row()
                    for k in 0..<dh { row.addProduct(Row(repeating: q[k]), load(kt + k * 16)) }
                    row *= scale
                    let allowed = keyLanes .< Int32(s.causal ? i + 1 : T)
                    row.replace(with: -.infinity, where: .!allowed)
                    // P[i, :] = softmax(S[i, :])   [16]
                    let top = row.max()
                    var e = VectorMath.exp(row - top)
                    e.replace(with: 0, where: .!allowed)
                    let p = e * (1 / e.sum())
                    store(row, scores + map + i * T, count: T)
                    store(p, probabilities + map + i * T, count: T)
                    // ctx[i, head h] = P[i, :] V   [dh]
                    let out = ctx + (b * T + i) * D + h * dh
                    if off[h] { out.update(repeating: 0, count: dh); continue }
                    store(p, weights, count: 16)
                    combine(weights, rows: base + 2 * D + h * dh, count: s.causal ? i + 1 : T, stride: stride,
                            headDim: dh, into: out)
                }
            }
        }
    }

    /// `backward` for T ≤ 16: dctx `[B·T, dim]` → dqkv `[B·T, 3·dim]` (overwritten).
    static func backwardShort(_ qkv: UnsafePointer<Float>, _ s: Shape, off: [Bool],
                              probabilities: UnsafePointer<Float>, dctx: UnsafePointer<Float>,
                              dqkv: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>) {
        let (T, D, dh, stride) = (s.length, s.dim, s.headDim, 3 * s.dim)
        let scale = s.scale
        let vt = scratch                 // Vᵀ of one head, keys zero-padded: [dh, 16]
        let dsAll = scratch + dh * 16    // dS / √dh, row i = query i: [16, 16]
        for b in 0..<s.batch {
            let base = qkv + b * T * stride, dbase = dqkv + b * T * stride
            for h in 0..<s.heads {
                if off[h] {
                    for t in 0..<T {
                        for part in 0..<3 { (dbase + t * stride + part * D + h * dh).update(repeating: 0, count: dh) }
                    }
                    continue
                }
                transposeHead(base + 2 * D + h * dh, length: T, headDim: dh, stride: stride, into: vt)
                let map = probabilities + ((b * s.heads + h) * T) * T
                for i in 0..<T {
                    // dP[i, :] = dctx_i Vᵀ;  dS[i, :] = P ⊙ (dP − ⟨P, dP⟩) / √dh   [16]
                    let g = dctx + (b * T + i) * D + h * dh
                    var dp = Row()
                    for k in 0..<dh { dp.addProduct(Row(repeating: g[k]), load(vt + k * 16)) }
                    let p = load(map + i * T, count: T)
                    let weighted = (p * dp).sum()
                    let ds = p * (dp - weighted) * scale
                    store(ds, dsAll + i * 16, count: 16)
                    // dQ[i] = dS[i, :] K   [dh]
                    combine(dsAll + i * 16, rows: base + D + h * dh, count: s.causal ? i + 1 : T, stride: stride,
                            headDim: dh, into: dbase + i * stride + h * dh)
                }
                for j in 0..<T {
                    // dV[j] = Σ_i P[i, j] dctx_i,  dK[j] = Σ_i dS[i, j] q_i   [dh] each
                    let first = s.causal ? j : 0
                    combineColumn(map + j, step: T, rows: dctx + (b * T) * D + h * dh, from: first, to: T, stride: D,
                                  headDim: dh, into: dbase + j * stride + 2 * D + h * dh)
                    combineColumn(dsAll + j, step: 16, rows: base + h * dh, from: first, to: T, stride: stride,
                                  headDim: dh, into: dbase + j * stride + D + h * dh)
                }
            }
        }
    }

    /// into[k, j] = rows[j·stride + k] for j < length, 0 for length ≤ j < 16: `[dh, 16]`.
    @inline(__always)
    static func transposeHead(_ rows: UnsafePointer<Float>, length: Int, headDim: Int, stride: Int,
                              into out: UnsafeMutablePointer<Float>) {
        out.update(repeating: 0, count: headDim * 16)
        for j in 0..<length {
            let row = rows + j * stride
            for k in 0..<headDim { out[k * 16 + j] = row[k] }
        }
    }

    /// out = Σ_{j < count} w[j] · rows[j·stride ..< +dh], each element one chain in increasing j.
    @inline(__always)
    static func combine(_ w: UnsafePointer<Float>, rows: UnsafePointer<Float>, count: Int, stride: Int,
                        headDim: Int, into out: UnsafeMutablePointer<Float>) {
        combineColumn(w, step: 1, rows: rows, from: 0, to: count, stride: stride, headDim: headDim, into: out)
    }

    /// out = Σ_{from ≤ i < to} w[i·step] · rows[i·stride ..< +dh] (overwritten), eight columns at
    /// a time, each element one chain of fused multiply-adds in increasing i.
    @inline(__always)
    static func combineColumn(_ w: UnsafePointer<Float>, step: Int, rows: UnsafePointer<Float>, from: Int, to: Int,
                              stride: Int, headDim: Int, into out: UnsafeMutablePointer<Float>) {
        var c = 0
        while c + 8 <= headDim {
            var acc = SIMD8<Float>()
            for i in from..<to {
                acc.addProduct(SIMD8(repeating: w[i * step]), UnsafeRawPointer(rows + i * stride + c).loadUnaligned(as: SIMD8<Float>.self))
            }
            UnsafeMutableRawPointer(out + c).storeBytes(of: acc, as: SIMD8<Float>.self)
            c += 8
        }
        while c < headDim {
            var acc: Float = 0
            for i in from..<to { acc = (w[i * step] * rows[i * stride + c]) + acc }
            out[c] = acc
            c += 1
        }
    }

    @inline(__always)
    static func load(_ p: UnsafePointer<Float>) -> Row { UnsafeRawPointer(p).loadUnaligned(as: Row.self) }

    /// The first `count` lanes from p, the rest 0.
    @inline(__always)
    static func load(_ p: UnsafePointer<Float>, count: Int) -> Row {
        if count == 16 { return load(p) }
        var row = Row()
        for j in 0..<count { row[j] = p[j] }
        return row
    }

    /// Writes the first `count` lanes to p.
    @inline(__always)
    static func store(_ row: Row, _ p: UnsafeMutablePointer<Float>, count: Int) {
        if count == 16 {
            UnsafeMutableRawPointer(p).storeBytes(of: row, as: Row.self)
            return
        }
        for j in 0..<count { p[j] = row[j] }
    }
}
