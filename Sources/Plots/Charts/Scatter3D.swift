/// Points in 3D coloured by class, with an optional translucent plane (the decision plane of
/// a logistic regression over three hidden features, say), inside an axis box seen from a
/// configurable camera.
///
/// Points are drawn back to front; with a plane, the points on the far side of it from the
/// eye are drawn first, then the plane, then the near ones — exact, because a plane splits
/// space in two (see `Scatter3DPlane`).
public struct Scatter3D: Chart {
    public var points: [Vector3]
    /// The class of each point (colour from `ClassPalette`); nil draws all in the first colour.
    public var classes: [Int]?
    /// A short label drawn beside each point ("(0, 1)"); nil for none.
    public var labels: [String]?
    public var plane: Scatter3DPlane?
    /// The plane's fill; translucent so points behind it stay visible, dimmed.
    public var planeColor: RGBA
    public var pointRadius: Double
    /// Thin vertical lines from each point down to the bottom of the box, which make heights
    /// readable in a still picture.
    public var stems: Bool
    public var axisNames: [String]
    public var camera: Camera
    /// The box shown; nil fits the points. Fix it for animations.
    public var bounds: Projection.Bounds?

    /// A scatter of `points`, optionally coloured, labelled and cut by a plane.
    public init(points: [Vector3], classes: [Int]? = nil, labels: [String]? = nil,
                plane: Scatter3DPlane? = nil, planeColor: RGBA = RGBA(90, 90, 90, 80),
                pointRadius: Double = 5, stems: Bool = true,
                axisNames: [String] = ["x", "y", "z"], camera: Camera = Camera(),
                bounds: Projection.Bounds? = nil) {
        self.points = points; self.classes = classes; self.labels = labels; self.plane = plane
        self.planeColor = planeColor; self.pointRadius = pointRadius; self.stems = stems
        self.axisNames = axisNames; self.camera = camera; self.bounds = bounds
    }

    /// What is wrong with the input, in words for the learner, or nil when it can be drawn.
    public var problem: String? {
        if !points.contains(where: \.isFinite) { return "no points with finite coordinates" }
        if let classes, classes.count != points.count {
            return "\(classes.count) classes for \(points.count) points"
        }
        if let labels, labels.count != points.count {
            return "\(labels.count) labels for \(points.count) points"
        }
        return nil
    }

    /// The projection this chart uses inside `rect`.
    public func projection(in rect: Rect) -> Projection {
        let area = ProjectionAxisBox.plotArea(in: rect, camera: camera)
        return Projection(camera: camera, bounds: bounds ?? Projection.Bounds(enclosing: points),
                          originX: area.x, originY: area.y, width: area.width, height: area.height)
    }

    /// Which points lie on the far side of the plane from the eye (all false without a plane).
    public func behindPlane(projection: Projection) -> [Bool] {
        guard let plane, plane.isValid else { return points.map { _ in false } }
        let eyeSide = plane.side(of: projection.eyeInData)
        return points.map { plane.side(of: $0) * eyeSide < 0 }
    }

    /// Draws the chart into `rect`. Invalid input draws its `problem` instead.
    public func draw(into raster: inout Raster, in rect: Rect, theme: Theme = .light) {
        guard ChartMessage.isDrawable(rect) else { return }
        if let problem {
            ChartMessage.draw(problem, into: &raster, in: rect, theme: theme)
            return
        }
        let projection = projection(in: rect)
        let box = ProjectionAxisBox(projection: projection, names: axisNames)
        let behind = behindPlane(projection: projection)
        raster.withClip(rect) { raster in
            box.drawPanes(into: &raster, theme: theme)
            pointScene(projection: projection, selecting: { behind[$0] }).draw(into: &raster)
            if let plane {
                let corners = plane.polygon(in: projection.bounds).map { p -> Point in
                    let s = projection.project(p)
                    return Point(s.x, s.y)
                }
                raster.fillPolygon(corners, color: planeColor)
                var edge = planeColor
                edge.a = UInt8(min(255, Int(planeColor.a) * 2 + 40))
                raster.strokePolygon(corners, color: edge, lineWidth: 1)
            }
            pointScene(projection: projection, selecting: { !behind[$0] }).draw(into: &raster)
            box.drawAxes(into: &raster, theme: theme)
            drawLabels(projection: projection, theme: theme, into: &raster)
        }
    }

    /// The selected points (and their stems) as a depth-sorted scene.
    private func pointScene(projection: Projection, selecting: (Int) -> Bool) -> ProjectionScene {
        var scene = ProjectionScene()
        let floor = projection.bounds.z.lowerBound
        for (i, p) in points.enumerated() where p.isFinite && selecting(i) {
            let s = projection.project(p)
            if stems {
                let base = projection.project(Vector3(p.x, p.y, floor))
                scene.add(.segment(Point(base.x, base.y), Point(s.x, s.y),
                                   color: RGBA(120, 120, 120, 160), width: 1), depth: s.depth)
                scene.add(.dot(Point(base.x, base.y), radius: 1.5, fill: RGBA(120, 120, 120, 160),
                               outline: nil), depth: base.depth)
            }
            let color = ClassPalette.color(classes?[i] ?? 0)
            scene.add(.dot(Point(s.x, s.y), radius: pointRadius, fill: color, outline: .white),
                      depth: s.depth)
        }
        return scene
    }

    /// Where each label goes (nil for none). Every marker is an obstacle; each label takes
    /// the first corner around its point (upper right, lower right, upper left, lower left)
    /// that touches no marker and no label placed before it, or the upper right when all are
    /// taken.
    func labelBoxes(projection: Projection) -> [Rect?] {
        guard let labels else { return [] }
        let font = Font.small
        let screen = points.map { p -> Point? in
            guard p.isFinite else { return nil }
            let s = projection.project(p)
            return Point(s.x, s.y)
        }
        var taken: [Rect] = screen.compactMap { $0 }.map { c in
            Rect(x: c.x - pointRadius, y: c.y - pointRadius, width: 2 * pointRadius,
                 height: 2 * pointRadius)
        }
        return labels.enumerated().map { index, text -> Rect? in
            guard !text.isEmpty, let c = screen[diagramSafe: index] ?? nil else { return nil }
            let size = Raster.measure(text, font: font)
            let w = Double(size.width), h = Double(size.height)
            let offset = pointRadius + 2
            let candidates = [Rect(x: c.x + offset, y: c.y - offset - h, width: w, height: h),
                              Rect(x: c.x + offset, y: c.y + offset, width: w, height: h),
                              Rect(x: c.x - offset - w, y: c.y - offset - h, width: w, height: h),
                              Rect(x: c.x - offset - w, y: c.y + offset, width: w, height: h)]
            let chosen = candidates.first { box in
                !taken.contains { !$0.intersection(box).isEmpty }
            } ?? candidates[0]
            taken.append(chosen)
            return chosen
        }
    }

    private func drawLabels(projection: Projection, theme: Theme, into raster: inout Raster) {
        guard let labels else { return }
        for (text, box) in zip(labels, labelBoxes(projection: projection)) {
            guard let box else { continue }
            raster.drawText(text, x: box.x, y: box.y, font: .small, color: theme.text,
                            anchor: .topLeft)
        }
    }
}
