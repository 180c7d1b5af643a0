/// A fully connected CNN layer y = x Wᵀ + b, PyTorch's `nn.Linear` layout.
///
/// Shapes: x `[batch, in]`, W `[out, in]`, b `[out]`, y `[batch, out]`.
/// Backward: dx = dy · W `[batch, in]`, dW += dyᵀ · x `[out, in]`, db += Σ_batch dy.
public struct DenseLayer: CNNLayer {
    public let spec: CNNLayerSpec
    /// Input and output features.
    public let inputs: Int, outputs: Int
    /// W `[out, in]`, b `[out]` and their gradients.
    var weight: [Float], bias: [Float], weightGradient: [Float], biasGradient: [Float]
    /// dyᵀ `[out, batch]`, scratch for the weight gradient.
    private var outputGradientTransposed: [Float] = []
    /// Wᵀ `[in, out]` for the forward product, rebuilt when the weights may have changed (every
    /// write to them goes through `withParameter` or `parameters`, which clear `transposedIsCurrent`).
    private var weightTransposed: [Float] = []
    private var transposedIsCurrent = false

    /// A dense layer with Glorot-normal weights and zero biases.
    public init(inputs: Int, outputs: Int, rng: inout SeededGenerator) {
        spec = .dense(outputs: outputs)
        self.inputs = inputs
        self.outputs = outputs
        weight = glorotNormal(count: inputs * outputs, fanIn: inputs, fanOut: outputs, rng: &rng)
        bias = [Float](repeating: 0, count: outputs)
        weightGradient = [Float](repeating: 0, count: weight.count)
        biasGradient = bias
    }

    public var parameters: [Parameter] {
        get {
            var w = Parameter(name: "weight", value: Tensor(shape: [outputs, inputs], data: weight))
            w.gradient = Tensor(shape: [outputs, inputs], data: weightGradient)
            var b = Parameter(name: "bias", value: Tensor(shape: [outputs], data: bias))
            b.gradient = Tensor(shape: [outputs], data: biasGradient)
            return [w, b]
        }
        set {
            transposedIsCurrent = false
            weight = newValue[0].value.data
            bias = newValue[1].value.data
            weightGradient = newValue[0].gradient.data
            biasGradient = newValue[1].gradient.data
        }
    }

    public var parameterCount: Int { 2 }

    public mutating func withParameter<R>(_ index: Int, _ body: (UnsafeMutableBufferPointer<Float>, UnsafeMutableBufferPointer<Float>) -> R) -> R {
        if index == 0 { transposedIsCurrent = false }
        return index == 0
            ? weight.withUnsafeMutableBufferPointer { v in weightGradient.withUnsafeMutableBufferPointer { g in body(v, g) } }
            : bias.withUnsafeMutableBufferPointer { v in biasGradient.withUnsafeMutableBufferPointer { g in body(v, g) } }
    }

    public mutating func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, batch: Int, training: Bool) {
        let (n, m) = (inputs, outputs)
        if training {
            // The weights change every step: dot products of x's rows with W's rows, no Wᵀ copy
            // (transposing a 400 × 128 W each step cost more than the product).
            weight.withUnsafeBufferPointer { w in    // w: [out, in]
            bias.withUnsafeBufferPointer { b in      // b: [out]
                for r in 0..<batch { (y + r * m).update(from: b.baseAddress!, count: m) }
                GEMM.multiplyTransposedByRowDots(m: batch, n: m, k: n, a: x, lda: n, b: w.baseAddress!, ldb: n,
                                        c: y, ldc: m, accumulate: true)   // y = x Wᵀ + b
            }}
            return
        }
        if !transposedIsCurrent {
            if weightTransposed.count != n * m { weightTransposed = [Float](repeating: 0, count: n * m) }
            weight.withUnsafeBufferPointer { w in weightTransposed.withUnsafeMutableBufferPointer { wt in
                GEMM.transpose(rows: m, cols: n, w.baseAddress!, wt.baseAddress!)
            }}
            transposedIsCurrent = true
        }
        // Inference: the NN kernel (a broadcast of x times 8 outputs of Wᵀ per multiply-add)
        // beats dot products of x with W's rows, whose horizontal sums cost as much as the
        // products at these lengths (64–400); Wᵀ is rebuilt only after the weights change.
        weightTransposed.withUnsafeBufferPointer { wt in   // wt: [in, out]
        bias.withUnsafeBufferPointer { b in                 // b: [out]
            for r in 0..<batch { (y + r * m).update(from: b.baseAddress!, count: m) }
            GEMM.multiply(m: batch, n: m, k: n, a: x, lda: n, b: wt.baseAddress!, ldb: m,
                          c: y, ldc: m, accumulate: true)   // y = x Wᵀ + b
        }}
    }

    public mutating func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                                  dx: UnsafeMutablePointer<Float>?, batch: Int) {
        let (n, m) = (inputs, outputs)
        if outputGradientTransposed.count < m * batch { outputGradientTransposed = [Float](repeating: 0, count: m * batch) }
        outputGradientTransposed.withUnsafeMutableBufferPointer { dyt in   // dyt: [out, batch]
        weightGradient.withUnsafeMutableBufferPointer { dw in              // dw: [out, in]
        biasGradient.withUnsafeMutableBufferPointer { db in                // db: [out]
            GEMM.transpose(rows: batch, cols: m, dy, dyt.baseAddress!)
            GEMM.multiply(m: m, n: n, k: batch, a: dyt.baseAddress!, lda: batch, b: x, ldb: n,
                          c: dw.baseAddress!, ldc: n, accumulate: true)   // dW += dyᵀ x
            for o in 0..<m {
                var s: Float = 0
                for r in 0..<batch { s += dyt[o * batch + r] }
                db[o] += s                                                  // db += Σ dy
            }
        }}}
        guard let dx else { return }
        weight.withUnsafeBufferPointer { w in
            GEMM.multiply(m: batch, n: n, k: m, a: dy, lda: m, b: w.baseAddress!, ldb: n,
                          c: dx, ldc: n, accumulate: false)                // dx = dy W
        }
    }
}
