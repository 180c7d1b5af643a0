/// Polygons, convex or concave, filled by scanlines with the non-zero winding rule.
///
/// Anti-aliasing: each pixel row is sampled on 4 sub-scanlines; along each sub-scanline the
/// covered span adds its exact horizontal overlap to the pixels, so edges get 4 vertical and
/// continuous horizontal coverage levels.
extension Raster {
    /// Fills the polygon through `points` (closed automatically). Fewer than 3 points, or any
    /// non-finite point, draws nothing.
    public mutating func fillPolygon(_ points: [Point], color: RGBA) {
        guard points.count >= 3, points.allSatisfy(\.isFinite) else { return }
        let box = clip
        guard !box.isEmpty else { return }
        var minX = Double.infinity, maxX = -Double.infinity
        var minY = Double.infinity, maxY = -Double.infinity
        for p in points {
            minX = min(minX, p.x); maxX = max(maxX, p.x); minY = min(minY, p.y); maxY = max(maxY, p.y)
        }
        let xLo = clampedInt(minX.rounded(.down), box.minX, box.maxX)
        let xHi = clampedInt(maxX.rounded(.up), box.minX, box.maxX)
        let yLo = clampedInt(minY.rounded(.down), box.minY, box.maxY)
        let yHi = clampedInt(maxY.rounded(.up), box.minY, box.maxY)
        guard xLo < xHi, yLo < yHi else { return }

        // edges: [n] as (x0, y0, x1, y1, winding) with y0 < y1; horizontal edges dropped.
        var edges: [(x0: Double, y0: Double, x1: Double, y1: Double, dir: Int)] = []
        edges.reserveCapacity(points.count)
        for i in points.indices {
            let a = points[i], b = points[(i + 1) % points.count]
            if a.y == b.y { continue }
            edges.append(a.y < b.y ? (a.x, a.y, b.x, b.y, 1) : (b.x, b.y, a.x, a.y, -1))
        }
        // coverage: [xHi - xLo] accumulated per row; crossings: [edges] reused per sub-scanline.
        var coverageStore = [Double](repeating: 0, count: xHi - xLo)
        var crossingStore = [(x: Double, dir: Int)](repeating: (0, 0), count: edges.count)
        let subSamples = 4
        let weight = 1 / Double(subSamples)
        let paint = Paint(color)
        let w = width
        pixels.withUnsafeMutableBufferPointer { buffer in
            coverageStore.withUnsafeMutableBufferPointer { coverageBuffer in
                crossingStore.withUnsafeMutableBufferPointer { crossings in
                    let base = buffer.baseAddress!
                    // coverage[x] for raster column x (valid for xLo..<xHi).
                    let coverage = coverageBuffer.baseAddress! - xLo
                    for y in yLo..<yHi {
                        var touchedLo = xHi, touchedHi = xLo
                        for s in 0..<subSamples {
                            let sy = Double(y) + (Double(s) + 0.5) * weight
                            var count = 0
                            for e in edges where sy >= e.y0 && sy < e.y1 {
                                let x = e.x0 + (sy - e.y0) * (e.x1 - e.x0) / (e.y1 - e.y0)
                                // insertion sort by x as we go: edges per row are few
                                var j = count
                                while j > 0 && crossings[j - 1].x > x { crossings[j] = crossings[j - 1]; j -= 1 }
                                crossings[j] = (x, e.dir)
                                count += 1
                            }
                            var winding = 0
                            for k in 0..<count {
                                let before = winding
                                winding += crossings[k].dir
                                guard before != 0, k > 0 else { continue }
                                let spanLo = max(crossings[k - 1].x, Double(xLo))
                                let spanHi = min(crossings[k].x, Double(xHi))
                                guard spanLo < spanHi else { continue }
                                let first = Int(spanLo), last = min(Int(spanHi.rounded(.up)), xHi)
                                touchedLo = min(touchedLo, first); touchedHi = max(touchedHi, last)
                                // Pixels wholly inside the span are covered exactly 1 (the general
                                // formula gives (x + 1) - x there): only the two ends need it.
                                let innerLo = min(last, max(first, Int(spanLo.rounded(.up))))
                                let innerHi = max(innerLo, min(last, Int(spanHi.rounded(.down))))
                                for x in first..<innerLo {
                                    let cover = min(Double(x + 1), spanHi) - max(Double(x), spanLo)
                                    coverage[x] += cover * weight
                                }
                                for x in innerLo..<innerHi { coverage[x] += weight }
                                for x in innerHi..<last {
                                    let cover = min(Double(x + 1), spanHi) - max(Double(x), spanLo)
                                    coverage[x] += cover * weight
                                }
                            }
                        }
                        guard touchedLo < touchedHi else { continue }
                        var p = base + (y * w + touchedLo) * 4
                        for x in touchedLo..<touchedHi {
                            let c = coverage[x]
                            if c > 0 { paint.blend(into: p, alpha: paint.alpha(c)); coverage[x] = 0 }
                            p += 4
                        }
                    }
                }
            }
        }
    }

    /// Outlines the closed polygon through `points` with anti-aliased lines.
    public mutating func strokePolygon(_ points: [Point], color: RGBA, lineWidth: Double = 1,
                                       dash: [Double]? = nil) {
        guard points.count >= 2 else { return }
        polyline(points + [points[0]], width: lineWidth, color: color, dash: dash)
    }
}
