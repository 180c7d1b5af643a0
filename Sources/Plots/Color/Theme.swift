/// The colours every chart and figure shares: a light theme — dark text on an off-white,
/// fully opaque background — chosen because an opaque light card reads the same on dark and
/// light terminals, and because the colour maps and the class palette were designed for a
/// white page.
public struct Theme: Sendable {
    /// The figure background, behind panels and titles.
    public var background: RGBA
    /// The inside of a plot area.
    public var plotBackground: RGBA
    /// Titles, tick labels, axis labels.
    public var text: RGBA
    /// Secondary text: "no data", value labels on bars.
    public var mutedText: RGBA
    /// The frame around plot areas and the tick marks.
    public var frame: RGBA
    /// Light grid lines behind the data.
    public var grid: RGBA

    /// Creates a theme from its colours.
    public init(background: RGBA, plotBackground: RGBA, text: RGBA, mutedText: RGBA,
                frame: RGBA, grid: RGBA) {
        self.background = background; self.plotBackground = plotBackground
        self.text = text; self.mutedText = mutedText; self.frame = frame; self.grid = grid
    }

    /// nv's theme: dark gray text on a warm off-white card, white plot areas.
    public static let light = Theme(
        background: hex(0xF7F7F4), plotBackground: .white, text: hex(0x222222),
        mutedText: hex(0x6B6B6B), frame: hex(0x555555), grid: hex(0xE3E3E0))
}
