/// A picture ready to be shown: something that draws itself into a raster of a requested size.
///
/// The REPL shows a figure inline; `export` writes it as PNG; a live dashboard is a figure
/// rendered again on every frame.
public struct Figure: Sendable {
    /// The size the figure was designed for, in pixels.
    public var preferredWidth: Int
    public var preferredHeight: Int
    /// Draws the figure at the requested pixel size.
    public var draw: @Sendable (_ width: Int, _ height: Int) -> Raster

    public init(preferredWidth: Int, preferredHeight: Int,
                draw: @escaping @Sendable (_ width: Int, _ height: Int) -> Raster) {
        self.preferredWidth = preferredWidth
        self.preferredHeight = preferredHeight
        self.draw = draw
    }

    /// Renders the figure at `width` x `height` pixels.
    public func render(width: Int, height: Int) -> Raster { draw(width, height) }
    /// Renders the figure at its preferred size.
    public func render() -> Raster { draw(preferredWidth, preferredHeight) }
}
