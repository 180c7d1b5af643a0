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
}
