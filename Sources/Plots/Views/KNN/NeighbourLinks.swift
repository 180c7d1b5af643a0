import Foundation

/// A query and its k nearest neighbours: a line from the query to each neighbour in the
/// neighbour's class colour, a ring around each neighbour, and the query as a large star with a
/// dark outline (filled with the predicted class's colour).
public struct NeighbourLinks: PlotLayer {
    public var query: (x: Double, y: Double)
    /// The neighbours' positions and classes, nearest first.
    public var neighbours: [(x: Double, y: Double, label: Int)]
    /// The class the vote chose.
    public var predicted: Int

    public init(query: (x: Double, y: Double), neighbours: [(x: Double, y: Double, label: Int)], predicted: Int) {
        self.query = query; self.neighbours = neighbours; self.predicted = predicted
    }

    public func bounds(logY: Bool) -> DataBounds? {
        let xs = [query.x] + neighbours.map(\.x), ys = [query.y] + neighbours.map(\.y)
        guard let xLo = xs.min(), let xHi = xs.max(), let yLo = ys.min(), let yHi = ys.max() else { return nil }
        return DataBounds(x: xLo...xHi, y: yLo...yHi, padX: true, padY: true)
    }

    public func draw(into raster: inout Raster, frame: AxesFrame, theme: Theme) {
        let q = frame.point(query.x, query.y)
        for nb in neighbours {
            let p = frame.point(nb.x, nb.y)
            raster.line(from: q, to: p, width: 3, color: theme.text)
            raster.line(from: q, to: p, width: 1.5, color: ClassPalette.color(nb.label))
            raster.strokeCircle(center: p, radius: 8, color: theme.text, lineWidth: 2)
            raster.strokeCircle(center: p, radius: 6, color: ClassPalette.color(nb.label), lineWidth: 2)
        }
        let star = (0..<10).map { i -> Point in
            let angle = Double.pi / 2 + Double(i) * Double.pi / 5
            let r = i % 2 == 0 ? 13.0 : 5.5
            return Point(q.x + r * cos(angle), q.y - r * sin(angle))
        }
        raster.fillPolygon(star, color: ClassPalette.color(predicted))
        raster.strokePolygon(star, color: theme.text, lineWidth: 2)
    }

    public var legendEntries: [LegendEntry] {
        [LegendEntry(label: "query → \(neighbours.count) nearest", color: ClassPalette.color(predicted), swatch: .marker)]
    }
}
