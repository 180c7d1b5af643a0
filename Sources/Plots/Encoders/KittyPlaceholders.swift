/// kitty's Unicode placeholders (kitty 0.28 and later): the image is transmitted with a
/// virtual placement (`U=1`, `c=` columns, `r=` rows), and the picture is drawn by printing
/// placeholder cells, U+10EEEE, as ordinary text. Each cell names the image in its foreground
/// colour and its row and column with two combining marks (`KittyDiacritics`).
///
/// Because the cells are text, a terminal multiplexer keeps them like any other text: the
/// picture scrolls with tmux's pane, survives switching windows and redraws after a pane is
/// resized, where a directly placed image (sent through passthrough) is lost.
///
/// The image id travels in the 256-colour form `ESC[38;5;Nm`, which tmux forwards unchanged
/// even when it does not know the outer terminal's 24-bit colour; with that form only the
/// id's lowest byte and, as a third mark, its highest byte can be named, so ids come from
/// `imageID(sequence:)`.
public enum KittyPlaceholders {
    /// The placeholder character.
    public static let placeholder: Unicode.Scalar = "\u{10EEEE}"
    /// The largest number of rows or columns a placeholder picture can have.
    public static var maxCells: Int { KittyDiacritics.marks.count }

    /// The `n`-th usable image id (n ≥ 0): lowest byte 1...255, highest byte counting the
    /// wraps, the middle bytes 0. Distinct for 65,280 pictures, then it repeats.
    public static func imageID(sequence n: Int) -> UInt32 {
        let n = n % (255 * 256)
        return UInt32(n / 255) << 24 | UInt32(n % 255 + 1)
    }

    /// The sequences that transmit `raster` as image `imageID` with a virtual placement of
    /// `columns` x `rows` cells (placement id 1, no replies). Re-sending with the same id
    /// replaces the picture under cells already printed.
    public static func transmit(_ raster: Raster, imageID: UInt32, columns: Int, rows: Int,
                                format: KittyEncoder.Format = .zlib(DeflateSettings(strategy: .imageRuns))) -> [UInt8] {
        KittyEncoder.encode(raster, options: KittyEncoder.Options(
            imageID: imageID, placementID: 1, format: format,
            columns: min(columns, maxCells), rows: min(rows, maxCells),
            keepCursor: false, unicodePlaceholder: true))
    }

    /// The text that shows image `imageID` over `columns` x `rows` cells: one line per row,
    /// each the foreground colour, the row's cells, and the default colour again. Columns and
    /// rows beyond `maxCells` are dropped.
    public static func lines(imageID: UInt32, columns: Int, rows: Int) -> [String] {
        let columns = min(max(0, columns), maxCells)
        let rows = min(max(0, rows), maxCells)
        let high = Int(imageID >> 24)
        let color = "\u{1B}[38;5;\(imageID & 0xFF)m"
        return (0..<rows).map { row in
            var line = String.UnicodeScalarView()
            let rowMark = KittyDiacritics.mark(row)
            for column in 0..<columns {
                line.append(placeholder)
                line.append(rowMark)
                line.append(KittyDiacritics.mark(column))
                if high > 0 { line.append(KittyDiacritics.mark(high)) }
            }
            return color + String(line) + "\u{1B}[39m"
        }
    }
}
