/// A bitmap font as the generator writes it (see tools/bdf2swift.py): fixed-width cells, the
/// covered code points, and every glyph's rows as hex text. `Font` decodes it once.
struct FontData: Sendable {
    let name: String
    let cellWidth: Int
    let ascent: Int
    let descent: Int
    /// codepoints: [glyphs], ascending as generated.
    let codepoints: [UInt32]
    /// rowsHex: [glyphs, ascent + descent] rows of 4 hex digits, leftmost pixel in bit 15;
    /// whitespace between glyphs is ignored.
    let rowsHex: String
}
