/// A colour scale a layer shows beside the axes as a colour bar.
public struct ColorScale: Sendable {
    /// The map the layer colours with.
    public var colormap: Colormap
    /// The data values at the map's two ends.
    public var range: ClosedRange<Double>
    /// Written beside the bar, reading upwards; nil for none.
    public var label: String?

    /// A scale from `range` through `colormap`.
    public init(colormap: Colormap, range: ClosedRange<Double>, label: String? = nil) {
        self.colormap = colormap; self.range = range; self.label = label
    }
}
