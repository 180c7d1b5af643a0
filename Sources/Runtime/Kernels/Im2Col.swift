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
    @inline(__always)
    public func unfold(_ x: UnsafePointer<Float>, into cols: UnsafeMutablePointer<Float>, rowStride: Int? = nil) {
        let ld = rowStride ?? columns
        var row = 0
        for c in 0..<channels {
            let plane = x + c * height * width
            for ky in 0..<size {
                for kx in 0..<size {
                    let out = cols + row * ld
                    for oy in 0..<outHeight {
                        let iy = oy * stride + ky - padding
                        let line = out + oy * outWidth
                        if iy < 0 || iy >= height {
                            for ox in 0..<outWidth { line[ox] = 0 }
                            continue
                        }
                        let src = plane + iy * width
                        if stride == 1 && padding == 0 {
                            for ox in 0..<outWidth { line[ox] = src[kx &+ ox] }
                        } else {
                            for ox in 0..<outWidth {
                                let ix = ox * stride + kx - padding
                                line[ox] = (ix >= 0 && ix < width) ? src[ix] : 0
                            }
                        }
                    }
                    row += 1
                }
            }
        }
    }

    /// dx `[C, H, W]` += the scatter of dcols `[C·k·k, OH·OW]` (the adjoint of `unfold`), rows
    /// `rowStride` apart as in `unfold`.
    @inline(__always)
    public func fold(_ cols: UnsafePointer<Float>, into dx: UnsafeMutablePointer<Float>, rowStride: Int? = nil) {
        let ld = rowStride ?? columns
        var row = 0
        for c in 0..<channels {
            let plane = dx + c * height * width
            for ky in 0..<size {
                for kx in 0..<size {
                    let src = cols + row * ld
                    for oy in 0..<outHeight {
                        let iy = oy * stride + ky - padding
                        guard iy >= 0 && iy < height else { continue }
                        let line = plane + iy * width
                        let from = src + oy * outWidth
                        if stride == 1 && padding == 0 {
                            for ox in 0..<outWidth { line[kx &+ ox] += from[ox] }
                        } else {
                            for ox in 0..<outWidth {
                                let ix = ox * stride + kx - padding
                                if ix >= 0 && ix < width { line[ix] += from[ox] }
                            }
                        }
                    }
                    row += 1
                }
            }
        }
    }
}
