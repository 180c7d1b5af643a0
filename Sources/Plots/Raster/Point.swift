/// A point in raster coordinates: x to the right, y down, in pixels. Pixel (i, j) covers
/// [i, i+1) x [j, j+1), so its centre is at (i + 0.5, j + 0.5).
public struct Point: Equatable, Hashable, Sendable {
    public var x: Double
    public var y: Double

    /// The point (x, y).
    public init(_ x: Double, _ y: Double) { self.x = x; self.y = y }
    public init(x: Double, y: Double) { self.x = x; self.y = y }

    /// True when both coordinates are finite (NaN and infinity mark gaps in polylines).
    public var isFinite: Bool { x.isFinite && y.isFinite }
}
