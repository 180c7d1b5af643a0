import Foundation

/// The frame of a 3D chart: the three back panes of the data box with light grid lines, and
/// the x, y and z axes with a few ticks, tick labels and axis names, placed on the box edges
/// nearest the viewer (x and y along the floor, z up the leftmost vertical edge), as
/// matplotlib's 3D axes do.
///
/// The panes are drawn before the data and the labels after it; labels sit outside the box,
/// pushed away from its centre on screen, so they never cover the data.
public struct ProjectionAxisBox: Sendable {
    public var projection: Projection
    /// Names of the x, y and z axes ("w₁", "w₂", "loss").
    public var names: [String]
    /// About how many ticks each axis gets (nice values: 1, 2 or 5 × 10^k).
    public var tickCount: Int

    /// The frame of the box that `projection` shows, with axis `names` and about `tickCount`
    /// ticks per axis (at least 2).
    public init(projection: Projection, names: [String] = ["x", "y", "z"], tickCount: Int = 4) {
        self.projection = projection
        self.names = names
        self.tickCount = max(2, tickCount)
    }

    private var bounds: Projection.Bounds { projection.bounds }
    private var eye: Vector3 { projection.camera.eyeDirection }

    /// Nice tick values inside `range`: multiples of a step of 1, 2 or 5 × 10^k chosen to give
    /// about `count` ticks.
    public static func ticks(in range: ClosedRange<Double>, count: Int) -> [Double] {
        let span = range.upperBound - range.lowerBound
        guard span > 0, span.isFinite else { return [] }
        let rough = span / Double(max(1, count))
        let power = pow(10, (log10(rough)).rounded(.down))
        let step = [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= rough } ?? 10 * power
        let first = (range.lowerBound / step).rounded(.up)
        let last = (range.upperBound / step).rounded(.down)
        guard last >= first, last - first < 100 else { return [] }
        // Rounded to the step's decimals so 3 × 0.2 is 0.6, not 0.6000000000000001.
        let scale = pow(10, max(0, -log10(step).rounded(.down)) + 1)
        return stride(from: first, through: last, by: 1).map { k in
            let value = (k * step * scale).rounded() / scale
            return value == 0 ? 0 : value
        }
    }

    /// A tick label with just enough decimals for the tick step.
    public static func tickLabel(_ value: Double, step: Double) -> String {
        let decimals = step > 0 && step.isFinite ? max(0, Int(-log10(step).rounded(.down))) : 0
        let text = String(format: "%.\(min(decimals, 6))f", value)
        return text.hasPrefix("-") ? "−" + text.dropFirst() : text
    }

    /// The three panes facing away from the eye, with grid lines at the ticks.
    public func drawPanes(into raster: inout Raster, theme: Theme) {
        // Panes halfway between the page and the grid colour: visible, but quieter than data.
        func mix(_ a: UInt8, _ b: UInt8) -> UInt8 { UInt8((Int(a) + Int(b)) / 2) }
        let pane = RGBA(mix(theme.background.r, theme.grid.r), mix(theme.background.g, theme.grid.g),
                        mix(theme.background.b, theme.grid.b))
        let axes: [(Int, Vector3)] = [(0, Vector3(1, 0, 0)), (1, Vector3(0, 1, 0)), (2, Vector3(0, 0, 1))]
        for (axis, direction) in axes {
            // The pane at the low end has outward normal −direction; it is a back pane when the
            // eye looks at its inside, i.e. when the normal points away from the eye.
            let atHigh = direction.dot(eye) < 0
            let corners = paneCorners(axis: axis, high: atHigh)
            let points = corners.map { screen($0) }
            raster.fillPolygon(points, color: pane)
            for other in 0..<3 where other != axis {
                let range = self.range(other)
                for tick in ProjectionAxisBox.ticks(in: range, count: tickCount) {
                    var a = corners[0], b = corners[2]
                    a = set(a, axis: other, tick)
                    b = set(b, axis: other, tick)
                    // a and b span the pane across the third axis.
                    let third = 3 - axis - other
                    a = set(a, axis: third, self.range(third).lowerBound)
                    b = set(b, axis: third, self.range(third).upperBound)
                    raster.line(from: screen(a), to: screen(b), width: 1, color: .white)
                }
            }
            raster.strokePolygon(points, color: theme.grid, lineWidth: 1)
        }
    }

    /// Axis lines, ticks, tick labels and names.
    public func drawAxes(into raster: inout Raster, theme: Theme) {
        let font = Font.small
        let centre = screen(Vector3((bounds.x.lowerBound + bounds.x.upperBound) / 2,
                                    (bounds.y.lowerBound + bounds.y.upperBound) / 2,
                                    (bounds.z.lowerBound + bounds.z.upperBound) / 2))
        // Tick labels drawn so far, on every axis: where two axes meet at a corner, or an axis
        // is seen nearly end-on, a label that would touch an earlier one is skipped.
        var placed: [Rect] = []
        for axis in 0..<3 {
            let (start, end) = axisEdge(axis)
            let a = screen(start), b = screen(end)
            raster.line(from: a, to: b, width: 1, color: theme.frame)
            // Outward on screen: from the box centre to the edge's middle.
            var out = Point((a.x + b.x) / 2 - centre.x, (a.y + b.y) / 2 - centre.y)
            if axis == 2 { out = Point(min(-1, out.x), 0) }
            let length = (out.x * out.x + out.y * out.y).squareRoot()
            let unit = length > 0 ? Point(out.x / length, out.y / length) : Point(0, 1)
            let range = self.range(axis)
            let ticks = ProjectionAxisBox.ticks(in: range, count: tickCount)
            let step = ticks.count > 1 ? ticks[1] - ticks[0] : range.upperBound - range.lowerBound
            var farthest = 0.0
            for tick in ticks {
                let p = screen(set(start, axis: axis, tick))
                raster.line(from: p, to: Point(p.x + unit.x * 4, p.y + unit.y * 4), width: 1,
                            color: theme.frame)
                let text = ProjectionAxisBox.tickLabel(tick, step: step)
                let size = Raster.measure(text, font: font)
                // Push the label's centre out far enough that its box clears the tick.
                let reach = 6 + abs(unit.x) * Double(size.width) / 2 + abs(unit.y) * Double(size.height) / 2
                farthest = max(farthest, reach + abs(unit.x) * Double(size.width) / 2
                                   + abs(unit.y) * Double(size.height) / 2)
                let box = Rect(x: p.x + unit.x * reach - Double(size.width) / 2 - 1,
                               y: p.y + unit.y * reach - Double(size.height) / 2,
                               width: Double(size.width) + 2, height: Double(size.height))
                guard !placed.contains(where: { !$0.intersection(box).isEmpty }) else { continue }
                placed.append(box)
                raster.drawText(text, x: p.x + unit.x * reach, y: p.y + unit.y * reach, font: font,
                                color: theme.mutedText, anchor: .center)
            }
            guard names.indices.contains(axis), !names[axis].isEmpty else { continue }
            let middle = Point((a.x + b.x) / 2, (a.y + b.y) / 2)
            let nameSize = Raster.measure(names[axis], font: font)
            let reach = farthest + 4 + abs(unit.x) * Double(nameSize.width) / 2
                + abs(unit.y) * Double(nameSize.height) / 2
            // Kept inside the chart's rectangle (the plot area and its label margins), where a
            // box near an edge pushed "loss" half out of the picture.
            let halfWidth = Double(nameSize.width) / 2 + 1, halfHeight = Double(nameSize.height) / 2
            let nameX = min(max(middle.x + unit.x * reach, projection.originX - 34 + halfWidth),
                            projection.originX + projection.width + 30 - halfWidth)
            let nameY = min(max(middle.y + unit.y * reach, projection.originY - 8 + halfHeight),
                            projection.originY + projection.height + 34 - halfHeight)
            raster.drawText(names[axis], x: nameX, y: nameY, font: font, color: theme.text, anchor: .center)
        }
    }

    /// The part of `rect` the box itself may fill: room is kept for tick labels and names on
    /// the sides where the axes are drawn (left, right, and the bottom — or the top when the
    /// eye is below the floor), only a little elsewhere.
    public static func plotArea(in rect: Rect, camera: Camera) -> Rect {
        let labels = 34.0, slim = 8.0
        let above = camera.elevation >= 0
        return rect.inset(top: above ? slim : labels, left: labels, bottom: above ? labels : slim,
                          right: labels - 4)
    }

    // MARK: Geometry

    private func range(_ axis: Int) -> ClosedRange<Double> {
        axis == 0 ? bounds.x : axis == 1 ? bounds.y : bounds.z
    }

    private func set(_ p: Vector3, axis: Int, _ value: Double) -> Vector3 {
        var q = p
        switch axis {
        case 0: q.x = value
        case 1: q.y = value
        default: q.z = value
        }
        return q
    }

    private func screen(_ p: Vector3) -> Point {
        let s = projection.project(p)
        return Point(s.x, s.y)
    }

    /// The pane perpendicular to `axis` at its low or high end, corners in order round it.
    private func paneCorners(axis: Int, high: Bool) -> [Vector3] {
        let value = high ? range(axis).upperBound : range(axis).lowerBound
        let (u, v) = axis == 0 ? (1, 2) : axis == 1 ? (0, 2) : (0, 1)
        let ru = range(u), rv = range(v)
        return [(ru.lowerBound, rv.lowerBound), (ru.upperBound, rv.lowerBound),
                (ru.upperBound, rv.upperBound), (ru.lowerBound, rv.upperBound)].map { pu, pv in
            set(set(set(.zero, axis: axis, value), axis: u, pu), axis: v, pv)
        }
    }

    /// The box edge an axis is drawn on. x and y run along the floor (the low z pane when the
    /// eye is above, the high one when below) on the side nearest the eye; z runs up the
    /// vertical edge that lands leftmost on screen.
    private func axisEdge(_ axis: Int) -> (Vector3, Vector3) {
        let floor = eye.z >= 0 ? bounds.z.lowerBound : bounds.z.upperBound
        switch axis {
        case 0:
            let y = eye.y >= 0 ? bounds.y.upperBound : bounds.y.lowerBound
            return (Vector3(bounds.x.lowerBound, y, floor), Vector3(bounds.x.upperBound, y, floor))
        case 1:
            let x = eye.x >= 0 ? bounds.x.upperBound : bounds.x.lowerBound
            return (Vector3(x, bounds.y.lowerBound, floor), Vector3(x, bounds.y.upperBound, floor))
        default:
            let candidates = [(bounds.x.lowerBound, bounds.y.lowerBound),
                              (bounds.x.upperBound, bounds.y.lowerBound),
                              (bounds.x.lowerBound, bounds.y.upperBound),
                              (bounds.x.upperBound, bounds.y.upperBound)]
            let leftmost = candidates.min { a, b in
                screen(Vector3(a.0, a.1, bounds.z.lowerBound)).x
                    < screen(Vector3(b.0, b.1, bounds.z.lowerBound)).x
            } ?? candidates[0]
            return (Vector3(leftmost.0, leftmost.1, bounds.z.lowerBound),
                    Vector3(leftmost.0, leftmost.1, bounds.z.upperBound))
        }
    }
}
