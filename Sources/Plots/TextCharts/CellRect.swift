/// A rectangle of terminal cells: `x`, `y` of the top-left cell, `width` columns, `height` rows.
public struct CellRect: Equatable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    /// A rectangle of cells; negative sizes count as empty.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y; self.width = max(0, width); self.height = max(0, height)
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width <= 0 || height <= 0 }

    /// The rectangle with `top`, `left`, `bottom` and `right` cells taken off its sides.
    public func inset(top: Int = 0, left: Int = 0, bottom: Int = 0, right: Int = 0) -> CellRect {
        CellRect(x: x + left, y: y + top, width: width - left - right, height: height - top - bottom)
    }
}
