/// Clipping, per-pixel blending and rectangles.
///
/// Blending is "source over" with straight alpha: the colour's alpha times the coverage decides
/// how much of it replaces what is there. The result is exact over an opaque destination (which
/// is what figures are: they start from an opaque background); over a transparent destination
/// the colour channels are approximate.
extension Raster {
    // MARK: Clipping

    /// Restricts all later drawing to `rect` (rounded to whole pixels, intersected with the
    /// raster). Pixels partly inside a fractional edge count as inside.
    public mutating func setClip(_ rect: Rect) {
        clip = pixelBox(for: rect, within: PixelBox(minX: 0, minY: 0, maxX: width, maxY: height))
    }

    /// Lets drawing touch the whole raster again.
    public mutating func resetClip() {
        clip = PixelBox(minX: 0, minY: 0, maxX: width, maxY: height)
    }

    /// Runs `body` with the clip narrowed to `rect` (inside the current clip), then restores it.
    public mutating func withClip(_ rect: Rect, _ body: (inout Raster) -> Void) {
        let saved = clip
        clip = pixelBox(for: rect, within: saved)
        body(&self)
        clip = saved
    }

    /// The whole pixels that `rect` touches, inside `bounds`.
    func pixelBox(for rect: Rect, within bounds: PixelBox) -> PixelBox {
        guard !rect.isEmpty else { return PixelBox(minX: 0, minY: 0, maxX: 0, maxY: 0) }
        let x0 = clampedInt(rect.minX.rounded(.down), bounds.minX, bounds.maxX)
        let y0 = clampedInt(rect.minY.rounded(.down), bounds.minY, bounds.maxY)
        let x1 = clampedInt(rect.maxX.rounded(.up), x0, bounds.maxX)
        let y1 = clampedInt(rect.maxY.rounded(.up), y0, bounds.maxY)
        return PixelBox(minX: x0, minY: y0, maxX: x1, maxY: y1)
    }

    // MARK: Blending

    /// Blends `color` into pixel (`x`, `y`) with `coverage` in [0, 1] (the fraction of the pixel
    /// the shape covers). Pixels outside the raster or the clip are left alone.
    public mutating func blend(x: Int, y: Int, color: RGBA, coverage: Double = 1) {
        guard x >= clip.minX, x < clip.maxX, y >= clip.minY, y < clip.maxY else { return }
        let alpha = Paint.alpha(color.a, coverage)
        let paint = Paint(color)
        let index = (y * width + x) * 4
        pixels.withUnsafeMutableBufferPointer { buffer in
            paint.blend(into: buffer.baseAddress! + index, alpha: alpha)
        }
    }

    // MARK: Rectangles

    /// Fills the whole raster (inside the clip) with `color`, replacing what was there.
    public mutating func fill(_ color: RGBA) {
        let box = clip
        guard !box.isEmpty else { return }
        let w = width
        pixels.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            for y in box.minY..<box.maxY {
                var p = base + (y * w + box.minX) * 4
                for _ in box.minX..<box.maxX {
                    p[0] = color.r; p[1] = color.g; p[2] = color.b; p[3] = color.a
                    p += 4
                }
            }
        }
    }

    /// Fills `rect` with `color`; fractional edges are anti-aliased by their pixel coverage.
    public mutating func fillRect(_ rect: Rect, color: RGBA) {
        guard !rect.isEmpty, rect.minX.isFinite, rect.minY.isFinite,
              rect.maxX.isFinite, rect.maxY.isFinite else { return }
        let box = pixelBox(for: rect, within: clip)
        guard !box.isEmpty else { return }
        let paint = Paint(color)
        let w = width
        pixels.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            // Only the first and last column can be partly covered; the columns between share
            // one alpha per row.
            let lastX = box.maxX - 1
            let coverFirst = Self.overlap(Double(box.minX), rect.minX, rect.maxX)
            let coverLast = Self.overlap(Double(lastX), rect.minX, rect.maxX)
            for y in box.minY..<box.maxY {
                let coverY = Self.overlap(Double(y), rect.minY, rect.maxY)
                let inner = paint.alpha(coverY)
                var p = base + (y * w + box.minX) * 4
                paint.blend(into: p, alpha: paint.alpha(coverFirst * coverY))
                guard lastX > box.minX else { continue }
                p += 4
                for _ in (box.minX + 1)..<lastX {
                    paint.blend(into: p, alpha: inner)
                    p += 4
                }
                paint.blend(into: p, alpha: paint.alpha(coverLast * coverY))
            }
        }
    }

    /// Outlines `rect` with a border `lineWidth` pixels wide, drawn inside the rectangle.
    public mutating func strokeRect(_ rect: Rect, color: RGBA, lineWidth: Double = 1) {
        guard !rect.isEmpty, lineWidth > 0 else { return }
        let t = min(lineWidth, rect.width / 2, rect.height / 2)
        fillRect(Rect(x: rect.minX, y: rect.minY, width: rect.width, height: t), color: color)
        fillRect(Rect(x: rect.minX, y: rect.maxY - t, width: rect.width, height: t), color: color)
        let sideHeight = rect.height - 2 * t
        guard sideHeight > 0 else { return }
        fillRect(Rect(x: rect.minX, y: rect.minY + t, width: t, height: sideHeight), color: color)
        fillRect(Rect(x: rect.maxX - t, y: rect.minY + t, width: t, height: sideHeight), color: color)
    }

    /// How much of the pixel span [i, i+1) lies inside [lo, hi].
    @inline(__always)
    static func overlap(_ i: Double, _ lo: Double, _ hi: Double) -> Double {
        max(0, min(i + 1, hi) - max(i, lo))
    }
}

/// A colour unpacked to Ints for the blending inner loops (no UInt8 churn per pixel).
struct Paint {
    let r: Int, g: Int, b: Int, a: Int

    init(_ color: RGBA) {
        r = Int(color.r); g = Int(color.g); b = Int(color.b); a = Int(color.a)
    }

    /// The effective alpha (0...255) of a colour alpha scaled by a coverage in [0, 1].
    @inline(__always)
    static func alpha(_ a: UInt8, _ coverage: Double) -> Int {
        guard coverage > 0 else { return 0 }
        return coverage >= 1 ? Int(a) : Int(Double(a) * coverage + 0.5)
    }

    /// The effective alpha of this paint at `coverage` in [0, 1].
    @inline(__always)
    func alpha(_ coverage: Double) -> Int {
        guard coverage > 0 else { return 0 }
        return coverage >= 1 ? a : Int(Double(a) * coverage + 0.5)
    }

    /// Source-over blend into the 4 bytes at `p` with effective alpha `alpha` (0...255).
    @inline(__always)
    func blend(into p: UnsafeMutablePointer<UInt8>, alpha: Int) {
        if alpha <= 0 { return }
        if alpha >= 255 {
            p[0] = UInt8(truncatingIfNeeded: r); p[1] = UInt8(truncatingIfNeeded: g)
            p[2] = UInt8(truncatingIfNeeded: b); p[3] = 255
            return
        }
        let keep = 255 - alpha
        p[0] = UInt8(truncatingIfNeeded: (r * alpha + Int(p[0]) * keep + 127) / 255)
        p[1] = UInt8(truncatingIfNeeded: (g * alpha + Int(p[1]) * keep + 127) / 255)
        p[2] = UInt8(truncatingIfNeeded: (b * alpha + Int(p[2]) * keep + 127) / 255)
        p[3] = UInt8(truncatingIfNeeded: alpha + (Int(p[3]) * keep + 127) / 255)
    }
}
