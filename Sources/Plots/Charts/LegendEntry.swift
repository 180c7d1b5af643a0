/// One row of a legend: a swatch and a label.
public struct LegendEntry: Sendable {
    /// How the swatch looks.
    public enum Swatch: Sendable {
        /// A short line, as the series is drawn (with its dash, if any).
        case line(width: Double, dash: [Double]?)
        /// A round marker, as scatter points are drawn.
        case marker
        /// A hollow circle, as ring points (a test set over the filled training points) are drawn.
        case ring
        /// A filled square, as bars are drawn.
        case box
    }

    /// The text (first line only; long labels are cut).
    public var label: String
    /// The swatch colour.
    public var color: RGBA
    /// The swatch shape.
    public var swatch: Swatch

    /// An entry showing `swatch` in `color` next to `label`.
    public init(label: String, color: RGBA, swatch: Swatch) {
        self.label = label; self.color = color; self.swatch = swatch
    }
}
