/// The im2col / col2im rearrangements that turn a convolution into a matrix multiply.
///
/// For one image x `[C, H, W]`, a k×k kernel, stride s and zero padding p, the columns matrix is
/// cols `[C·k·k, OH·OW]`: row (c, ky, kx) holds, for every output position (oy, ox), the input
/// value x[c, oy·s + ky − p, ox·s + kx − p] (0 outside the image). Then
/// y `[OC, OH·OW]` = W `[OC, C·k·k]` · cols, and col2im scatters ∂L/∂cols back onto ∂L/∂x.
public struct Im2Col: Sendable, Equatable {
    /// Input channels, height, width.
    public let channels: Int, height: Int, width: Int
    /// Kernel size, stride, zero padding.
    public let size: Int, stride: Int, padding: Int
    /// Output height and width.
    public let outHeight: Int, outWidth: Int

    /// The geometry of one convolution.
    public init(channels: Int, height: Int, width: Int, size: Int, stride: Int, padding: Int) {
        self.channels = channels
        self.height = height
        self.width = width
        self.size = size
        self.stride = stride
        self.padding = padding
        outHeight = (height + 2 * padding - size) / stride + 1
        outWidth = (width + 2 * padding - size) / stride + 1
    }

    /// Rows of the columns matrix, C·k·k.
    public var rows: Int { channels * size * size }
    /// Columns of the columns matrix, OH·OW.
    public var columns: Int { outHeight * outWidth }

    /// cols `[C·k·k, OH·OW]` from x `[C, H, W]`; row r of cols starts at `cols + r · rowStride`
    /// (`rowStride` = OH·OW for one image alone, batch·OH·OW when images sit side by side).
    /// For stride 1 the columns of an output row that read inside the image are worked out once
    /// per kernel offset, so each output row is one contiguous copy between two runs of zeros.
    @inline(__always)
    public func unfold(_ x: UnsafePointer<Float>, into cols: UnsafeMutablePointer<Float>, rowStride: Int? = nil) {
        let ld = rowStride ?? columns
        let (h, w, oh, ow, s, pad) = (height, width, outHeight, outWidth, stride, padding)
        var row = 0
        if s == 1 && pad == 0 && ow >= 4 {
            // Every output row is one copy of `ow` values from the input row oy + ky at kx.
            for c in 0..<channels {
                for ky in 0..<size {
                    for kx in 0..<size {
                        let out = cols + row &* ld, src = x + (c &* h &* w &+ ky &* w &+ kx)
                        for oy in 0..<oh { copyRow(from: src + oy &* w, to: out + oy &* ow, count: ow) }
                        row &+= 1
                    }
                }
            }
            return
        }
        for c in 0..<channels {
            let plane = x + c &* h &* w
            for ky in 0..<size {
                for kx in 0..<size {
                    let out = cols + row &* ld
                    // Output columns [lo, hi) read inside the image (stride 1): ix = ox + kx − pad.
                    let lo = Swift.min(Swift.max(0, pad &- kx), ow), hi = Swift.max(lo, Swift.min(ow, w &+ pad &- kx))
                    for oy in 0..<oh {
                        let iy = oy &* s &+ ky &- pad
                        let line = out + oy &* ow
                        if iy < 0 || iy >= h {
                            line.update(repeating: 0, count: ow)
                            continue
                        }
                        let src = plane + iy &* w
                        if s == 1 {
                            for ox in 0..<lo { line[ox] = 0 }
                            copyFloats(from: src + (lo &+ kx &- pad), to: line + lo, count: hi &- lo)
                            for ox in hi..<ow { line[ox] = 0 }
                        } else {
                            for ox in 0..<ow {
                                let ix = ox &* s &+ kx &- pad
                                line[ox] = (ix >= 0 && ix < w) ? src[ix] : 0
                            }
                        }
                    }
                    row &+= 1
                }
            }
        }
    }

    /// dx `[C, H, W]` += the scatter of dcols `[C·k·k, OH·OW]` (the adjoint of `unfold`), rows
    /// `rowStride` apart as in `unfold`.
    @inline(__always)
    public func fold(_ cols: UnsafePointer<Float>, into dx: UnsafeMutablePointer<Float>, rowStride: Int? = nil) {
        let ld = rowStride ?? columns
        let (h, w, oh, ow, s, pad) = (height, width, outHeight, outWidth, stride, padding)
        var row = 0
        if s == 1 && pad == 0 {
            for c in 0..<channels {
                for ky in 0..<size {
                    for kx in 0..<size {
                        let src = cols + row &* ld, line = dx + (c &* h &* w &+ ky &* w &+ kx)
                        for oy in 0..<oh { addFloats(from: src + oy &* ow, to: line + oy &* w, count: ow) }
                        row &+= 1
                    }
                }
            }
            return
        }
        for c in 0..<channels {
            let plane = dx + c &* h &* w
            for ky in 0..<size {
                for kx in 0..<size {
                    let src = cols + row &* ld
                    let lo = Swift.min(Swift.max(0, pad &- kx), ow), hi = Swift.max(lo, Swift.min(ow, w &+ pad &- kx))
                    for oy in 0..<oh {
                        let iy = oy &* s &+ ky &- pad
                        guard iy >= 0 && iy < h else { continue }
                        let line = plane + iy &* w
                        let from = src + oy &* ow
                        if s == 1 {
                            addFloats(from: from + lo, to: line + (lo &+ kx &- pad), count: hi &- lo)
                        } else {
                            for ox in 0..<ow {
                                let ix = ox &* s &+ kx &- pad
                                if ix >= 0 && ix < w { line[ix] += from[ox] }
                            }
                        }
                    }
                    row &+= 1
                }
            }
        }
    }
}

/// to[0..<count] = from[0..<count], eight at a time (the rows here are 4 to 30 long, too short
/// for a `memcpy` call to pay).
@inline(__always)
func copyFloats(from: UnsafePointer<Float>, to: UnsafeMutablePointer<Float>, count: Int) {
    var i = 0
    while i &+ 8 <= count {
        UnsafeMutableRawPointer(to + i).storeBytes(of: UnsafeRawPointer(from + i).loadUnaligned(as: SIMD8<Float>.self), as: SIMD8<Float>.self)
        i &+= 8
    }
    if i &+ 4 <= count {
        UnsafeMutableRawPointer(to + i).storeBytes(of: UnsafeRawPointer(from + i).loadUnaligned(as: SIMD4<Float>.self), as: SIMD4<Float>.self)
        i &+= 4
    }
    while i < count { to[i] = from[i]; i &+= 1 }
}

/// to[0..<count] = from[0..<count] for count ≥ 4, in 8- or 4-value vectors, the last one shifted
/// left to end at `count` (it rewrites a few values with themselves) so there is no scalar tail.
@inline(__always)
func copyRow(from: UnsafePointer<Float>, to: UnsafeMutablePointer<Float>, count: Int) {
    if count >= 8 {
        var i = 0
        while true {
            let at = Swift.min(i, count &- 8)
            UnsafeMutableRawPointer(to + at).storeBytes(of: UnsafeRawPointer(from + at).loadUnaligned(as: SIMD8<Float>.self), as: SIMD8<Float>.self)
            if at == count &- 8 { return }
            i = at &+ 8
        }
    }
    UnsafeMutableRawPointer(to).storeBytes(of: UnsafeRawPointer(from).loadUnaligned(as: SIMD4<Float>.self), as: SIMD4<Float>.self)
    let last = count &- 4
    UnsafeMutableRawPointer(to + last).storeBytes(of: UnsafeRawPointer(from + last).loadUnaligned(as: SIMD4<Float>.self), as: SIMD4<Float>.self)
}

/// to[0..<count] += from[0..<count], eight at a time.
@inline(__always)
func addFloats(from: UnsafePointer<Float>, to: UnsafeMutablePointer<Float>, count: Int) {
    var i = 0
    while i &+ 8 <= count {
        let sum = UnsafeRawPointer(to + i).loadUnaligned(as: SIMD8<Float>.self) + UnsafeRawPointer(from + i).loadUnaligned(as: SIMD8<Float>.self)
        UnsafeMutableRawPointer(to + i).storeBytes(of: sum, as: SIMD8<Float>.self)
        i &+= 8
    }
    if i &+ 4 <= count {
        let sum = UnsafeRawPointer(to + i).loadUnaligned(as: SIMD4<Float>.self) + UnsafeRawPointer(from + i).loadUnaligned(as: SIMD4<Float>.self)
        UnsafeMutableRawPointer(to + i).storeBytes(of: sum, as: SIMD4<Float>.self)
        i &+= 4
    }
    while i < count { to[i] += from[i]; i &+= 1 }
}
