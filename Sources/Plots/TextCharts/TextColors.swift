/// How `CellGrid.lines(colors:)` writes colours: 24-bit, the xterm 256-colour palette, or not
/// at all (ASCII, `NO_COLOR`, `TERM=dumb`: then the lines hold no escape sequence).
public enum TextColors: Sendable {
    case trueColor
    case palette256
    case none
}

extension CellGrid {
    /// The grid as lines of text (no newlines) for a terminal: SGR codes only where the
    /// foreground, background or weight changes along a line, and a reset at the end of any
    /// line that set one, so nothing leaks into the next line or the prompt.
    public func lines(colors: TextColors) -> [String] {
        (0..<height).map { y in
            var out = ByteWriter(capacity: width * 4)
            var foreground: RGBA?, background: RGBA?, bold = false
            var styled = false
            for x in 0..<width {
                let cell = cells[y * width + x]
                if colors != .none {
                    if cell.bold != bold {
                        out.append(cell.bold ? "\u{1B}[1m" : "\u{1B}[22m"); bold = cell.bold; styled = true
                    }
                    if cell.foreground != foreground {
                        Self.appendColor(38, cell.foreground, colors, to: &out); foreground = cell.foreground; styled = true
                    }
                    if cell.background != background {
                        Self.appendColor(48, cell.background, colors, to: &out); background = cell.background; styled = true
                    }
                }
                out.append(utf8: String(cell.character))
            }
            if styled { TextGrid.appendReset(to: &out) }
            return String(decoding: out.bytes, as: UTF8.self)
        }
    }

    private static func appendColor(_ selector: Int, _ color: RGBA?, _ colors: TextColors, to out: inout ByteWriter) {
        guard let color else {
            out.append(selector == 38 ? "\u{1B}[39m" : "\u{1B}[49m")
            return
        }
        if colors == .trueColor { TextGrid.appendTrueColor(selector, color, to: &out) }
        else { TextGrid.appendIndexed(selector, XTerm256.nearest(color), to: &out) }
    }
}
