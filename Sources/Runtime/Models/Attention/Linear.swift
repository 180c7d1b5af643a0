/// y = x Wᵀ + b on raw row-major buffers, PyTorch's `nn.Linear` layout, forward and backward.
///
/// Shapes: x `[n, in]`, W `[out, in]`, b `[out]`, y `[n, out]`.
/// Backward: dW = dyᵀ x `[out, in]`, db = Σₙ dy `[out]`, dx (+)= dy W `[n, in]` (dW and db are
/// written, not added: every weight of the model feeds one product per pass).
/// Every product is the packed GEMM of CKernels; a transposed operand is read through strides,
/// never copied.
enum Linear {
    /// y = x Wᵀ + b: rows of x dotted with rows of W.
    static func forward(_ x: UnsafePointer<Float>, n: Int, inputs: Int, outputs: Int,
                        weight w: UnsafePointer<Float>, bias b: UnsafePointer<Float>,
                        into y: UnsafeMutablePointer<Float>) {
        // Each row starts as the bias (a loop, not a memcpy call per row: rows are 10 to 128 floats).
        for r in 0..<n {
            let row = y + r * outputs
            for o in 0..<outputs { row[o] = b[o] }
        }
        GEMM.multiplyStrided(m: n, n: outputs, k: inputs, a: x, rsa: inputs, csa: 1, b: w, rsb: 1, csb: inputs,
                             c: y, ldc: outputs, accumulate: true)
    }

    /// Writes dW and db, and writes (or adds, when `accumulate`) dx when asked.
    static func backward(_ x: UnsafePointer<Float>, dy: UnsafePointer<Float>, n: Int, inputs: Int, outputs: Int,
                         weight w: UnsafePointer<Float>,
                         weightGradient dw: UnsafeMutablePointer<Float>, biasGradient db: UnsafeMutablePointer<Float>,
                         dx: UnsafeMutablePointer<Float>?, accumulate: Bool) {
        GEMM.multiplyStrided(m: outputs, n: inputs, k: n, a: dy, rsa: 1, csa: outputs, b: x, rsb: inputs, csb: 1,
                             c: dw, ldc: inputs, accumulate: false)           // dW = dyᵀ x
        columnSums(dy, rows: n, columns: outputs, into: db)                   // db = Σ dy
        guard let dx else { return }
        GEMM.multiplyStrided(m: n, n: inputs, k: outputs, a: dy, rsa: outputs, csa: 1, b: w, rsb: inputs, csb: 1,
                             c: dx, ldc: inputs, accumulate: accumulate)      // dx (+)= dy W
    }

    /// out[c] = Σ_r m[r, c] for m `[rows, columns]`: each column summed from 0 in increasing r,
    /// eight columns at a time.
    static func columnSums(_ m: UnsafePointer<Float>, rows: Int, columns: Int, into out: UnsafeMutablePointer<Float>) {
        var c = 0
        while c + 8 <= columns {
            var acc = SIMD8<Float>()
            for r in 0..<rows { acc += UnsafeRawPointer(m + r * columns + c).loadUnaligned(as: SIMD8<Float>.self) }
            UnsafeMutableRawPointer(out + c).storeBytes(of: acc, as: SIMD8<Float>.self)
            c += 8
        }
        while c < columns {
            var s: Float = 0
            for r in 0..<rows { s += m[r * columns + c] }
            out[c] = s
            c += 1
        }
    }
}
