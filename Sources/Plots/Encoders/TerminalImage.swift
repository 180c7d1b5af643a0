/// A raster encoded for one graphics mode: the bytes to write, and how many terminal rows the
/// picture covers (what the display needs to reserve space, move up, and land the prompt below).
///
/// This is the one entry point the terminal display needs:
/// ```
/// let image = TerminalImage(raster, mode: .sixel, options: .init(columns: 100, cellHeight: 20))
/// write(image.bytes)            // escape sequences, or text lines joined by "\r\n"
/// // image.rows: rows covered; image.lines: the text lines for text modes
/// ```
/// It writes no cursor movement, no synchronized-output brackets and no trailing newline: the
/// display adds those, because they depend on the frame (first or replacement) and the terminal.
public struct TerminalImage: Sendable {
    /// Everything the encoders can be told, with defaults that suit an interactive terminal.
    public struct Options: Sendable {
        /// Width in terminal columns: the text modes render exactly this wide; kitty is told to
        /// scale the image to it (`c=`) when `scaleToColumns` is on.
        public var columns: Int
        /// Pixel height of a terminal cell, to count the rows a pixel image covers; nil when
        /// unknown (then `rows` is nil for the pixel protocols).
        public var cellHeight: Int?
        /// Pixel width of a terminal cell, for the rows of a kitty image scaled to `columns`.
        public var cellWidth: Int?
        /// Ask kitty to scale the image to `columns` wide (`c=` only: kitty derives the rows from
        /// the aspect ratio, so the image is never stretched).
        public var scaleToColumns: Bool
        /// kitty image id; re-use it for in-place animation.
        public var kittyImageID: UInt32
        /// kitty placement id; re-use it for in-place animation.
        public var kittyPlacementID: UInt32
        /// How kitty pixels travel.
        public var kittyFormat: KittyEncoder.Format
        /// Sixel colour registers to use (2...256).
        public var sixelColors: Int
        /// 24-bit or 256 colours for the half blocks.
        public var blockPalette: HalfBlockEncoder.Palette
        /// Colour the braille cells.
        public var brailleColored: Bool
        /// Wrap graphics sequences in tmux passthrough.
        public var tmux: Bool
        /// What transparent pixels become where a mode cannot show transparency.
        public var background: RGBA

        /// Options with the given choices.
        public init(columns: Int = 80, cellHeight: Int? = nil, cellWidth: Int? = nil, scaleToColumns: Bool = false,
                    kittyImageID: UInt32 = 1, kittyPlacementID: UInt32 = 1,
                    kittyFormat: KittyEncoder.Format = KittyEncoder.Options().format,
                    sixelColors: Int = 256, blockPalette: HalfBlockEncoder.Palette = .trueColor,
                    brailleColored: Bool = true, tmux: Bool = false, background: RGBA = .white) {
            self.columns = max(columns, 1)
            self.cellHeight = cellHeight.map { max($0, 1) }
            self.cellWidth = cellWidth.map { max($0, 1) }
            self.scaleToColumns = scaleToColumns
            self.kittyImageID = kittyImageID
            self.kittyPlacementID = kittyPlacementID
            self.kittyFormat = kittyFormat
            self.sixelColors = sixelColors
            self.blockPalette = blockPalette
            self.brailleColored = brailleColored
            self.tmux = tmux
            self.background = background
        }
    }

    /// The bytes to write to the terminal.
    public let bytes: [UInt8]
    /// Terminal rows covered, if known.
    public let rows: Int?
    /// For text modes, the lines (without line ends); nil for pixel protocols.
    public let lines: [String]?

    /// Encodes `raster` for `mode`. `.auto` and `.none` produce no bytes and no rows: the caller
    /// resolves `.auto` by detection first, and `.none` shows nothing.
    public init(_ raster: Raster, mode: GraphicsMode, options: Options = Options()) {
        let pixelRows = options.cellHeight.map { (raster.height + $0 - 1) / $0 }
        switch mode {
        case .auto, .none:
            self.init(bytes: [], rows: nil, lines: nil)
        case .kitty:
            var rows = pixelRows
            if options.scaleToColumns {
                // Scaled height in pixels over the cell height; without cell sizes, assume 1:2 cells.
                if let cellWidth = options.cellWidth, let cellHeight = options.cellHeight, raster.width > 0 {
                    let scaledHeight = raster.height * options.columns * cellWidth / raster.width
                    rows = max((scaledHeight + cellHeight - 1) / cellHeight, 1)
                } else {
                    rows = TextGrid.rows(for: raster, columns: options.columns)
                }
            }
            let kitty = KittyEncoder.Options(imageID: options.kittyImageID, placementID: options.kittyPlacementID,
                                             format: options.kittyFormat,
                                             columns: options.scaleToColumns ? options.columns : nil,
                                             keepCursor: true, tmux: options.tmux)
            self.init(bytes: KittyEncoder.encode(raster, options: kitty), rows: rows, lines: nil)
        case .sixel:
            let sixel = SixelEncoder.Options(maxColors: options.sixelColors, background: options.background,
                                             tmux: options.tmux)
            self.init(bytes: SixelEncoder.encode(raster, options: sixel), rows: pixelRows, lines: nil)
        case .iterm:
            self.init(bytes: ITermEncoder.encode(raster, options: .init(tmux: options.tmux)), rows: pixelRows, lines: nil)
        case .blocks:
            self.init(lines: HalfBlockEncoder.encode(raster, columns: options.columns, palette: options.blockPalette,
                                                     background: options.background))
        case .braille:
            self.init(lines: BrailleEncoder.encode(raster, columns: options.columns, colored: options.brailleColored))
        case .ascii:
            self.init(lines: AsciiEncoder.encode(raster, columns: options.columns, background: options.background))
        }
    }

    init(bytes: [UInt8], rows: Int?, lines: [String]?) {
        self.bytes = bytes
        self.rows = rows
        self.lines = lines
    }

    /// Text lines joined with CR LF (correct in raw mode and in cooked mode alike).
    init(lines: [String]) {
        self.init(bytes: Array(lines.joined(separator: "\r\n").utf8), rows: lines.count, lines: lines)
    }
}
