/// Which point of a text's box sits at the (x, y) given to `drawText`.
///
/// The box is the text's own frame: `width` = widest line, `height` = lines x line height.
/// `baseline` is the first line's baseline. With rotated text the anchor names the same point
/// of the text's frame, turned with it.
public struct TextAnchor: Equatable, Sendable {
    /// Where along a line the anchor sits.
    public enum Horizontal: Sendable { case left, center, right }
    /// Where across the lines the anchor sits.
    public enum Vertical: Sendable { case top, middle, baseline, bottom }

    public var horizontal: Horizontal
    public var vertical: Vertical

    /// The anchor at `horizontal` along the lines and `vertical` across them.
    public init(_ horizontal: Horizontal, _ vertical: Vertical) {
        self.horizontal = horizontal; self.vertical = vertical
    }

    /// The nine box points, plus the left end of the first baseline.
    public static let topLeft = TextAnchor(.left, .top)
    public static let top = TextAnchor(.center, .top)
    public static let topRight = TextAnchor(.right, .top)
    public static let left = TextAnchor(.left, .middle)
    public static let center = TextAnchor(.center, .middle)
    public static let right = TextAnchor(.right, .middle)
    public static let bottomLeft = TextAnchor(.left, .bottom)
    public static let bottom = TextAnchor(.center, .bottom)
    public static let bottomRight = TextAnchor(.right, .bottom)
    public static let baselineLeft = TextAnchor(.left, .baseline)
}

/// The direction text reads in.
public enum TextRotation: Sendable {
    /// Left to right.
    case none
    /// Bottom to top (turned 90° counter-clockwise): y-axis labels on the left.
    case up
    /// Top to bottom (turned 90° clockwise).
    case down
}
