/// Centroids with the paths they took: each cluster's trail as a line through its past
/// positions (a small dot at each), and the current centroid as a large cross in the cluster
/// colour with a dark outline, so it reads over its own points and the shaded cells.
public struct CentroidTrails: PlotLayer {
    /// trails[j]: the positions of centroid j, oldest first; the last is the current one.
    public var trails: [[(x: Double, y: Double)]]
    /// The cross's half size in pixels.
    public var size: Double

    /// Trails and current positions; every trail needs at least one point.
    public init(trails: [[(x: Double, y: Double)]], size: Double = 7) {
        self.trails = trails; self.size = size
    }

    public func bounds(logY: Bool) -> DataBounds? {
        let all = trails.flatMap { $0 }.filter { $0.x.isFinite && $0.y.isFinite }
        guard let xLo = all.map(\.x).min(), let xHi = all.map(\.x).max(),
              let yLo = all.map(\.y).min(), let yHi = all.map(\.y).max() else { return nil }
        return DataBounds(x: xLo...xHi, y: yLo...yHi, padX: true, padY: true)
    }

    public func draw(into raster: inout Raster, frame: AxesFrame, theme: Theme) {
        for (j, trail) in trails.enumerated() {
            let color = ClassPalette.color(j)
            let points = trail.map { frame.point($0.x, $0.y) }.filter(\.isFinite)
            if points.count > 1 {
                raster.polyline(points, width: 3.5, color: theme.text)
                raster.polyline(points, width: 2, color: color)
                for p in points.dropLast() { raster.fillCircle(center: p, radius: 2.2, color: theme.text) }
            }
            guard let last = points.last else { continue }
            Self.cross(at: last, size: size, color: color, outline: theme.text, into: &raster)
        }
    }

    /// A plus-shaped cross: the outline drawn wider underneath, then the colour.
    static func cross(at p: Point, size: Double, color: RGBA, outline: RGBA, into raster: inout Raster) {
        for (width, ink) in [(size * 0.75, outline), (size * 0.42, color)] {
            raster.line(from: Point(p.x - size, p.y), to: Point(p.x + size, p.y), width: width, color: ink)
            raster.line(from: Point(p.x, p.y - size), to: Point(p.x, p.y + size), width: width, color: ink)
        }
    }

    public var legendEntries: [LegendEntry] {
        [LegendEntry(label: "centroid + trail", color: RGBA(34, 34, 34), swatch: .line(width: 2, dash: nil))]
    }
}
