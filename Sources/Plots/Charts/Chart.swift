/// Anything that draws itself into a rectangle of a raster: an axes with its layers, a bar
/// chart, an image grid, a network diagram. A `Figure` panel holds one.
///
/// Implementations draw only inside `rect` (set a clip if in doubt), take every colour from
/// `theme` or a colormap/palette, and never crash on bad data: they draw "no data" or gaps.
public protocol Chart: Sendable {
    /// Draws the chart into `rect` of `raster`.
    func draw(into raster: inout Raster, in rect: Rect, theme: Theme)
}

/// One thing drawn on an `Axes`: lines, scatter points, a heatmap, histogram bars. Several
/// layers share the axes' scales, so a heatmap and a scatter compose into a decision boundary.
public protocol PlotLayer: Sendable {
    /// The data's extent, or nil when the layer has nothing finite to show.
    func bounds(logY: Bool) -> DataBounds?
    /// Draws the layer; `frame` maps data to pixels. The raster's clip is the plot area.
    func draw(into raster: inout Raster, frame: AxesFrame, theme: Theme)
    /// What the legend shows for this layer (empty for none).
    var legendEntries: [LegendEntry] { get }
    /// The colour scale to show as a colour bar beside the axes, if the layer has one.
    var colorScale: ColorScale? { get }
}

extension PlotLayer {
    /// No legend entries unless the layer says otherwise.
    public var legendEntries: [LegendEntry] { [] }
    /// No colour bar unless the layer says otherwise.
    public var colorScale: ColorScale? { nil }
}
