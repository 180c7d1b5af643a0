/// Distinct colours for classes and series, safe for the common colour-vision deficiencies.
///
/// The first eight are the Okabe–Ito palette (Okabe and Ito, "Color Universal Design", 2008),
/// reordered so the first few are the most distinct on a white background, with its yellow
/// (low contrast on white) moved late and its black last. Classes 9 and 10 (MNIST has ten)
/// borrow wine and olive from Paul Tol's "muted" scheme; beyond ten the palette repeats.
public enum ClassPalette {
    /// The palette in order.
    public static let colors: [RGBA] = [
        hex(0x0072B2),  // blue
        hex(0xD55E00),  // vermillion
        hex(0x009E73),  // bluish green
        hex(0xCC79A7),  // reddish purple
        hex(0xE69F00),  // orange
        hex(0x56B4E9),  // sky blue
        hex(0xF0E442),  // yellow
        hex(0x000000),  // black
        hex(0x882255),  // wine (Tol)
        hex(0x999933),  // olive (Tol)
    ]

    /// The colour of class `index` (any Int; negative indices wrap too).
    public static func color(_ index: Int) -> RGBA {
        let n = colors.count
        return colors[((index % n) + n) % n]
    }
}
