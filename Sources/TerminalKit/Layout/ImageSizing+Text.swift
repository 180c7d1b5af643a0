import Plots

extension ImageSizing {
    /// The cells a text-form figure takes: its preferred cells (8 x 16 px each), at most the
    /// window's columns minus one (a full line would wrap on some terminals), at most `--width`
    /// (in the same 8 px cells), and short enough that `reservedRows` lines fit under it. Text
    /// figures lay themselves out at any size, so width and height are fitted separately.
    public static func fitText(preferredColumns: Int, preferredRows: Int, capabilities: TerminalCapabilities,
                               maxWidth: Int?, reservedRows: Int = 2) -> ImageLayout {
        var columns = min(max(1, preferredColumns), max(1, capabilities.columns - 1))
        if let maxWidth, maxWidth > 0 { columns = min(columns, max(1, maxWidth / Figure.textCellWidth)) }
        let rows = min(max(1, preferredRows), max(1, capabilities.rows - reservedRows))
        return ImageLayout(pixelWidth: columns * Figure.textCellWidth, pixelHeight: rows * Figure.textCellHeight,
                           columns: columns, rows: rows)
    }

    /// What text views may use in this terminal, and how colours are written: ASCII mode and
    /// no-colour terminals get no escape sequences at all.
    public static func textStyle(_ capabilities: TerminalCapabilities) -> (TextStyle, TextColors) {
        if capabilities.mode == .ascii { return (.ascii, .none) }
        switch capabilities.colors {
        case .trueColor: return (.color, .trueColor)
        case .palette256: return (.color, .palette256)
        case .none: return (.monochrome, .none)
        }
    }
}
