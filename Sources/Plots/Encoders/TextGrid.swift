/// How many terminal cells a raster takes in the text modes, given the column count.
///
/// Terminal cells are about twice as tall as wide, so one cell is taken to cover a 1x2 block of
/// square "pixels": half blocks split it into two, braille into 2x4 dots, ASCII keeps it whole.
public enum TextGrid {
    /// The tallest text rendering (a 1-pixel-wide raster could otherwise ask for millions of rows).
    public static let maxRows = 2000

    /// The widest text rendering: far past any terminal, small enough that a wrong column count
    /// cannot ask for gigabytes.
    public static let maxColumns = 2000

    /// `columns` clamped to 1...maxColumns.
    public static func clampColumns(_ columns: Int) -> Int { min(max(columns, 1), maxColumns) }

    /// Rows for `raster` shown `columns` wide: a pixel column is 1/columns of the width, and a
    /// cell is two cell-widths tall, so rows = height * columns / width / 2, rounded, at least 1.
    public static func rows(for raster: Raster, columns: Int) -> Int {
        let rows = Double(raster.height) * Double(clampColumns(columns)) / Double(max(raster.width, 1)) / 2
        return min(max(Int(rows.rounded()), 1), maxRows)
    }

    /// Writes a 24-bit foreground (38) or background (48) SGR sequence.
    static func appendTrueColor(_ selector: Int, _ color: RGBA, to out: inout ByteWriter) {
        out.append(0x1B); out.append(UInt8(ascii: "[")); out.appendDecimal(selector); out.append(";2;")
        out.appendDecimal(Int(color.r)); out.append(UInt8(ascii: ";"))
        out.appendDecimal(Int(color.g)); out.append(UInt8(ascii: ";"))
        out.appendDecimal(Int(color.b)); out.append(UInt8(ascii: "m"))
    }

    /// Writes a 256-colour foreground (38) or background (48) SGR sequence.
    static func appendIndexed(_ selector: Int, _ index: UInt8, to out: inout ByteWriter) {
        out.append(0x1B); out.append(UInt8(ascii: "[")); out.appendDecimal(selector); out.append(";5;")
        out.appendDecimal(Int(index)); out.append(UInt8(ascii: "m"))
    }

    /// Writes the SGR reset.
    static func appendReset(to out: inout ByteWriter) { out.append("\u{1B}[0m") }
}
