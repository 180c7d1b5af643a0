/// Anti-aliased circles, filled or outlined; coverage comes from the distance of each pixel
/// centre to the circle's edge.
extension Raster {
    /// Fills the disc of `radius` pixels around `center`. Radii under half a pixel are drawn
    /// as a half-pixel disc, fainter, so tiny markers stay visible.
    public mutating func fillCircle(center: Point, radius: Double, color: RGBA) {
        guard center.isFinite, radius > 0, radius.isFinite else { return }
        let r = max(radius, 0.5)
        let intensity = min(1, radius / 0.5)
        ring(center: center, inner: -.infinity, outer: r, intensity: intensity, color: color)
    }

    /// Draws the outline of a circle of `radius` pixels, `lineWidth` pixels wide, centred on
    /// the radius.
    public mutating func strokeCircle(center: Point, radius: Double, color: RGBA,
                                      lineWidth: Double = 1) {
        guard center.isFinite, radius > 0, radius.isFinite, lineWidth > 0, lineWidth.isFinite
        else { return }
        let half = max(lineWidth, 1) / 2
        let intensity = min(1, lineWidth)
        ring(center: center, inner: radius - half, outer: radius + half, intensity: intensity,
             color: color)
    }

    /// Blends the ring of points between `inner` and `outer` pixels from `center`; each pixel's
    /// coverage is how far (up to one pixel) its centre lies inside both edges.
    private mutating func ring(center: Point, inner: Double, outer: Double, intensity: Double,
                               color: RGBA) {
        let reach = outer + 1
        let box = clip
        let xLo = clampedInt((center.x - reach).rounded(.down), box.minX, box.maxX)
        let xHi = clampedInt((center.x + reach).rounded(.up), box.minX, box.maxX)
        let yLo = clampedInt((center.y - reach).rounded(.down), box.minY, box.maxY)
        let yHi = clampedInt((center.y + reach).rounded(.up), box.minY, box.maxY)
        guard xLo < xHi, yLo < yHi else { return }
        let paint = Paint(color)
        let w = width
        pixels.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            for y in yLo..<yHi {
                let dy = Double(y) + 0.5 - center.y
                var p = base + (y * w + xLo) * 4
                for x in xLo..<xHi {
                    let dx = Double(x) + 0.5 - center.x
                    let distance = (dx * dx + dy * dy).squareRoot()
                    let coverage = min(1, outer + 0.5 - distance, distance - inner + 0.5) * intensity
                    if coverage > 0 { paint.blend(into: p, alpha: paint.alpha(coverage)) }
                    p += 4
                }
            }
        }
    }
}
