/// What a text rendering may use: Unicode (box drawing, braille, blocks) or ASCII only, and
/// colour or none. The colour depth (24-bit or 256) is the encoder's business; charts only ask
/// whether there is colour, because without it a heatmap needs shade characters and a node
/// needs brackets.
public struct TextStyle: Equatable, Sendable {
    /// Box drawing, braille and block characters; false keeps every character ASCII.
    public var unicode: Bool
    /// Colours will be shown; false means the encoder drops them (`NO_COLOR`, `TERM=dumb`).
    public var color: Bool

    /// A style from its two choices.
    public init(unicode: Bool, color: Bool) { self.unicode = unicode; self.color = color }

    /// Half-block and braille modes in a colour terminal.
    public static let color = TextStyle(unicode: true, color: true)
    /// Unicode characters without colour (`NO_COLOR`).
    public static let monochrome = TextStyle(unicode: true, color: false)
    /// Plain ASCII without colour (`--graphics ascii`, `TERM=dumb`).
    public static let ascii = TextStyle(unicode: false, color: false)

    /// Secondary text and axis lines: a mid gray that reads on dark and light terminals.
    public static let muted = RGBA(128, 128, 128)

    /// `string` as this style can print it: unchanged with Unicode; otherwise each non-ASCII
    /// character spelled in ASCII ("−" as "-", "ŷ" as "y^", "→" as "->"), "?" when unknown.
    public func text(_ string: String) -> String {
        guard !unicode, string.unicodeScalars.contains(where: { !$0.isASCII }) else { return string }
        var out = ""
        for scalar in string.unicodeScalars {
            if scalar.isASCII { out.unicodeScalars.append(scalar) } else { out += Self.asciiSpelling[scalar] ?? "?" }
        }
        return out
    }

    static let asciiSpelling: [Unicode.Scalar: String] = [
        "−": "-", "–": "-", "—": "-", "·": "|", "…": "...", "→": "->", "←": "<-", "↓": "v", "↑": "^", "×": "x",
        "ŷ": "y^", "Σ": "S", "‖": "|", "∂": "d", "∇": "grad ", "½": "1/2", "²": "^2", "³": "^3",
        "⁰": "0", "₀": "0", "₁": "1", "₂": "2", "₃": "3", "¹": "1", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9", "⁻": "^-",
        "∞": "inf", "≤": "<=", "≥": ">=", "≈": "~", "✓": "v", "✗": "x", "●": "*", "○": "o",
    ]

    /// The colour a series or class colour is printed in: the palette's black becomes the
    /// terminal's own foreground (nil); other dark colours (the palette's blue is thin braille
    /// on black) are lifted a third of the way to white, which still reads on a light terminal.
    public func ink(_ color: RGBA?) -> RGBA? {
        guard let color, self.color else { return nil }
        if color.r < 40 && color.g < 40 && color.b < 40 { return nil }
        let luminance = (0.2126 * Double(color.r) + 0.7152 * Double(color.g) + 0.0722 * Double(color.b)) / 255
        guard luminance < 0.3 else { return color }
        func lift(_ v: UInt8) -> UInt8 { UInt8((Double(v) + (255 - Double(v)) / 3).rounded()) }
        return RGBA(lift(color.r), lift(color.g), lift(color.b), color.a)
    }
}
