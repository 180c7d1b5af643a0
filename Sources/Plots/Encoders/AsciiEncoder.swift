/// Renders a raster as plain ASCII characters: each cell's mean luminance picks a character from
/// a ramp, darkest pixels as the densest character. No escape sequences at all, so the output is
/// safe in logs, pipes and `NO_COLOR` terminals.
public enum AsciiEncoder {
    /// The default ramp, from empty (light) to dense (dark).
    public static let defaultRamp = " .:-=+*#%@"

    /// The lines (without newlines) showing `raster` `columns` characters wide. `ramp` runs from
    /// the character for white to the one for black; only its ASCII printable characters are
    /// used (others are dropped, and an empty ramp falls back to the default). Transparent pixels
    /// show `background`.
    public static func encode(_ raster: Raster, columns: Int, ramp: String = defaultRamp,
                              background: RGBA = .white) -> [String] {
        let columns = TextGrid.clampColumns(columns)
        let rows = TextGrid.rows(for: raster, columns: columns)
        var characters = ramp.unicodeScalars.filter { $0.value >= 0x20 && $0.value < 0x7F }.map { Character($0) }
        if characters.isEmpty { characters = defaultRamp.map { $0 } }
        guard raster.width > 0 && raster.height > 0 else { return Array(repeating: "", count: rows) }
        let grid = AreaSampler(raster, width: columns, height: rows, background: background)
        return (0..<rows).map { y in
            String((0..<columns).map { x in
                let darkness = 1 - grid.luminance(x: x, y: y)
                let index = Int((darkness * Float(characters.count - 1)).rounded())
                return characters[min(max(index, 0), characters.count - 1)]
            })
        }
    }
}
