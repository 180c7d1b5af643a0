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
    /// Draws the figure with terminal characters at `columns` x `rows` cells, for the text
    /// modes; nil for a figure that is only a picture (`renderText` then reduces its raster).
    public var drawText: (@Sendable (_ columns: Int, _ rows: Int, _ style: TextStyle) -> CellGrid)?

    public init(preferredWidth: Int, preferredHeight: Int,
                draw: @escaping @Sendable (_ width: Int, _ height: Int) -> Raster,
                drawText: (@Sendable (_ columns: Int, _ rows: Int, _ style: TextStyle) -> CellGrid)? = nil) {
        self.preferredWidth = preferredWidth
        self.preferredHeight = preferredHeight
        self.draw = draw
        self.drawText = drawText
    }

    /// Renders the figure at `width` x `height` pixels.
    public func render(width: Int, height: Int) -> Raster { draw(width, height) }
    /// Renders the figure at its preferred size.
    public func render() -> Raster { draw(preferredWidth, preferredHeight) }
}

extension Figure {
    /// The smallest and largest side, in pixels, that figures built here render at; requested
    /// sizes outside 16...4096 are clamped (a 0 or 10^6 px request gets a usable picture).
    public static let sideLimits = 16...4096

    /// `width` x `height` clamped to `sideLimits`.
    public static func clampedSize(width: Int, height: Int) -> (width: Int, height: Int) {
        (min(max(width, sideLimits.lowerBound), sideLimits.upperBound),
         min(max(height, sideLimits.lowerBound), sideLimits.upperBound))
    }

    /// A figure of titled panels in a `rows` x `columns` grid (≤ 0 picks a near-square grid),
    /// with an optional overall title, on the theme's opaque background. It renders at any
    /// requested size (clamped to `sideLimits`) by laying the grid out again.
    public static func grid(rows: Int = 0, columns: Int = 0, panels: [Panel], title: String? = nil,
                            width: Int = 960, height: Int = 600, theme: Theme = .light) -> Figure {
        let (w, h) = clampedSize(width: width, height: height)
        var figure = Figure(preferredWidth: w, preferredHeight: h) { requestedWidth, requestedHeight in
            let (width, height) = clampedSize(width: requestedWidth, height: requestedHeight)
            var raster = Raster(width: width, height: height, fill: theme.background)
            let layout = GridLayout(width: width, height: height, rows: rows, columns: columns,
                                    panels: panels, hasTitle: title != nil)
            drawPanels(panels, layout: layout, title: title, theme: theme, into: &raster)
            return raster
        }
        figure.drawText = { textColumns, textRows, style in
            textGrid(columns: textColumns, rows: textRows, gridRows: rows, gridColumns: columns, panels: panels,
                     title: title, style: style)
        }
        return figure
    }

    /// A figure holding one chart, with an optional title.
    public static func single(_ chart: any Chart, title: String? = nil, width: Int = 640,
                              height: Int = 420, theme: Theme = .light) -> Figure {
        grid(rows: 1, columns: 1, panels: [Panel(chart)], title: title, width: width, height: height,
             theme: theme)
    }

    /// A title centred in `band` in the large font, cut with "…" to the band's width.
    static func drawTitle(_ text: String, in band: Rect, into raster: inout Raster, theme: Theme) {
        let columns = max(1, Int(band.width) / Font.large.cellWidth)
        raster.withClip(band) { raster in
            raster.drawText(Legend.truncated(text, columns: columns), x: band.midX, y: band.midY,
                            font: .large, color: theme.text, anchor: .center)
        }
    }
}
