/// Max or average pooling over square windows without padding, NCHW (PyTorch's `MaxPool2d` /
/// `AvgPool2d` with `padding=0`, `ceil_mode=False`).
///
/// Shapes: x `[batch, C, H, W]`, y `[batch, C, OH, OW]` with OH = ⌊(H − k) / s⌋ + 1.
/// Max: y = the window's maximum; backward sends each dy to *one* position, the first maximum
/// in row-major window order (as PyTorch does), so ties do not split the gradient.
/// Average: y = the window's mean; backward spreads dy / k² over the window.
public struct Pool2D: ParameterFreeLayer {
    public let spec: CNNLayerSpec
    /// True for max pooling, false for average pooling.
    public let isMax: Bool
    /// Window size, stride and the input geometry.
    let size: Int, stride: Int, channels: Int, height: Int, width: Int, outHeight: Int, outWidth: Int
    /// For max pooling: the input offset (within the sample) of each output's maximum.
    private var argmax: [Int32] = []

    /// A pooling layer for per-sample input `inputShape` [C, H, W].
    public init(max isMax: Bool, size: Int, stride: Int, inputShape: [Int]) {
        spec = isMax ? .maxpool(size: size, stride: stride) : .avgpool(size: size, stride: stride)
        self.isMax = isMax
        self.size = size
        self.stride = stride
        channels = inputShape[0]
        height = inputShape[1]
        width = inputShape[2]
        outHeight = (height - size) / stride + 1
        outWidth = (width - size) / stride + 1
    }

    public mutating func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, batch: Int, training: Bool) {
        let planes = batch * channels, inPlane = height * width, outPlane = outHeight * outWidth
        if isMax && argmax.count < planes * outPlane { argmax = [Int32](repeating: 0, count: planes * outPlane) }
        if isMax && size == 2 && stride == 2 {
            forwardMax2x2(x, y, planes: planes)
            return
        }
        let scale = 1 / Float(size * size)
        let (k, s, w, ow, oh, mx) = (size, stride, width, outWidth, outHeight, isMax)
        argmax.withUnsafeMutableBufferPointer { am in
            for plane in 0..<planes {
                let xp = x + plane * inPlane, yp = y + plane * outPlane
                for oy in 0..<oh {
                    for ox in 0..<ow {
                        let base = oy * s * w + ox * s
                        if mx {
                            var best = xp[base], at = base
                            for ky in 0..<k {
                                for kx in 0..<k {
                                    let i = base + ky * w + kx
                                    if xp[i] > best { best = xp[i]; at = i }
                                }
                            }
                            yp[oy * ow + ox] = best
                            am[plane * outPlane + oy * ow + ox] = Int32(at)
                        } else {
                            var sum: Float = 0
                            for ky in 0..<k { for kx in 0..<k { sum += xp[base + ky * w + kx] } }
                            yp[oy * ow + ox] = sum * scale
                        }
                    }
                }
            }
        }
    }

    /// The common 2×2, stride-2 max pool without the general loop's bookkeeping; the same
    /// tie rule (first maximum in row-major window order).
    private mutating func forwardMax2x2(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, planes: Int) {
        let (w, ow, oh, inPlane, outPlane) = (width, outWidth, outHeight, height * width, outHeight * outWidth)
        argmax.withUnsafeMutableBufferPointer { am in
            let amp = am.baseAddress!
            if w == 4 && ow == 2 && oh % 2 == 0 {
                // Rows of 4 (the 4×4 maps of the default network at 14×14): four rows are 16
                // consecutive values, two output rows of 2, taken in one go.
                for plane in 0..<planes {
                    let xp = x + plane &* inPlane, yp = y + plane &* outPlane, ap = amp + plane &* outPlane
                    for oy in Swift.stride(from: 0, to: oh, by: 2) {
                        let i0 = oy &* 8
                        let v = UnsafeRawPointer(xp + i0).loadUnaligned(as: SIMD16<Float>.self)
                        let (even, odd) = (v.evenHalf, v.oddHalf)  // columns 0, 2 and 1, 3 of rows 0–3
                        let top = SIMD4(even[0], even[1], even[4], even[5]), topRight = SIMD4(odd[0], odd[1], odd[4], odd[5])
                        let bottom = SIMD4(even[2], even[3], even[6], even[7]), bottomRight = SIMD4(odd[2], odd[3], odd[6], odd[7])
                        let base = SIMD4<Int32>(truncatingIfNeeded: SIMD4<Int>(i0, i0 &+ 2, i0 &+ 8, i0 &+ 10))
                        var best = top, at = base
                        var larger = topRight .> best
                        best.replace(with: topRight, where: larger)
                        at.replace(with: base &+ 1, where: larger)
                        larger = bottom .> best
                        best.replace(with: bottom, where: larger)
                        at.replace(with: base &+ 4, where: larger)
                        larger = bottomRight .> best
                        best.replace(with: bottomRight, where: larger)
                        at.replace(with: base &+ 5, where: larger)
                        UnsafeMutableRawPointer(yp + oy &* 2).storeBytes(of: best, as: SIMD4<Float>.self)
                        UnsafeMutableRawPointer(ap + oy &* 2).storeBytes(of: at, as: SIMD4<Int32>.self)
                    }
                }
                return
            }
            for plane in 0..<planes {
                let xp = x + plane &* inPlane, yp = y + plane &* outPlane, ap = amp + plane &* outPlane
                for oy in 0..<oh {
                    let row = oy &* 2 &* w
                    // Four outputs at once: 8 inputs of each of the two rows, split into the
                    // windows' left (even) and right (odd) columns. 2·ox + 7 < 2·ow ≤ w. The
                    // last group is shifted left to end at the row's end (recomputing up to 3
                    // outputs identically), so rows of 4 or more need no scalar tail.
                    var ox = 0
                    while ox < ow && ow >= 4 {
                        let first = Swift.min(ox, ow &- 4)
                        let i0 = row &+ first &* 2
                        let top = UnsafeRawPointer(xp + i0).loadUnaligned(as: SIMD8<Float>.self)
                        let bottom = UnsafeRawPointer(xp + (i0 &+ w)).loadUnaligned(as: SIMD8<Float>.self)
                        let base = SIMD4<Int32>(truncatingIfNeeded: SIMD4<Int>(i0, i0 &+ 2, i0 &+ 4, i0 &+ 6))
                        var best = top.evenHalf, at = base
                        // The same order and strict > as the scalar loop: the first maximum wins.
                        let w32 = Int32(truncatingIfNeeded: w)
                        var larger = top.oddHalf .> best
                        best.replace(with: top.oddHalf, where: larger)
                        at.replace(with: base &+ 1, where: larger)
                        larger = bottom.evenHalf .> best
                        best.replace(with: bottom.evenHalf, where: larger)
                        at.replace(with: base &+ w32, where: larger)
                        larger = bottom.oddHalf .> best
                        best.replace(with: bottom.oddHalf, where: larger)
                        at.replace(with: base &+ w32 &+ 1, where: larger)
                        UnsafeMutableRawPointer(yp + (oy &* ow &+ first)).storeBytes(of: best, as: SIMD4<Float>.self)
                        UnsafeMutableRawPointer(ap + (oy &* ow &+ first)).storeBytes(of: at, as: SIMD4<Int32>.self)
                        ox = first &+ 4
                    }
                    while ox < ow {
                        let i0 = row &+ ox &* 2
                        var best = xp[i0], at = i0
                        if xp[i0 &+ 1] > best { best = xp[i0 &+ 1]; at = i0 &+ 1 }
                        if xp[i0 &+ w] > best { best = xp[i0 &+ w]; at = i0 &+ w }
                        if xp[i0 &+ w &+ 1] > best { best = xp[i0 &+ w &+ 1]; at = i0 &+ w &+ 1 }
                        yp[oy &* ow &+ ox] = best
                        ap[oy &* ow &+ ox] = Int32(truncatingIfNeeded: at)
                        ox &+= 1
                    }
                }
            }
        }
    }

    public mutating func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                                  dx: UnsafeMutablePointer<Float>?, batch: Int) {
        guard let dx else { return }
        let planes = batch * channels, inPlane = height * width, outPlane = outHeight * outWidth
        for i in 0..<(planes * inPlane) { dx[i] = 0 }
        let scale = 1 / Float(size * size)
        argmax.withUnsafeBufferPointer { am in
            for plane in 0..<planes {
                let dxp = dx + plane * inPlane, dyp = dy + plane * outPlane
                for o in 0..<outPlane {
                    if isMax {
                        dxp[Int(am[plane * outPlane + o])] += dyp[o]   // one maximum per window
                    } else {
                        let base = (o / outWidth) * stride * width + (o % outWidth) * stride
                        let g = dyp[o] * scale
                        for ky in 0..<size { for kx in 0..<size { dxp[base + ky * width + kx] += g } }
                    }
                }
            }
        }
    }

    /// True when `backwardThroughRelu` applies: max pooling with windows that do not overlap.
    public var fusesReluBackward: Bool { isMax && size == stride }

    /// Backward through this max pool and the relu just before it in one pass, with no zeroing
    /// pass and no relu pass: dx is ∂L/∂(the relu's input) `[batch, C, H, W]`, y this pool's
    /// output `[batch, C, OH, OW]`, dy ∂L/∂y. The same bits as relu's backward after `backward`:
    /// that leaves 0 + dy at each window's maximum and 0 elsewhere, and relu keeps a value where
    /// its output is not ≤ 0 — at a window's maximum that output is y itself. Needs windows that
    /// do not overlap (`fusesReluBackward`), so no position takes two gradients.
    public func backwardThroughRelu(y: UnsafePointer<Float>, dy: UnsafePointer<Float>, dx: UnsafeMutablePointer<Float>, batch: Int) {
        precondition(fusesReluBackward, "backwardThroughRelu needs max pooling with size == stride")
        let (k, w, h, ow, oh) = (size, width, height, outWidth, outHeight)
        let planes = batch * channels, inPlane = h * w, outPlane = oh * ow
        if k == 2 && w == 4 && h == 4 {
            backwardThroughRelu4x4(y: y, dy: dy, dx: dx, planes: planes)
            return
        }
        argmax.withUnsafeBufferPointer { am in
            let amp = am.baseAddress!
            for plane in 0..<planes {
                let dxp = dx + plane &* inPlane, dyp = dy + plane &* outPlane
                let yp = y + plane &* outPlane, ap = amp + plane &* outPlane
                for oy in 0..<oh {
                    let top = dxp + oy &* k &* w
                    var ox = 0
                    // 2×2 windows, four at a time: two rows of 8 written in one go; the last group
                    // is shifted left to end at the row's end (rewriting up to 3 windows identically).
                    while k == 2 && ow >= 4 && ox < ow {
                        let first = Swift.min(ox, ow &- 4), o = oy &* ow &+ first
                        let g = (SIMD4<Float>() + UnsafeRawPointer(dyp + o).loadUnaligned(as: SIMD4<Float>.self))
                            .replacing(with: 0, where: UnsafeRawPointer(yp + o).loadUnaligned(as: SIMD4<Float>.self) .<= 0)
                        let at = UnsafeRawPointer(ap + o).loadUnaligned(as: SIMD4<Int32>.self)
                        let i0 = Int32(truncatingIfNeeded: oy &* 2 &* w &+ first &* 2), w32 = Int32(truncatingIfNeeded: w)
                        let base = SIMD4<Int32>(0, 2, 4, 6) &+ i0
                        let zero = SIMD4<Float>()
                        let a = zero.replacing(with: g, where: at .== base), b = zero.replacing(with: g, where: at .== base &+ 1)
                        let c = zero.replacing(with: g, where: at .== base &+ w32), d = zero.replacing(with: g, where: at .== base &+ w32 &+ 1)
                        let row = top + first &* 2
                        UnsafeMutableRawPointer(row).storeBytes(of: SIMD8(a[0], b[0], a[1], b[1], a[2], b[2], a[3], b[3]), as: SIMD8<Float>.self)
                        UnsafeMutableRawPointer(row + w).storeBytes(of: SIMD8(c[0], d[0], c[1], d[1], c[2], d[2], c[3], d[3]), as: SIMD8<Float>.self)
                        ox = first &+ 4
                    }
                    while ox < ow {
                        let o = oy &* ow &+ ox, at = Int(ap[o])
                        let g: Float = yp[o] <= 0 ? 0 : 0 + dyp[o]
                        for ky in 0..<k {
                            for kx in 0..<k {
                                let i = (oy &* k &+ ky) &* w &+ ox &* k &+ kx
                                dxp[i] = i == at ? g : 0
                            }
                        }
                        ox &+= 1
                    }
                    for ky in 0..<k { for i in (ow &* k)..<w { top[ky &* w &+ i] = 0 } }   // columns no window covers
                }
                for i in (oh &* k &* w)..<inPlane { dxp[i] = 0 }                           // rows no window covers
            }
        }
    }

    /// `backwardThroughRelu` for 4×4 planes and 2×2 windows (the default network's second pool
    /// at 14×14): a plane's 4 gradients and 16 inputs in one go; windows at 0, 2, 8 and 10 as in
    /// `forwardMax2x2`.
    private func backwardThroughRelu4x4(y: UnsafePointer<Float>, dy: UnsafePointer<Float>, dx: UnsafeMutablePointer<Float>, planes: Int) {
        argmax.withUnsafeBufferPointer { am in
            let amp = am.baseAddress!
            let base = SIMD4<Int32>(0, 2, 8, 10), zero = SIMD4<Float>()
            for plane in 0..<planes {
                let o = plane &* 4
                let g = (zero + UnsafeRawPointer(dy + o).loadUnaligned(as: SIMD4<Float>.self))
                    .replacing(with: 0, where: UnsafeRawPointer(y + o).loadUnaligned(as: SIMD4<Float>.self) .<= 0)
                let at = UnsafeRawPointer(amp + o).loadUnaligned(as: SIMD4<Int32>.self)
                let a = zero.replacing(with: g, where: at .== base), b = zero.replacing(with: g, where: at .== base &+ 1)
                let c = zero.replacing(with: g, where: at .== base &+ 4), d = zero.replacing(with: g, where: at .== base &+ 5)
                let v = SIMD16(a[0], b[0], a[1], b[1], c[0], d[0], c[1], d[1], a[2], b[2], a[3], b[3], c[2], d[2], c[3], d[3])
                UnsafeMutableRawPointer(dx + plane &* 16).storeBytes(of: v, as: SIMD16<Float>.self)
            }
        }
    }
}
