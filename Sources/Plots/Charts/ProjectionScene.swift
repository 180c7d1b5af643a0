/// A painter's-algorithm list of flat shapes produced by a 3D chart: every face, segment and
/// marker carries a depth, and the list is drawn from the farthest to the nearest, so a point
/// behind a surface is covered by it and a point in front covers it.
///
/// Painter's ordering by one depth per shape is exact for the non-intersecting, similar-sized
/// shapes a sampled surface gives, and close enough for paths lying on it (they get a small bias
/// toward the eye so they are drawn over the face they lie on). It is not a z-buffer: two large
/// intersecting polygons can be ordered wrongly, which is why a decision plane is split into
/// small tiles before it goes in.
public struct ProjectionScene: Sendable {
    /// Something flat to draw.
    public enum Shape: Sendable {
        /// A filled polygon with an optional outline (wireframe cells, plane tiles).
        case polygon([Point], fill: RGBA?, stroke: RGBA?, strokeWidth: Double)
        /// A line segment (a piece of a path, an axis edge).
        case segment(Point, Point, color: RGBA, width: Double)
        /// A round marker with an optional outline (scatter points, the end of a path).
        case dot(Point, radius: Double, fill: RGBA, outline: RGBA?)
    }

    /// A shape with its depth (larger is farther) and insertion order, which breaks ties so
    /// the output is deterministic.
    public struct Item: Sendable {
        public var depth: Double
        public var order: Int
        public var shape: Shape
    }

    public private(set) var items: [Item] = []

    /// An empty scene.
    public init() {}

    /// Adds a shape at `depth`; non-finite depths are dropped (they come from non-finite data).
    public mutating func add(_ shape: Shape, depth: Double) {
        guard depth.isFinite else { return }
        items.append(Item(depth: depth, order: items.count, shape: shape))
    }

    /// The shapes from the farthest to the nearest; equal depths keep insertion order.
    public var backToFront: [Item] {
        items.sorted { a, b in a.depth != b.depth ? a.depth > b.depth : a.order < b.order }
    }
}

extension ProjectionScene {
    /// Draws every shape back to front.
    public func draw(into raster: inout Raster) {
        for item in backToFront {
            switch item.shape {
            case .polygon(let points, let fill, let stroke, let width):
                if let fill { raster.fillPolygon(points, color: fill) }
                if let stroke { raster.strokePolygon(points, color: stroke, lineWidth: width) }
            case .segment(let a, let b, let color, let width):
                raster.line(from: a, to: b, width: width, color: color)
            case .dot(let centre, let radius, let fill, let outline):
                if let outline { raster.fillCircle(center: centre, radius: radius + 1, color: outline) }
                raster.fillCircle(center: centre, radius: radius, color: fill)
            }
        }
    }
}
