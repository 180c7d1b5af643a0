extension Scatter3D: TextChart {
    /// The 3D scatter in text: the data box's edges and the plane's outline in braille, seen
    /// through the chart's camera, each point as a marker in its class colour with its label
    /// beside it, and the axis names on the last row.
    public func drawText(into grid: inout CellGrid, in rect: CellRect, style: TextStyle) {
        if let problem {
            MessageChart(problem).drawText(into: &grid, in: rect, style: style)
            return
        }
        guard rect.width >= 6, rect.height >= 3 else { return }
        let rows = rect.height - 1
        var canvas = DotCanvas(columns: rect.width, rows: rows)
        let projection = Projection(camera: camera, bounds: bounds ?? Projection.Bounds(enclosing: points),
                                    originX: 1, originY: 1, width: Double(canvas.dotWidth - 3),
                                    height: Double(canvas.dotHeight - 3))
        let corners = projection.bounds.corners
        let edge: RGBA? = style.color ? TextStyle.muted : nil
        for i in corners.indices {
            for j in corners.indices where j > i {
                let a = corners[i], b = corners[j]
                let same = (a.x == b.x ? 1 : 0) + (a.y == b.y ? 1 : 0) + (a.z == b.z ? 1 : 0)
                guard same == 2 else { continue }
                let p = projection.project(a), q = projection.project(b)
                canvas.line(p.x, p.y, q.x, q.y, color: edge, dashed: true)
            }
        }
        if let plane, plane.isValid {
            let outline = plane.polygon(in: projection.bounds).map { projection.project($0) }
            for k in outline.indices {
                let p = outline[k], q = outline[(k + 1) % outline.count]
                canvas.line(p.x, p.y, q.x, q.y, color: style.color ? RGBA(170, 170, 170) : nil)
            }
        }
        var placed: [(x: Int, y: Int, label: String)] = []
        for (i, point) in points.enumerated() where point.isFinite {
            let s = projection.project(point)
            guard s.x.isFinite, s.y.isFinite else { continue }
            let x = Int(s.x / 2), y = Int(s.y / 4)
            let k = classes.flatMap { i < $0.count ? $0[i] : nil } ?? 0
            canvas.glyph(x, y, ScatterChart.marker(k, style: style), color: style.ink(ClassPalette.color(k)))
            if let label = labels?[diagramSafe: i] { placed.append((x, y, style.text(label))) }
        }
        canvas.draw(into: &grid, x: rect.x, y: rect.y, style: style)
        for (x, y, label) in placed {
            let start = x + 2 + label.count <= rect.width ? x + 2 : max(0, x - 1 - label.count)
            grid.put(label, x: rect.x + start, y: rect.y + y, color: TextStyle.muted)
        }
        let names = axisNames.map(style.text).joined(separator: ", ")
        grid.put(style.text("axes: ") + names + (plane != nil ? style.text(" · gray: the regression plane") : ""),
                 x: rect.x, y: rect.maxY - 1, color: TextStyle.muted, limit: rect.width)
    }
}
