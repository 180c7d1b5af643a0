/// A rectangle of whole pixels, half-open: columns `minX..<maxX`, rows `minY..<maxY`.
public struct PixelBox: Equatable, Hashable, Sendable {
    public var minX: Int
    public var minY: Int
    public var maxX: Int
    public var maxY: Int

    /// The box of columns minX..<maxX and rows minY..<maxY.
    public init(minX: Int, minY: Int, maxX: Int, maxY: Int) {
        self.minX = minX; self.minY = minY; self.maxX = maxX; self.maxY = maxY
    }

    /// True when the box holds no pixel.
    public var isEmpty: Bool { maxX <= minX || maxY <= minY }
}

/// Converts a coordinate to an Int, clamped to `lo...hi`; NaN goes to `lo`. Drawing code uses
/// it so that absurd coordinates (1e300, infinity) never trap in `Int(_:)`.
@inline(__always)
func clampedInt(_ value: Double, _ lo: Int, _ hi: Int) -> Int {
    if !(value > Double(lo)) { return lo }
    if value >= Double(hi) { return hi }
    return Int(value)
}
