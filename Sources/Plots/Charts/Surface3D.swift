/// A surface z = f(x, y) sampled on a grid, drawn in 3D — shaded (colour by height times
/// Lambert light) or as a hidden-line wireframe — with an optional path on it (a gradient
/// descent trajectory: a polyline of (x, y, z) points with a marker at its end), inside an
/// axis box with ticks and axis names, seen from a configurable camera.
///
/// Faces, path pieces and markers are sorted by depth and drawn back to front, so a part of
/// the path behind a hill is hidden by the hill.
public struct Surface3D: Chart {
    /// How the faces are drawn.
    public enum Style: Sendable {
        /// Filled faces: colormap by height, darkened by Lambert shading.
        case shaded
        /// Grid lines coloured by height; faces filled with the plot background so lines
        /// behind the surface are hidden.
        case wireframe
    }

    /// Grid coordinates along x (nx values) and y (ny values).
    public var xs: [Double]
    public var ys: [Double]
    /// z: [ny, nx] — the height at (xs[i], ys[j]) is `z[j][i]`. Non-finite heights leave holes.
    public var z: [[Double]]
    public var style: Style
    public var colormap: Colormap
    /// The path drawn on (or above) the surface, in data coordinates; empty for none.
    public var path: [Vector3]
    public var pathColor: RGBA
    /// Names of the x, y and z axes.
    public var axisNames: [String]
    public var camera: Camera
    public var lighting: Surface3DLighting
    /// The box shown; nil fits the grid and the path. Fix it for animations so the frame
    /// does not move.
    public var bounds: Projection.Bounds?
    /// Opacity of shaded faces (0.1...1): below 1 the path and the far side show through, as
    /// in matplotlib's `plot_surface(alpha=...)`.
    public var opacity: Double = 1
    /// Shaded faces get thin darker edges, so a flat region (a plateau, one colour under the
    /// light) still shows its grid and its shape.
    public var meshLines = false
    /// A small legend names the path's end markers ("start", a ring; "end", a filled dot), for
    /// a path whose start does not explain itself (one that floats off the surface).
    public var pathLegend = false

    /// A surface from sampled heights `z[j][i]` at `(xs[i], ys[j])`.
    public init(xs: [Double], ys: [Double], z: [[Double]], style: Style = .shaded,
                colormap: Colormap = .viridis, path: [Vector3] = [],
                pathColor: RGBA = hex(0xD55E00), axisNames: [String] = ["x", "y", "z"],
                camera: Camera = Camera(), lighting: Surface3DLighting = Surface3DLighting(),
                bounds: Projection.Bounds? = nil) {
        self.xs = xs; self.ys = ys; self.z = z; self.style = style; self.colormap = colormap
        self.path = path; self.pathColor = pathColor; self.axisNames = axisNames
        self.camera = camera; self.lighting = lighting; self.bounds = bounds
    }

    /// The surface of `function` sampled `samples` x `samples` times over the two ranges
    /// (samples clamped to 2...200).
    public init(x: ClosedRange<Double>, y: ClosedRange<Double>, samples: Int = 30,
                style: Style = .shaded, function: (Double, Double) -> Double) {
        let n = min(200, max(2, samples))
        let xs = (0..<n).map { x.lowerBound + (x.upperBound - x.lowerBound) * Double($0) / Double(n - 1) }
        let ys = (0..<n).map { y.lowerBound + (y.upperBound - y.lowerBound) * Double($0) / Double(n - 1) }
        self.init(xs: xs, ys: ys, z: ys.map { yv in xs.map { xv in function(xv, yv) } }, style: style)
    }

    /// What is wrong with the input, in words for the learner, or nil when it can be drawn.
    public var problem: String? {
        if xs.count < 2 || ys.count < 2 {
            return "a surface needs at least 2x2 grid points, got \(xs.count)x\(ys.count)"
        }
        if z.count != ys.count {
            return "z has \(z.count) rows, expected \(ys.count) (one per y value)"
        }
        if let row = z.firstIndex(where: { $0.count != xs.count }) {
            return "z row \(row) has \(z[row].count) values, expected \(xs.count) (one per x value)"
        }
        if !xs.allSatisfy(\.isFinite) || !ys.allSatisfy(\.isFinite) {
            return "grid coordinates must be finite numbers"
        }
        if !z.contains(where: { $0.contains(where: \.isFinite) }) {
            return "no finite heights to draw"
        }
        return nil
    }

    /// The box that holds the grid and the path.
    public var fittedBounds: Projection.Bounds {
        var points: [Vector3] = path
        for (j, row) in z.enumerated() where j < ys.count {
            for (i, value) in row.enumerated() where i < xs.count {
                points.append(Vector3(xs[i], ys[j], value))
            }
        }
        return Projection.Bounds(enclosing: points)
    }

    /// The projection this chart uses inside `rect`.
    /// In a wide rectangle the box is drawn flatter (its height down to half its width), so
    /// the surface fills the width instead of a square in the middle.
    public func projection(in rect: Rect) -> Projection {
        let area = ProjectionAxisBox.plotArea(in: rect, camera: camera)
        let wide = area.width / max(area.height, 1)
        let height = min(0.75, max(0.5, 0.75 * 1.4 / max(wide, 1e-9)))
        return Projection(camera: camera, bounds: bounds ?? fittedBounds, boxAspect: Vector3(1, 1, height),
                          originX: area.x, originY: area.y, width: area.width, height: area.height)
    }

    /// The depth-sorted scene: faces, path pieces and the end markers.
    public func scene(projection: Projection, theme: Theme = .light) -> ProjectionScene {
        var scene = ProjectionScene()
        let mesh = Surface3DMesh(xs: xs, ys: ys, z: z, projection: projection)
        var depthExtent = 0.0
        for quad in mesh.quads {
            let corners = quad.corners.map(projection.project)
            let depths = corners.map(\.depth)
            depthExtent += (depths.max() ?? 0) - (depths.min() ?? 0)
            let points = corners.map { Point($0.x, $0.y) }
            let base = colormap.color(at: quad.heightFraction)
            switch style {
            case .shaded:
                let color = Surface3DLighting.shade(
                    base, by: lighting.intensity(normal: quad.sceneNormal, camera: projection.camera))
                // Neighbouring anti-aliased faces each cover a shared edge partly, so the
                // background would show through as hairlines; pushing every corner 0.5 px away
                // from the face's centre closes them (depth order decides the overlap).
                var fill = color
                fill.a = UInt8((255 * min(1, max(0.1, opacity))).rounded())
                var edge = Surface3DLighting.shade(color, by: 0.6)
                edge.a = 110
                // Translucent faces are not grown: overlapping edges would show twice as dark.
                scene.add(.polygon(opacity < 1 ? points : Surface3D.grown(points, by: 0.5), fill: fill,
                                   stroke: meshLines ? edge : nil, strokeWidth: meshLines ? 0.7 : 0),
                          depth: depths.reduce(0, +) / 4)
            case .wireframe:
                scene.add(.polygon(points, fill: theme.plotBackground, stroke: base, strokeWidth: 1),
                          depth: depths.reduce(0, +) / 4)
            }
        }
        // A path on the surface is drawn over the face it lies on: half a face's depth span
        // toward the eye is enough for that and too little to show through a hill.
        let bias = mesh.quads.isEmpty ? 0 : 0.5 * depthExtent / Double(mesh.quads.count)
        addPath(to: &scene, projection: projection, bias: bias)
        return scene
    }

    /// The polygon with each corner moved `pixels` further from the centroid.
    static func grown(_ points: [Point], by pixels: Double) -> [Point] {
        let n = Double(points.count)
        let cx = points.reduce(0) { $0 + $1.x } / n, cy = points.reduce(0) { $0 + $1.y } / n
        return points.map { p in
            let dx = p.x - cx, dy = p.y - cy
            let length = (dx * dx + dy * dy).squareRoot()
            guard length > 1e-9 else { return p }
            return Point(p.x + dx / length * pixels, p.y + dy / length * pixels)
        }
    }

    private func addPath(to scene: inout ProjectionScene, projection: Projection, bias: Double) {
        let points = path.filter(\.isFinite)
        guard let last = points.last else { return }
        // Long steps are cut into pieces about a quarter of a grid cell long, so each piece's
        // depth is local and hills between the ends can hide the middle.
        let cellX = (xs.last.map { $0 - (xs.first ?? 0) } ?? 1) / Double(max(1, xs.count - 1))
        let cellY = (ys.last.map { $0 - (ys.first ?? 0) } ?? 1) / Double(max(1, ys.count - 1))
        let pieceLength = max(1e-12, 0.25 * min(abs(cellX), abs(cellY)))
        let width = 2.0
        for (a, b) in zip(points, points.dropFirst()) {
            let length = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
            let wanted = (length / pieceLength).rounded(.up)
            let pieces = wanted.isFinite ? Int(min(400, max(1, wanted))) : 1
            var previous = projection.project(a)
            for k in 1...pieces {
                let t = Double(k) / Double(pieces)
                let next = projection.project(a + t * (b - a))
                scene.add(.segment(Point(previous.x, previous.y), Point(next.x, next.y),
                                   color: pathColor, width: width),
                          depth: min(previous.depth, next.depth) - bias)
                previous = next
            }
        }
        // With a legend the markers are named, so they must be seen: drawn over everything,
        // even where a hill in front hides that part of the path.
        let front = -Double.greatestFiniteMagnitude
        if let first = points.first, points.count > 1 {
            let start = projection.project(first)
            scene.add(.dot(Point(start.x, start.y), radius: 2.5, fill: .white, outline: pathColor),
                      depth: pathLegend ? front : start.depth - bias)
        }
        let end = projection.project(last)
        scene.add(.dot(Point(end.x, end.y), radius: 4, fill: pathColor, outline: .white),
                  depth: pathLegend ? front : end.depth - 2 * bias)
    }

    /// Draws the chart into `rect`. Invalid input draws its `problem` instead.
    public func draw(into raster: inout Raster, in rect: Rect, theme: Theme = .light) {
        guard ChartMessage.shouldDraw(problem: problem, into: &raster, in: rect, theme: theme) else { return }
        let projection = projection(in: rect)
        let box = ProjectionAxisBox(projection: projection, names: axisNames)
        raster.withClip(rect) { raster in
            box.drawPanes(into: &raster, theme: theme)
            scene(projection: projection, theme: theme).draw(into: &raster)
            box.drawAxes(into: &raster, theme: theme)
            if pathLegend, path.filter(\.isFinite).count > 1 {
                let entries = [LegendEntry(label: "start", color: pathColor, swatch: .ring),
                               LegendEntry(label: "end", color: pathColor, swatch: .marker)]
                let corner = Legend.emptiestCorner(for: entries, in: raster, plotArea: rect, theme: theme)
                Legend.draw(entries, into: &raster, plotArea: rect, corner: corner, theme: theme)
            }
        }
    }
}
