/// A 2D convolution (cross-correlation, as PyTorch's `nn.Conv2d`), NCHW, by im2col + GEMM.
///
/// Shapes: x `[batch, C, H, W]`, W `[OC, C, k, k]` (= `[OC, C·k·k]` row-major), b `[OC]`,
/// y `[batch, OC, OH, OW]`. The whole batch is one product: the images' im2col matrices sit side
/// by side in cols `[C·k·k, batch·OH·OW]`, so Y = W · cols is a single GEMM with a long row
/// (far better use of the SIMD kernel than one small product per image), then Y is scattered to
/// NCHW and the bias added. Backward: dy gathered to `[OC, batch·OH·OW]`; dW += dy · colsᵀ (dot
/// products along the batch), db += Σ dy, dcols = Wᵀ · dy, dx = col2im(dcols) per image.
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
    /// The columns of the whole last forward batch, images side by side `[C·k·k, batch·OH·OW]`.
    private var columns: [Float] = []
    /// How many images of the last forward input `columns` holds: 0 after `forwardDirect`,
    /// which never builds them, so `backward` unfolds x itself (a saliency map's backward
    /// after an inference forward).
    private var columnsBatch = 0
    /// ∂L/∂columns `[C·k·k, batch·OH·OW]`.
    private var columnGradients: [Float] = []
    /// W · columns in forward, then dy gathered in the same layout in backward `[OC, batch·OH·OW]`.
    private var product: [Float] = []
    /// Wᵀ `[C·k·k, OC]`, refreshed every backward.
    private var weightTransposed: [Float] = []
    /// Offset in x `[C, H, W]` of each (c, ky, kx), for `forwardDirect`.
    private var taps: [Int] = []

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
        let g0 = geometry
        if !training && g0.stride == 1 && g0.padding == 0 && (g0.outWidth >= 8 || (g0.outWidth == 4 && g0.outHeight % 2 == 0)) {
            forwardDirect(x, y, batch: batch)
            return
        }
        let g = geometry, oc = filters
        let rows = g.rows, cols = g.columns
        let wide = batch * cols                                  // columns of the batched matrices
        if product.count < oc * wide { product = [Float](repeating: 0, count: oc * wide) }
        unfold(x, batch: batch)
        weight.withUnsafeBufferPointer { w in          // w: [OC, C·k·k]
        bias.withUnsafeBufferPointer { b in            // b: [OC]
        product.withUnsafeMutableBufferPointer { out in    // out: [OC, batch·OH·OW]
        columns.withUnsafeMutableBufferPointer { c in  // c: [C·k·k, batch·OH·OW]
            GEMM.multiply(m: oc, n: wide, k: rows, a: w.baseAddress!, lda: rows, b: c.baseAddress!, ldb: wide,
                          c: out.baseAddress!, ldc: wide, accumulate: false)   // out = W · cols
            for n in 0..<batch {                                              // y[n, o, :] = out[o, n·P ..] + b[o]
                for o in 0..<oc {
                    let src = out.baseAddress! + (o &* wide &+ n &* cols), dst = y + (n &* oc &+ o) &* cols
                    let v = b[o], vv = SIMD8<Float>(repeating: v)
                    var p = 0
                    while p &+ 8 <= cols {
                        UnsafeMutableRawPointer(dst + p).storeBytes(of: UnsafeRawPointer(src + p).loadUnaligned(as: SIMD8<Float>.self) + vv,
                                                                    as: SIMD8<Float>.self)
                        p &+= 8
                    }
                    while p < cols { dst[p] = src[p] + v; p &+= 1 }
                }
            }
        }}}}
    }

    /// Inference without the columns matrix (stride 1, no padding, output rows of 8 or more, or
    /// of exactly 4 in an even number of rows): 8 output positions of a row read 8 consecutive
    /// input values for every (c, ky, kx), so the GEMM's B panel is loaded straight from x at
    /// `taps[p]` + the row's start, and a 4-filter × 8-position tile of y is written in NCHW with
    /// its bias. The last tile of a row is shifted left to end at the row's end (recomputing a
    /// few positions with the same arithmetic). Rows of 4 go in pairs: two 4-value loads, one
    /// row below the other, fill the 8 lanes. Each value is the GEMM path's: fused multiply-adds
    /// from 0 in (c, ky, kx) order, then the bias — so a sample's output is the same in training
    /// and inference.
    mutating func forwardDirect(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, batch: Int) {
        columnsBatch = 0
        let g = geometry, oc = filters, k = g.rows
        let (width, oh, ow) = (g.width, g.outHeight, g.outWidth)
        let plane = oh * ow, inSize = g.channels * g.height * width
        if taps.count != k {
            taps = (0..<g.channels).flatMap { c in
                (0..<g.size).flatMap { ky in (0..<g.size).map { kx in c * g.height * width + ky * width + kx } }
            }
        }
        weight.withUnsafeBufferPointer { wb in      // w: [OC, C·k·k]
        bias.withUnsafeBufferPointer { b in         // b: [OC]
        taps.withUnsafeBufferPointer { t in         // t: [C·k·k] input offsets of (c, ky, kx)
            let w = wb.baseAddress!, bp = b.baseAddress!, tp = t.baseAddress!
            for n in 0..<batch {
                let xn = x + n &* inSize, yn = y + n &* oc &* plane
                if ow == 4 {
                    for oy in stride(from: 0, to: oh, by: 2) {
                        let src = xn + oy &* width
                        Self.directTile(w: w, bias: bp, filters: oc, k: k, out: yn + oy &* 4, plane: plane) { p in
                            let at = src + tp[p]
                            return SIMD8(lowHalf: UnsafeRawPointer(at).loadUnaligned(as: SIMD4<Float>.self),
                                         highHalf: UnsafeRawPointer(at + width).loadUnaligned(as: SIMD4<Float>.self))
                        }
                    }
                    continue
                }
                for oy in 0..<oh {
                    var ox = 0
                    while ox < ow {
                        let start = Swift.min(ox, ow &- 8)
                        let src = xn + (oy &* width &+ start)
                        Self.directTile(w: w, bias: bp, filters: oc, k: k, out: yn + (oy &* ow &+ start), plane: plane) { p in
                            UnsafeRawPointer(src + tp[p]).loadUnaligned(as: SIMD8<Float>.self)
                        }
                        ox = start &+ 8
                    }
                }
            }
        }}}
    }

    /// Eight output positions of every filter: out[o · plane + 0..<8] = bias[o] + Σ_p W[o, p] ·
    /// panel(p). Eight filters at a time (8 accumulators, one panel load per 8 multiply-adds),
    /// then four, then one.
    @inline(__always)
    static func directTile(w: UnsafePointer<Float>, bias: UnsafePointer<Float>, filters oc: Int, k: Int,
                           out: UnsafeMutablePointer<Float>, plane: Int, panel: (Int) -> SIMD8<Float>) {
        @inline(__always) func put(_ v: SIMD8<Float>, _ o: Int) {
            UnsafeMutableRawPointer(out + o &* plane).storeBytes(of: v + bias[o], as: SIMD8<Float>.self)
        }
        var o = 0
        while o &+ 8 <= oc {
            var c0 = SIMD8<Float>(), c1 = SIMD8<Float>(), c2 = SIMD8<Float>(), c3 = SIMD8<Float>()
            var c4 = SIMD8<Float>(), c5 = SIMD8<Float>(), c6 = SIMD8<Float>(), c7 = SIMD8<Float>()
            let w0 = w + o &* k
            for p in 0..<k {
                let v = panel(p), wp = w0 + p
                c0.addProduct(wp[0], v)
                c1.addProduct(wp[k], v)
                c2.addProduct(wp[2 &* k], v)
                c3.addProduct(wp[3 &* k], v)
                c4.addProduct(wp[4 &* k], v)
                c5.addProduct(wp[5 &* k], v)
                c6.addProduct(wp[6 &* k], v)
                c7.addProduct(wp[7 &* k], v)
            }
            put(c0, o); put(c1, o &+ 1); put(c2, o &+ 2); put(c3, o &+ 3)
            put(c4, o &+ 4); put(c5, o &+ 5); put(c6, o &+ 6); put(c7, o &+ 7)
            o &+= 8
        }
        while o &+ 4 <= oc {
            var c0 = SIMD8<Float>(), c1 = SIMD8<Float>(), c2 = SIMD8<Float>(), c3 = SIMD8<Float>()
            let w0 = w + o &* k
            for p in 0..<k {
                let v = panel(p), wp = w0 + p
                c0.addProduct(wp[0], v)
                c1.addProduct(wp[k], v)
                c2.addProduct(wp[2 &* k], v)
                c3.addProduct(wp[3 &* k], v)
            }
            put(c0, o); put(c1, o &+ 1); put(c2, o &+ 2); put(c3, o &+ 3)
            o &+= 4
        }
        while o < oc {
            var c0 = SIMD8<Float>()
            let w0 = w + o &* k
            for p in 0..<k { c0.addProduct(w0[p], panel(p)) }
            put(c0, o)
            o &+= 1
        }
    }

    /// columns `[C·k·k, batch·OH·OW]` = the patches of the images of x `[batch, C, H, W]`.
    private mutating func unfold(_ x: UnsafePointer<Float>, batch: Int) {
        let g = geometry
        let rows = g.rows, cols = g.columns, inSize = g.channels * g.height * g.width
        let wide = batch * cols
        if columns.count < rows * wide { columns = [Float](repeating: 0, count: rows * wide) }
        let xs = SendablePointer(x)
        columns.withUnsafeMutableBufferPointer { c in
            let cp = SendableMutablePointer(c.baseAddress!)
            Parallel.forEachSlice(batch, work: batch * rows * cols * 4) { images, _ in
                for n in images { g.unfold(xs.pointer + n * inSize, into: cp.pointer + n * cols, rowStride: wide) }
            }
        }
        columnsBatch = batch
    }

    public mutating func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                                  dx: UnsafeMutablePointer<Float>?, batch: Int) {
        let g = geometry, oc = filters
        let rows = g.rows, cols = g.columns, inSize = g.channels * g.height * g.width
        let wide = batch * cols
        if columnsBatch != batch { unfold(x, batch: batch) }
        if product.count < oc * wide { product = [Float](repeating: 0, count: oc * wide) }
        if columnGradients.count < rows * wide { columnGradients = [Float](repeating: 0, count: rows * wide) }
        product.withUnsafeMutableBufferPointer { gathered in          // gathered: dy as [OC, batch·OH·OW]
        biasGradient.withUnsafeMutableBufferPointer { db in
        weightGradient.withUnsafeMutableBufferPointer { dw in         // dw: [OC, C·k·k]
        columns.withUnsafeBufferPointer { c in                         // c: [C·k·k, batch·OH·OW]
            let dyT = gathered.baseAddress!
            for o in 0..<oc {
                // Eight partial sums, not one: a single running sum waits on each add's latency.
                var lanes = SIMD8<Float>(), s: Float = 0
                for n in 0..<batch {
                    let src = dy + (n &* oc &+ o) &* cols, dst = dyT + (o &* wide &+ n &* cols)
                    var p = 0
                    while p &+ 8 <= cols {
                        let v = UnsafeRawPointer(src + p).loadUnaligned(as: SIMD8<Float>.self)
                        UnsafeMutableRawPointer(dst + p).storeBytes(of: v, as: SIMD8<Float>.self)
                        lanes += v
                        p &+= 8
                    }
                    while p < cols { dst[p] = src[p]; s += src[p]; p &+= 1 }
                }
                db[o] += lanes.sum() + s                                         // db += Σ dy
            }
            GEMM.multiplyTransposedByRowDots(m: oc, n: rows, k: wide, a: dyT, lda: wide, b: c.baseAddress!, ldb: wide,
                                    c: dw.baseAddress!, ldc: rows, accumulate: true)   // dW += dy · colsᵀ
        }}}}
        guard let dx else { return }
        weight.withUnsafeBufferPointer { w in
        weightTransposed.withUnsafeMutableBufferPointer { wt in       // wt: [C·k·k, OC]
        product.withUnsafeBufferPointer { gathered in
        columnGradients.withUnsafeMutableBufferPointer { dc in        // dc: [C·k·k, batch·OH·OW]
            GEMM.transpose(rows: oc, cols: rows, w.baseAddress!, wt.baseAddress!)
            GEMM.multiply(m: rows, n: wide, k: oc, a: wt.baseAddress!, lda: oc, b: gathered.baseAddress!, ldb: wide,
                          c: dc.baseAddress!, ldc: wide, accumulate: false)   // dcols = Wᵀ · dy
            let (dcp, dxs) = (SendablePointer(dc.baseAddress!), SendableMutablePointer(dx))
            Parallel.forEachSlice(batch, work: batch * rows * cols * 4) { images, _ in
                for n in images {
                    let dxN = dxs.pointer + n * inSize
                    for i in 0..<inSize { dxN[i] = 0 }
                    g.fold(dcp.pointer + n * cols, into: dxN, rowStride: wide)   // dx = col2im(dcols)
                }
            }
        }}}}
    }
}
