import Plots

/// Where a picture goes on screen: the raster size to render and the cells it covers.
public struct ImageLayout: Equatable, Sendable {
    /// The raster to render, in pixels.
    public var pixelWidth: Int
    public var pixelHeight: Int
    /// The cells the picture covers once drawn (rounded up).
    public var columns: Int
    public var rows: Int

    /// A layout of a `pixelWidth` x `pixelHeight` raster covering `columns` x `rows` cells.
    public init(pixelWidth: Int, pixelHeight: Int, columns: Int, rows: Int) {
        self.pixelWidth = pixelWidth
        self.pixelHeight = pixelHeight
        self.columns = columns
        self.rows = rows
    }
}

/// Fits a figure into the terminal window, keeping its aspect ratio.
///
/// Graphics modes: at most the figure's preferred size (rendering bigger costs time on every live
/// frame and adds nothing the figure was designed for), at most `--width`, at most the window's
/// width in pixels, and short enough that the picture plus `reservedRows` text lines (a status
/// line, the prompt) fit on the screen: a live frame taller than the screen would scroll, and
/// in-place replacement needs the frame's top to stay where it was.
/// Text modes: a cell stands for a 1x2 block of square pixels (as the text encoders take it), so
/// the picture takes as many columns as fit both the free columns and the free rows; the raster
/// is rendered at up to `textPixelsPerColumn` pixels per column and the encoder averages it down.
public enum ImageSizing {
    /// Raster pixels rendered per text column: enough detail for braille's 2 dots per column
    /// after averaging, without rendering a big picture that text cannot show.
    public static let textPixelsPerColumn = 8

    /// True for the modes that draw with characters.
    public static func isText(_ mode: GraphicsMode) -> Bool {
        mode == .blocks || mode == .braille || mode == .ascii
    }

    /// The layout for a figure designed at `preferredWidth` x `preferredHeight` pixels.
    public static func fit(preferredWidth: Int, preferredHeight: Int,
                           capabilities: TerminalCapabilities, maxWidth: Int?,
                           reservedRows: Int = 2) -> ImageLayout {
        let designWidth = Double(max(1, preferredWidth))
        let designHeight = Double(max(1, preferredHeight))
        let freeRows = max(1, capabilities.rows - reservedRows)
        if isText(capabilities.mode) {
            let freeColumns = max(1, capabilities.columns - 1)
            let columnsForRows = pixels(Double(freeRows) * 2 * designWidth / designHeight)
            let columns = max(1, min(freeColumns, columnsForRows))
            let rows = max(1, Int((designHeight * Double(columns) / designWidth / 2).rounded()))
            let width = max(columns * 2, min(pixels(designWidth), columns * textPixelsPerColumn))
            let height = max(1, Int((Double(width) * designHeight / designWidth).rounded()))
            return ImageLayout(pixelWidth: width, pixelHeight: height, columns: columns, rows: rows)
        }
        let cellWidth = max(1, capabilities.cellWidth)
        let cellHeight = max(1, capabilities.cellHeight)
        var scale = 1.0
        scale = min(scale, Double(max(1, capabilities.columns) * cellWidth) / designWidth)
        scale = min(scale, Double(freeRows * cellHeight) / designHeight)
        if let maxWidth, maxWidth > 0 { scale = min(scale, Double(maxWidth) / designWidth) }
        if capabilities.mode == .sixel {
            if let limit = capabilities.maxSixelWidth { scale = min(scale, Double(limit) / designWidth) }
            if let limit = capabilities.maxSixelHeight { scale = min(scale, Double(limit) / designHeight) }
        }
        var width = max(1, pixels(designWidth * scale))
        var height = max(1, pixels(designHeight * scale))
        if capabilities.mode == .sixel, height > 6 {
            // Sixel draws in bands of 6 rows; a partial last band is padded by some terminals
            // with the background, which would show as a stripe under the frame.
            let trimmed = height - height % 6
            width = max(1, Int(Double(width) * Double(trimmed) / Double(height)))
            height = trimmed
        }
        return ImageLayout(pixelWidth: width, pixelHeight: height,
                           columns: ceilDivide(width, cellWidth),
                           rows: ceilDivide(height, cellHeight))
    }

    /// Whole pixels of a scaled length; the small epsilon keeps 800 * (80 / 800) at 80.
    private static func pixels(_ length: Double) -> Int {
        Int((length + 1e-6).rounded(.down))
    }

    private static func ceilDivide(_ value: Int, _ divisor: Int) -> Int {
        (value + divisor - 1) / divisor
    }
}
