import Foundation

/// A fixed-width bitmap font, drawn 1:1 without anti-aliasing so it stays crisp.
///
/// Two sizes ship, both from the public-domain X11 misc-fixed fonts (LICENSES/misc-fixed.txt):
/// `small` (6x13, regular: tick labels, legends, values) and `large` (9x15 bold: titles). They
/// cover printable ASCII, Latin-1, Greek, ŷ, super- and subscript digits, arrows, and common
/// mathematical symbols (∇ ∂ ∑ √ ∞ ≈ ≠ ≤ ≥ ± × · − …). Anything else draws as an outlined
/// replacement box of the same width, so text never shifts and never crashes.
public struct Font: Sendable {
    /// The source font's name, e.g. "6x13".
    public let name: String
    /// Every character's advance, in pixels.
    public let cellWidth: Int
    /// Rows above the baseline (including it).
    public let ascent: Int
    /// Rows below the baseline.
    public let descent: Int
    /// rows: [glyphs, lineHeight] one UInt16 per row, leftmost pixel in bit 15.
    let rows: [UInt16]
    /// asciiIndex: [128] glyph index of each ASCII code point, -1 when absent.
    let asciiIndex: [Int32]
    /// Glyph index of every non-ASCII code point the font has.
    let otherIndex: [UInt32: Int32]

    /// The height of one line of text, in pixels.
    public var lineHeight: Int { ascent + descent }

    /// The 6x13 regular font for labels.
    public static let small = Font(FontData.small)
    /// The 9x15 bold font for titles.
    public static let large = Font(FontData.large)

    init(_ data: FontData) {
        name = data.name
        cellWidth = data.cellWidth
        ascent = data.ascent
        descent = data.descent
        var decoded: [UInt16] = []
        decoded.reserveCapacity(data.codepoints.count * (data.ascent + data.descent))
        var value: UInt16 = 0, digits = 0
        for byte in data.rowsHex.utf8 {
            let nibble: UInt16
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = UInt16(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = UInt16(byte - UInt8(ascii: "A") + 10)
            default: continue
            }
            value = value << 4 | nibble
            digits += 1
            if digits == 4 { decoded.append(value); value = 0; digits = 0 }
        }
        let perGlyph = data.ascent + data.descent
        let glyphCount = min(data.codepoints.count, decoded.count / max(perGlyph, 1))
        var ascii = [Int32](repeating: -1, count: 128)
        var other: [UInt32: Int32] = [:]
        for i in 0..<glyphCount {
            let code = data.codepoints[i]
            if code < 128 { ascii[Int(code)] = Int32(i) } else { other[code] = Int32(i) }
        }
        rows = decoded
        asciiIndex = ascii
        otherIndex = other
    }

    /// The glyph index for a scalar, or nil when the font lacks it.
    @inline(__always)
    func glyphIndex(_ scalar: Unicode.Scalar) -> Int? {
        let v = scalar.value
        let index = v < 128 ? asciiIndex[Int(v)] : (otherIndex[v] ?? -1)
        return index >= 0 ? Int(index) : nil
    }

    /// True when the font has a real glyph (not the replacement box) for `scalar`.
    public func hasGlyph(_ scalar: Unicode.Scalar) -> Bool { glyphIndex(scalar) != nil }

    /// The text's lines as the scalars that take a cell each: composed to NFC first (so
    /// "y" + combining circumflex becomes ŷ), with other combining marks and zero-width
    /// characters dropped.
    static func cells(_ text: String) -> [[Unicode.Scalar]] {
        let needsComposing = text.unicodeScalars.contains { $0.value >= 0x300 && $0.value < 0x370 }
        let composed = needsComposing ? text.precomposedStringWithCanonicalMapping : text
        var lines: [[Unicode.Scalar]] = [[]]
        for scalar in composed.unicodeScalars {
            switch scalar.value {
            case 0x0A: lines.append([])
            case 0x0D, 0x300..<0x370, 0x200B...0x200F, 0xFE00...0xFE0F: continue
            case 0x09: lines[lines.count - 1].append(" ")
            default: lines[lines.count - 1].append(scalar)
            }
        }
        return lines
    }

    /// The pixel size of `text` drawn in this font: the widest line by the number of lines.
    public func size(of text: String) -> TextSize {
        let lines = Font.cells(text)
        let columns = lines.map(\.count).max() ?? 0
        return TextSize(width: columns * cellWidth, height: lines.count * lineHeight)
    }

    /// The pixel width of the widest line of `text`.
    public func width(of text: String) -> Int { size(of: text).width }
}
