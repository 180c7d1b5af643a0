/// Anti-aliased lines: every segment is a capsule (a thick segment with round ends) whose
/// per-pixel coverage is `radius + 0.5 - distance` clamped to [0, 1], so a polyline's joins come
/// out round. Lines thinner than one pixel are drawn one pixel wide and fainter.
///
/// A polyline's coverage is gathered in a `CoverageMask` (maximum per pixel) and blended once,
/// so joints and overlapping segments of a noisy curve keep soft edges, and translucent lines
/// are even. Polylines whose bounding box exceeds `CoverageMask.maximumArea` are drawn segment
/// by segment instead (then overlaps do stack).
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
        var lo = Point(.infinity, .infinity), hi = Point(-.infinity, -.infinity)
        for p in points where p.isFinite {
            lo = Point(min(lo.x, p.x), min(lo.y, p.y)); hi = Point(max(hi.x, p.x), max(hi.y, p.y))
        }
        guard lo.x <= hi.x else { return }
        let box = maskBox(lo, hi, reach: radius + 1)
        guard !box.isEmpty else { return }
        let area = (box.maxX - box.minX) * (box.maxY - box.minY)
        if area <= CoverageMask.maximumArea {
            // One mask for the whole polyline, blended once.
            var mask = CoverageMask(box: box)
            var dashState = DashState()
            var previous: Point? = nil
            for point in points {
                guard point.isFinite else { previous = nil; dashState = DashState(); continue }
                if let start = previous {
                    segment(start, point, radius: radius, intensity: intensity, pattern: pattern,
                            state: &dashState, into: &mask)
                }
                previous = point
            }
            blend(mask, color: color)
        } else {
            // Too big for one mask: a mask per segment, blended as it goes.
            var dashState = DashState()
            var previous: Point? = nil
            for point in points {
                guard point.isFinite else { previous = nil; dashState = DashState(); continue }
                if let start = previous {
                    var mask = CoverageMask(box: maskBox(start, point, reach: radius + 1))
                    segment(start, point, radius: radius, intensity: intensity, pattern: pattern,
                            state: &dashState, into: &mask)
                    blend(mask, color: color)
                }
                previous = point
            }
        }
    }

    /// Adds segment a→b, dashed or solid, to `mask`.
    private func segment(_ a: Point, _ b: Point, radius: Double, intensity: Double, pattern: [Double]?,
                         state: inout DashState, into mask: inout CoverageMask) {
        if let pattern {
            dashedSegment(a, b, radius: radius, intensity: intensity, pattern: pattern,
                          state: &state, into: &mask)
        } else {
            capsule(a, b, radius: radius, intensity: intensity, into: &mask)
        }
    }

    /// The pixels within `reach` of the box spanned by `a` and `b`, inside the clip.
    func maskBox(_ a: Point, _ b: Point, reach: Double) -> PixelBox {
        let box = clip
        let x0 = clampedInt((min(a.x, b.x) - reach).rounded(.down), box.minX, box.maxX)
        let x1 = clampedInt((max(a.x, b.x) + reach).rounded(.up), x0, box.maxX)
        let y0 = clampedInt((min(a.y, b.y) - reach).rounded(.down), box.minY, box.maxY)
        let y1 = clampedInt((max(a.y, b.y) + reach).rounded(.up), y0, box.maxY)
        return PixelBox(minX: x0, minY: y0, maxX: x1, maxY: y1)
    }

    /// Where a dash pattern stands: the distance into one period of the pattern.
    struct DashState {
        var phase = 0.0
    }

    /// The pattern if it is usable (at least one entry, all finite and positive, total ≥ 1 px).
    static func validDash(_ dash: [Double]?) -> [Double]? {
        guard let dash, !dash.isEmpty, dash.allSatisfy({ $0.isFinite && $0 > 0 }),
              dash.reduce(0, +) >= 1 else { return nil }
        return dash.count % 2 == 0 ? dash : dash + dash
    }

    /// Walks the segment a→b through the dash pattern, drawing the "on" pieces. Only the part
    /// of the segment near the mask is walked (the phase is carried over the rest), so a
    /// dashed line of absurd length costs no more than one across the mask.
    func dashedSegment(_ a: Point, _ b: Point, radius: Double, intensity: Double,
                       pattern: [Double], state: inout DashState, into mask: inout CoverageMask) {
        let dx = b.x - a.x, dy = b.y - a.y
        let length = (dx * dx + dy * dy).squareRoot()
        guard length > 0, length.isFinite else { return }
        let period = pattern.reduce(0, +)
        let startPhase = state.phase
        state.phase = (startPhase + length).truncatingRemainder(dividingBy: period)
        let reach = radius + 1
        guard let (tEnter, tExit) = Self.clipParameters(a, b, minX: Double(mask.box.minX) - reach,
                                                        minY: Double(mask.box.minY) - reach,
                                                        maxX: Double(mask.box.maxX) + reach,
                                                        maxY: Double(mask.box.maxY) + reach)
        else { return }
        // Walk in coordinates local to the visible part, so distances stay small and exact.
        let origin = Point(a.x + dx * tEnter, a.y + dy * tEnter)
        let visible = (tExit - tEnter) * length
        let ux = dx / length, uy = dy / length
        var index = 0
        var used = (startPhase + tEnter * length).truncatingRemainder(dividingBy: period)
        for _ in 0..<pattern.count where used >= pattern[index] {
            used -= pattern[index]; index = (index + 1) % pattern.count
        }
        var travelled = 0.0
        while travelled < visible {
            let left = max(pattern[index] - used, 0)
            let step = min(left, visible - travelled)
            if index % 2 == 0 {
                // Round caps reach `radius` beyond a piece: pull the dash's own ends in by it
                // (not ends that are only polyline joints) so dashes are as long as asked.
                let startsDash = used == 0, endsDash = step >= left
                let trim = min(radius, pattern[index] / 2)
                let from = travelled + (startsDash ? trim : 0)
                let to = max(from, travelled + step - (endsDash ? trim : 0))
                capsule(Point(origin.x + ux * from, origin.y + uy * from),
                        Point(origin.x + ux * to, origin.y + uy * to),
                        radius: radius, intensity: intensity, into: &mask)
            }
            travelled += step
            used += step
            if used >= pattern[index] {
                index = (index + 1) % pattern.count
                used = 0
            }
        }
    }

    /// The parameter range [t0, t1] ⊆ [0, 1] of segment a→b inside the box (Liang–Barsky),
    /// or nil when the segment misses it.
    static func clipParameters(_ a: Point, _ b: Point, minX: Double, minY: Double,
                               maxX: Double, maxY: Double) -> (Double, Double)? {
        var t0 = 0.0, t1 = 1.0
        func edge(_ p: Double, _ q: Double) -> Bool {
            if p == 0 { return q >= 0 }
            let r = q / p
            if p < 0 {
                if r > t1 { return false }
                t0 = max(t0, r)
            } else {
                if r < t0 { return false }
                t1 = min(t1, r)
            }
            return true
        }
        let dx = b.x - a.x, dy = b.y - a.y
        guard edge(-dx, a.x - minX), edge(dx, maxX - a.x), edge(-dy, a.y - minY), edge(dy, maxY - a.y),
              t0 < t1 else { return nil }
        return (t0, t1)
    }

    /// Raises `mask` to the coverage of the capsule of points within `r` of segment a→b.
    func capsule(_ a: Point, _ b: Point, radius r: Double, intensity: Double,
                 into mask: inout CoverageMask) {
        let box = mask.box
        guard !box.isEmpty else { return }
        // Coverage is positive only for pixel centres nearer than r + 0.5; a hair more covers
        // rounding in the row ranges, so no covered pixel is skipped (and r + 1 visited a
        // third more pixels for thin lines, all of them at zero coverage).
        let reach = r + 0.5 + 1e-6
        let yLo = clampedInt((min(a.y, b.y) - reach).rounded(.down), box.minY, box.maxY)
        let yHi = clampedInt((max(a.y, b.y) + reach).rounded(.up), box.minY, box.maxY)
        guard yLo < yHi else { return }
        let dx = b.x - a.x, dy = b.y - a.y
        let lengthSquared = dx * dx + dy * dy
        let inverseLength = lengthSquared > 1e-12 ? 1 / lengthSquared : 0
        let maskWidth = box.maxX - box.minX
        let outer = r + 0.5
        let minY = box.minY, minX = box.minX
        mask.values.withUnsafeMutableBufferPointer { values in
            mask.spanStart.withUnsafeMutableBufferPointer { spanStart in
                mask.spanEnd.withUnsafeMutableBufferPointer { spanEnd in
                    for y in yLo..<yHi {
                        guard let (xLo, xHi) = Self.capsuleRow(y, a, b, reach: reach, box: box) else { continue }
                        // Blending visits the columns each row was written in.
                        spanStart[y - minY] = min(spanStart[y - minY], xLo)
                        spanEnd[y - minY] = max(spanEnd[y - minY], xHi)
                        Self.capsuleCoverage(row: values.baseAddress! + (y - minY) * maskWidth - minX, y: y,
                                             xLo, xHi, a, dx, dy, inverseLength, outer: outer,
                                             intensity: intensity)
                    }
                }
            }
        }
    }

    /// Raises `row[x]` for x in `xLo..<xHi` (pixel row `y`) to the capsule's coverage there:
    /// `outer - distance` to segment a→(a + (dx, dy)), clamped to 1, times `intensity`.
    ///
    /// Four pixels at a time, each lane computing exactly what the scalar loop for the tail does
    /// (the same operations in the same order, so the same coverage to the bit); a lane outside
    /// the capsule gives 0, which the max leaves alone.
    @inline(__always)
    static func capsuleCoverage(row: UnsafeMutablePointer<Float>, y: Int, _ xLo: Int, _ xHi: Int, _ a: Point,
                                _ dx: Double, _ dy: Double, _ inverseLength: Double, outer: Double,
                                intensity: Double) {
        let py = Double(y) + 0.5 - a.y
        var x = xLo
        let steps = SIMD4<Double>(0.5, 1.5, 2.5, 3.5)
        while x + 4 <= xHi {
            let px = (SIMD4<Double>(repeating: Double(x)) + steps) - a.x
            // t = min(1, max(0, projected)) as Swift's min and max pick (-0 stays -0).
            var t = (px * dx + py * dy) * inverseLength
            t.replace(with: 0, where: t .< 0)
            t.replace(with: 1, where: t .> 1)
            let ex = px - t * dx, ey = py - t * dy
            let coverage = outer - (ex * ex + ey * ey).squareRoot()
            var clamped = coverage
            clamped.replace(with: 1, where: coverage .> 1)
            var scaled = clamped * intensity
            scaled.replace(with: 0, where: coverage .<= 0)
            let c = SIMD4<Float>(scaled)
            let cell = UnsafeMutableRawPointer(row + x)
            var kept = cell.loadUnaligned(as: SIMD4<Float>.self)
            kept.replace(with: c, where: c .> kept)
            cell.storeBytes(of: kept, as: SIMD4<Float>.self)
            x += 4
        }
        while x < xHi {
            let px = Double(x) + 0.5 - a.x
            let t = min(1, max(0, (px * dx + py * dy) * inverseLength))
            let ex = px - t * dx, ey = py - t * dy
            let coverage = outer - (ex * ex + ey * ey).squareRoot()
            if coverage > 0 {
                let c = Float(min(coverage, 1) * intensity)
                if c > row[x] { row[x] = c }
            }
            x += 1
        }
    }

    /// The columns of row `y` within `reach` of segment a→b (a superset), clamped to `box`;
    /// nil when none are.
    @inline(__always)
    static func capsuleRow(_ y: Int, _ a: Point, _ b: Point, reach: Double,
                           box: PixelBox) -> (Int, Int)? {
        let cy = Double(y) + 0.5
        let dx = b.x - a.x, dy = b.y - a.y
        // The segment's points within `reach` of this row, as a parameter range.
        var t0 = 0.0, t1 = 1.0
        if abs(dy) > 1e-12 {
            let ta = (cy - reach - a.y) / dy, tb = (cy + reach - a.y) / dy
            t0 = max(0, min(ta, tb)); t1 = min(1, max(ta, tb))
            if t0 > t1 { return nil }
        } else if abs(cy - a.y) > reach {
            return nil
        }
        let xa = a.x + dx * t0, xb = a.x + dx * t1
        let xLo = clampedInt((min(xa, xb) - reach).rounded(.down), box.minX, box.maxX)
        let xHi = clampedInt((max(xa, xb) + reach).rounded(.up), box.minX, box.maxX)
        return xLo < xHi ? (xLo, xHi) : nil
    }
}
