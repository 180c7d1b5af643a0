/// Renders a raster as text with the upper half block `▀`: each cell shows two pixels, the top one
/// as the foreground colour and the bottom one as the background colour. Colour codes are only
/// written when they change along a line, and every line ends with a reset (`ESC[0m`).
public enum HalfBlockEncoder {
    /// Which colour codes to use.
    public enum Palette: Equatable, Sendable {
        /// 24-bit `ESC[38;2;r;g;bm`, for terminals where `COLORTERM` is truecolor / 24bit.
        case trueColor
        /// The xterm 256-colour palette `ESC[38;5;nm`, nearest colour of the cube or gray ramp.
        case xterm256
    }

    /// The lines (without newlines) showing `raster` `columns` cells wide; the row count follows
    /// from the aspect ratio (`TextGrid.rows`). Transparent pixels show `background`.
    public static func encode(_ raster: Raster, columns: Int, palette: Palette = .trueColor,
                              background: RGBA = .white) -> [String] {
        let columns = TextGrid.clampColumns(columns)
        let rows = TextGrid.rows(for: raster, columns: columns)
        guard raster.width > 0 && raster.height > 0 else { return Array(repeating: "", count: rows) }
        let grid = AreaSampler(raster, width: columns, height: rows * 2, background: background)
        var lines: [String] = []
        lines.reserveCapacity(rows)
        for row in 0..<rows {
            var out = ByteWriter(capacity: columns * 40)
            var lastTop: RGBA?, lastBottom: RGBA?
            for x in 0..<columns {
                var top = grid.color(x: x, y: 2 * row), bottom = grid.color(x: x, y: 2 * row + 1)
                if palette == .xterm256 {
                    top = XTerm256.color(XTerm256.nearest(top))
                    bottom = XTerm256.color(XTerm256.nearest(bottom))
                }
                if top != lastTop {
                    if palette == .trueColor { TextGrid.appendTrueColor(38, top, to: &out) }
                    else { TextGrid.appendIndexed(38, XTerm256.nearest(top), to: &out) }
                    lastTop = top
                }
                if bottom != lastBottom {
                    if palette == .trueColor { TextGrid.appendTrueColor(48, bottom, to: &out) }
                    else { TextGrid.appendIndexed(48, XTerm256.nearest(bottom), to: &out) }
                    lastBottom = bottom
                }
                out.append("▀")
            }
            TextGrid.appendReset(to: &out)
            lines.append(String(decoding: out.bytes, as: UTF8.self))
        }
        return lines
    }
}
