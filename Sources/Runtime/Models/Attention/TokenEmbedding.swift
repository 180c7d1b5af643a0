/// Token plus positional embedding: x[b, t] = E_tok[token[b, t]] + E_pos[t], as two
/// `nn.Embedding`s added. Backward scatters the stream's gradient back to the rows used.
///
/// Shapes: tokens `[B, T]`, E_tok `[vocab, d]`, E_pos `[context, d]`, x `[B·T, d]`.
enum TokenEmbedding {
    static func forward(_ tokens: UnsafePointer<Int32>, batch: Int, length: Int, d: Int,
                        tokenTable: UnsafePointer<Float>, positionTable: UnsafePointer<Float>,
                        into x: UnsafeMutablePointer<Float>) {
        for b in 0..<batch {
            for t in 0..<length {
                let n = b * length + t
                let e = tokenTable + Int(tokens[n]) * d, p = positionTable + t * d, out = x + n * d
                for k in 0..<d { out[k] = e[k] + p[k] }
            }
        }
    }

    /// dE_tok[token] += dx, dE_pos[t] += dx.
    static func backward(_ tokens: UnsafePointer<Int32>, batch: Int, length: Int, d: Int, dx: UnsafePointer<Float>,
                         tokenGradient: UnsafeMutablePointer<Float>, positionGradient: UnsafeMutablePointer<Float>) {
        for b in 0..<batch {
            for t in 0..<length {
                let n = b * length + t
                let g = dx + n * d, e = tokenGradient + Int(tokens[n]) * d, p = positionGradient + t * d
                for k in 0..<d {
                    e[k] += g[k]
                    p[k] += g[k]
                }
            }
        }
    }
}
