/// y = x Wᵀ + b on raw row-major buffers, PyTorch's `nn.Linear` layout, forward and backward.
///
/// Shapes: x `[n, in]`, W `[out, in]`, b `[out]`, y `[n, out]`.
/// Backward: dW += dyᵀ x `[out, in]`, db += Σₙ dy `[out]`, dx (+)= dy W `[n, in]`.
enum Linear {
    /// y = x Wᵀ + b: rows of x dotted with rows of W (no copy of Wᵀ; W changes every step).
    static func forward(_ x: UnsafePointer<Float>, n: Int, inputs: Int, outputs: Int,
                        weight w: UnsafePointer<Float>, bias b: UnsafePointer<Float>,
                        into y: UnsafeMutablePointer<Float>) {
        for r in 0..<n { (y + r * outputs).update(from: b, count: outputs) }
        GEMM.multiplyTransposed(m: n, n: outputs, k: inputs, a: x, lda: inputs, b: w, ldb: inputs,
                                c: y, ldc: outputs, accumulate: true)
    }

    /// Accumulates dW and db, and writes (or adds, when `accumulate`) dx when asked.
    /// `scratch` holds at least outputs × n floats (dyᵀ).
    static func backward(_ x: UnsafePointer<Float>, dy: UnsafePointer<Float>, n: Int, inputs: Int, outputs: Int,
                         weight w: UnsafePointer<Float>,
                         weightGradient dw: UnsafeMutablePointer<Float>, biasGradient db: UnsafeMutablePointer<Float>,
                         dx: UnsafeMutablePointer<Float>?, accumulate: Bool, scratch dyt: UnsafeMutablePointer<Float>) {
        GEMM.transpose(rows: n, cols: outputs, dy, dyt)                       // dyt: [out, n]
        GEMM.multiply(m: outputs, n: inputs, k: n, a: dyt, lda: n, b: x, ldb: inputs,
                      c: dw, ldc: inputs, accumulate: true)                   // dW += dyᵀ x
        for o in 0..<outputs {
            let row = dyt + o * n
            var s: Float = 0
            for r in 0..<n { s += row[r] }
            db[o] += s                                                        // db += Σ dy
        }
        guard let dx else { return }
        GEMM.multiply(m: n, n: inputs, k: outputs, a: dy, lda: outputs, b: w, ldb: inputs,
                      c: dx, ldc: inputs, accumulate: accumulate)             // dx (+)= dy W
    }
}
