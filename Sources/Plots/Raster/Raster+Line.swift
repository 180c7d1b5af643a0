/// Anti-aliased lines: every segment is a capsule (a thick segment with round ends) whose
/// per-pixel coverage is `radius + 0.5 - distance` clamped to [0, 1], so a polyline's joins come
/// out round. Lines thinner than one pixel are drawn one pixel wide and fainter.
///
/// Limit: consecutive segments of a polyline overlap at the joint, so a translucent colour
/// shows a slightly darker dot there; opaque colours are unaffected.
extension Raster {
    /// Draws a straight line from `a` to `b`, `width` pixels wide, optionally dashed.
    ///
    /// `dash` alternates on and off lengths in pixels (e.g. `[6, 4]`); an empty, non-positive or
    /// non-finite pattern draws a solid line. Non-finite endpoints draw nothing.
    public mutating func line(from a: Point, to b: Point, width: Double = 1, color: RGBA,
                              dash: [Double]? = nil) {
        polyline([a, b], width: width, color: color, dash: dash)
    }

    /// Draws connected segments through `points`. A non-finite point (NaN, infinity) is a gap:
    /// the line stops before it and starts again after it. The dash pattern runs on across
    /// joints so a dashed curve looks even.
    public mutating func polyline(_ points: [Point], width: Double = 1, color: RGBA,
                                  dash: [Double]? = nil) {
        guard width > 0, width.isFinite, points.count >= 2 else { return }
        let radius = max(width, 1) / 2
        let intensity = min(width, 1)
        let pattern = Self.validDash(dash)
        var dashState = DashState()
        var previous: Point? = nil
        for point in points {
            guard point.isFinite else { previous = nil; dashState = DashState(); continue }
            if let start = previous {
                if let pattern {
                    dashedSegment(start, point, radius: radius, intensity: intensity,
                                  color: color, pattern: pattern, state: &dashState)
                } else {
                    capsule(start, point, radius: radius, intensity: intensity, color: color)
                }
            }
            previous = point
        }
    }

    /// Where a dash pattern stands: which entry, and how far into it.
    struct DashState {
        var index = 0
        var used = 0.0
    }

    /// The pattern if it is usable (at least one entry, all finite and positive, total ≥ 1 px).
    static func validDash(_ dash: [Double]?) -> [Double]? {
        guard let dash, !dash.isEmpty, dash.allSatisfy({ $0.isFinite && $0 > 0 }),
              dash.reduce(0, +) >= 1 else { return nil }
        return dash.count % 2 == 0 ? dash : dash + dash
    }

    /// Walks the segment a→b through the dash pattern, drawing the "on" pieces.
    mutating func dashedSegment(_ a: Point, _ b: Point, radius: Double, intensity: Double,
                                color: RGBA, pattern: [Double], state: inout DashState) {
        let dx = b.x - a.x, dy = b.y - a.y
        let length = (dx * dx + dy * dy).squareRoot()
        guard length > 0, length.isFinite else { return }
        var travelled = 0.0
        while travelled < length {
            let left = pattern[state.index] - state.used
            let step = min(left, length - travelled)
            if state.index % 2 == 0 {
                // Round caps reach `radius` beyond a piece: pull the dash's own ends in by it
                // (not ends that are only polyline joints) so dashes are as long as asked.
                let startsDash = state.used == 0, endsDash = step >= left
                let trim = min(radius, pattern[state.index] / 2)
                let from = travelled + (startsDash ? trim : 0)
                let to = travelled + step - (endsDash ? trim : 0)
                let t0 = from / length, t1 = max(from, to) / length
                capsule(Point(a.x + dx * t0, a.y + dy * t0), Point(a.x + dx * t1, a.y + dy * t1),
                        radius: radius, intensity: intensity, color: color)
            }
            travelled += step
            state.used += step
            if state.used >= pattern[state.index] {
                state.index = (state.index + 1) % pattern.count
                state.used = 0
            }
        }
    }

    /// Fills the capsule of points within `radius` of segment a→b, anti-aliased.
    mutating func capsule(_ a: Point, _ b: Point, radius r: Double, intensity: Double, color: RGBA) {
        let box = clip
        guard !box.isEmpty else { return }
        let reach = r + 1
        let yLo = clampedInt((min(a.y, b.y) - reach).rounded(.down), box.minY, box.maxY)
        let yHi = clampedInt((max(a.y, b.y) + reach).rounded(.up), box.minY, box.maxY)
        guard yLo < yHi else { return }
        let dx = b.x - a.x, dy = b.y - a.y
        let lengthSquared = dx * dx + dy * dy
        let inverseLength = lengthSquared > 1e-12 ? 1 / lengthSquared : 0
        let paint = Paint(color)
        let w = width
        pixels.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            for y in yLo..<yHi {
                let cy = Double(y) + 0.5
                // The segment's points within `reach` of this row, as a parameter range.
                var t0 = 0.0, t1 = 1.0
                if abs(dy) > 1e-12 {
                    let ta = (cy - reach - a.y) / dy, tb = (cy + reach - a.y) / dy
                    t0 = max(0, min(ta, tb)); t1 = min(1, max(ta, tb))
                    if t0 > t1 { continue }
                } else if abs(cy - a.y) > reach {
                    continue
                }
                let xa = a.x + dx * t0, xb = a.x + dx * t1
                let xLo = clampedInt((min(xa, xb) - reach).rounded(.down), box.minX, box.maxX)
                let xHi = clampedInt((max(xa, xb) + reach).rounded(.up), box.minX, box.maxX)
                guard xLo < xHi else { continue }
                var p = base + (y * w + xLo) * 4
                for x in xLo..<xHi {
                    let px = Double(x) + 0.5 - a.x, py = cy - a.y
                    let t = min(1, max(0, (px * dx + py * dy) * inverseLength))
                    let ex = px - t * dx, ey = py - t * dy
                    let coverage = r + 0.5 - (ex * ex + ey * ey).squareRoot()
                    if coverage > 0 {
                        paint.blend(into: p, alpha: paint.alpha(min(coverage, 1) * intensity))
                    }
                    p += 4
                }
            }
        }
    }
}
