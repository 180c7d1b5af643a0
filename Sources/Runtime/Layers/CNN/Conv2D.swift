/// A 2D convolution (cross-correlation, as PyTorch's `nn.Conv2d`), NCHW, by im2col + GEMM.
///
/// Shapes: x `[batch, C, H, W]`, W `[OC, C, k, k]` (= `[OC, C·k·k]` row-major), b `[OC]`,
/// y `[batch, OC, OH, OW]`. Per image: cols `[C·k·k, OH·OW]` = im2col(x), y = W · cols + b.
/// Backward per image: dW += dy · colsᵀ, db += Σ dy, dcols = Wᵀ · dy, dx = col2im(dcols).
/// Images are split over the cores when the batch is big enough; each thread then has its own
/// weight-gradient buffer, summed at the end.
public struct Conv2D: CNNLayer {
    public let spec: CNNLayerSpec
    /// The convolution's geometry.
    public let geometry: Im2Col
    /// Output channels (OC).
    public let filters: Int
    /// W `[OC, C·k·k]`.
    var weight: [Float]
    /// b `[OC]`.
    var bias: [Float]
    /// ∂L/∂W `[OC, C·k·k]`.
    var weightGradient: [Float]
    /// ∂L/∂b `[OC]`.
    var biasGradient: [Float]
    /// cols of every image of the last forward `[batch, C·k·k, OH·OW]`.
    private var columns: [Float] = []
    /// Per-thread dcols `[slices, C·k·k, OH·OW]`.
    private var columnGradients: [Float] = []
    /// Wᵀ `[C·k·k, OC]`, refreshed every backward.
    private var weightTransposed: [Float] = []
    /// Per-thread ∂L/∂W and ∂L/∂b `[slices, OC·(C·k·k + 1)]`.
    private var partialGradients: [Float] = []

    /// A convolution for per-sample input `inputShape` [C, H, W] with Glorot-normal weights
    /// (fan-in C·k·k, fan-out OC, as the original project) and zero biases.
    public init(filters: Int, size: Int, stride: Int, padding: Int, inputShape: [Int], rng: inout SeededGenerator) {
        spec = .conv(filters: filters, size: size, stride: stride, padding: padding)
        geometry = Im2Col(channels: inputShape[0], height: inputShape[1], width: inputShape[2],
                          size: size, stride: stride, padding: padding)
        self.filters = filters
        let fanIn = geometry.rows
        weight = glorotNormal(count: filters * fanIn, fanIn: fanIn, fanOut: filters, rng: &rng)
        bias = [Float](repeating: 0, count: filters)
        weightGradient = [Float](repeating: 0, count: weight.count)
        biasGradient = [Float](repeating: 0, count: filters)
        weightTransposed = [Float](repeating: 0, count: weight.count)
        partialGradients = [Float](repeating: 0, count: Parallel.maxSlices * (weight.count + filters))
        columnGradients = [Float](repeating: 0, count: Parallel.maxSlices * geometry.rows * geometry.columns)
    }

    public var parameters: [Parameter] {
        get {
            let k = geometry.size
            var w = Parameter(name: "weight", value: Tensor(shape: [filters, geometry.channels, k, k], data: weight))
            w.gradient = Tensor(shape: w.value.shape, data: weightGradient)
            var b = Parameter(name: "bias", value: Tensor(shape: [filters], data: bias))
            b.gradient = Tensor(shape: [filters], data: biasGradient)
            return [w, b]
        }
        set {
            weight = newValue[0].value.data
            bias = newValue[1].value.data
            weightGradient = newValue[0].gradient.data
            biasGradient = newValue[1].gradient.data
        }
    }

    public mutating func withParameter<R>(_ index: Int, _ body: (UnsafeMutableBufferPointer<Float>, UnsafeMutableBufferPointer<Float>) -> R) -> R {
        index == 0
            ? weight.withUnsafeMutableBufferPointer { v in weightGradient.withUnsafeMutableBufferPointer { g in body(v, g) } }
            : bias.withUnsafeMutableBufferPointer { v in biasGradient.withUnsafeMutableBufferPointer { g in body(v, g) } }
    }

    public var parameterCount: Int { 2 }

    public mutating func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, batch: Int, training: Bool) {
        let g = geometry, oc = filters
        let rows = g.rows, cols = g.columns, inSize = g.channels * g.height * g.width
        if columns.count < batch * rows * cols { columns = [Float](repeating: 0, count: batch * rows * cols) }
        let (xs, ys) = (SendablePointer(x), SendableMutablePointer(y))
        weight.withUnsafeBufferPointer { w in          // w: [OC, C·k·k]
        bias.withUnsafeBufferPointer { b in            // b: [OC]
        columns.withUnsafeMutableBufferPointer { c in  // c: [batch, C·k·k, OH·OW]
            let (wp, bp, cp) = (SendablePointer(w.baseAddress!), SendablePointer(b.baseAddress!), SendableMutablePointer(c.baseAddress!))
            Parallel.forEachSlice(batch, work: batch * oc * rows * cols) { images, _ in
                for n in images {
                    let colsN = cp.pointer + n * rows * cols
                    let yN = ys.pointer + n * oc * cols              // y[n]: [OC, OH·OW]
                    g.unfold(xs.pointer + n * inSize, into: colsN)
                    for o in 0..<oc {                                // start from the bias
                        let v = bp.pointer[o]
                        let line = yN + o * cols
                        for p in 0..<cols { line[p] = v }
                    }
                    GEMM.multiply(m: oc, n: cols, k: rows, a: wp.pointer, lda: rows, b: colsN, ldb: cols,
                                  c: yN, ldc: cols, accumulate: true)
                }
            }
        }}}
    }

    public mutating func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                                  dx: UnsafeMutablePointer<Float>?, batch: Int) {
        let g = geometry, oc = filters
        let rows = g.rows, cols = g.columns, inSize = g.channels * g.height * g.width
        let wCount = oc * rows, slot = wCount + oc
        let dys = SendablePointer(dy)
        let dxs = dx.map { SendableMutablePointer($0) }
        weight.withUnsafeBufferPointer { w in
        weightTransposed.withUnsafeMutableBufferPointer { wt in   // wt: [C·k·k, OC]
            GEMM.transpose(rows: oc, cols: rows, w.baseAddress!, wt.baseAddress!)
        }}
        let used = weightTransposed.withUnsafeBufferPointer { wt in
        columns.withUnsafeBufferPointer { c in
        columnGradients.withUnsafeMutableBufferPointer { dc in       // dc: [slices, C·k·k, OH·OW]
        partialGradients.withUnsafeMutableBufferPointer { pg in      // pg: [slices, OC·C·k·k + OC]
            for i in 0..<pg.count { pg[i] = 0 }
            let (wtp, cp, dcp, pgp) = (SendablePointer(wt.baseAddress!), SendablePointer(c.baseAddress!),
                                       SendableMutablePointer(dc.baseAddress!), SendableMutablePointer(pg.baseAddress!))
            return Parallel.forEachSlice(batch, work: 2 * batch * oc * rows * cols) { images, slice in
                let dw = pgp.pointer + slice * slot, db = dw + wCount
                let dcols = dcp.pointer + slice * rows * cols
                for n in images {
                    let dyN = dys.pointer + n * oc * cols                // dy[n]: [OC, OH·OW]
                    let colsN = cp.pointer + n * rows * cols
                    GEMM.multiplyTransposed(m: oc, n: rows, k: cols, a: dyN, lda: cols, b: colsN, ldb: cols,
                                            c: dw, ldc: rows, accumulate: true)   // dW += dy · colsᵀ
                    for o in 0..<oc {                                          // db += Σ_p dy
                        var s: Float = 0
                        for p in 0..<cols { s += dyN[o * cols + p] }
                        db[o] += s
                    }
                    if let dxs {
                        GEMM.multiply(m: rows, n: cols, k: oc, a: wtp.pointer, lda: oc, b: dyN, ldb: cols,
                                      c: dcols, ldc: cols, accumulate: false)   // dcols = Wᵀ · dy
                        let dxN = dxs.pointer + n * inSize
                        for i in 0..<inSize { dxN[i] = 0 }
                        g.fold(dcols, into: dxN)                                // dx = col2im(dcols)
                    }
                }
            }
        }}}}
        partialGradients.withUnsafeBufferPointer { pg in
        weightGradient.withUnsafeMutableBufferPointer { dw in
        biasGradient.withUnsafeMutableBufferPointer { db in
            for s in 0..<used {
                let base = s * slot
                for i in 0..<wCount { dw[i] += pg[base + i] }
                for o in 0..<oc { db[o] += pg[base + wCount + o] }
            }
        }}}
    }
}
