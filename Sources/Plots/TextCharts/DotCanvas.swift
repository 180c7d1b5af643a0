/// The drawing surface of a text plot, `columns` x `rows` cells, in three layers that are
/// composed cell by cell when drawn into a grid:
/// - a field of half-block pixels (1 x 2 per cell: heatmaps, images, colour fields);
/// - braille dots (2 x 4 per cell: lines, contours), one colour per cell (the last drawn);
/// - glyphs (one character per cell: scatter markers).
/// A glyph hides the dots under it, and dots hide the field, whose colour then stays as the
/// cell's background. Without Unicode, dots become ASCII strokes (`'`, `.`, `-`, `|`, `/`, `\`);
/// without colour, the field becomes shade characters by lightness. Colours are used as given
/// (callers pass series colours through `TextStyle.ink`); nil is the terminal's foreground.
public struct DotCanvas: Sendable {
    public let columns: Int
    public let rows: Int
    /// dots: [rows, columns] braille bit patterns.
    private var dots: [UInt8]
    private var dotColors: [RGBA?]
    /// field: [rows * 2, columns] half-block pixels, nil where nothing was painted.
    private var field: [RGBA?]
    private var glyphs: [(Character, RGBA?)?]

    /// Braille dot width and height of the canvas.
    public var dotWidth: Int { columns * 2 }
    public var dotHeight: Int { rows * 4 }

    /// An empty canvas (sizes clamped to 0...2000).
    public init(columns: Int, rows: Int) {
        self.columns = min(max(columns, 0), 2000)
        self.rows = min(max(rows, 0), 2000)
        let n = self.columns * self.rows
        dots = Array(repeating: 0, count: n)
        dotColors = Array(repeating: nil, count: n)
        field = Array(repeating: nil, count: 2 * n)
        glyphs = Array(repeating: nil, count: n)
    }

    /// Dot bits by position in a cell: [row][column] (Unicode braille numbering 1–8).
    static let dotBits: [[UInt8]] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]]

    /// Raises the dot at (x, y) (dot coordinates, from the top-left) in `color`.
    public mutating func dot(_ x: Int, _ y: Int, color: RGBA?) {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
        let cell = (y / 4) * columns + x / 2
        dots[cell] |= Self.dotBits[y % 4][x % 2]
        dotColors[cell] = color
    }

    /// A line of dots from (x0, y0) to (x1, y1) in dot coordinates (clipped to the canvas);
    /// `dashed` leaves out every other run of three dots.
    public mutating func line(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, color: RGBA?,
                              dashed: Bool = false) {
        var ax = x0, ay = y0, bx = x1, by = y1
        guard clip(&ax, &ay, &bx, &by) else { return }
        let steps = Int(max(abs(bx - ax), abs(by - ay)).rounded(.up))
        for i in 0...max(steps, 0) {
            if dashed && (i / 3) % 2 == 1 { continue }
            let t = steps == 0 ? 0 : Double(i) / Double(steps)
            dot(Int((ax + (bx - ax) * t).rounded()), Int((ay + (by - ay) * t).rounded()), color: color)
        }
    }

    /// Cuts the segment to the canvas (Liang–Barsky); false when nothing of it is inside.
    private func clip(_ x0: inout Double, _ y0: inout Double, _ x1: inout Double, _ y1: inout Double) -> Bool {
        guard x0.isFinite, y0.isFinite, x1.isFinite, y1.isFinite else { return false }
        let xMax = Double(dotWidth - 1), yMax = Double(dotHeight - 1)
        var t0 = 0.0, t1 = 1.0
        let dx = x1 - x0, dy = y1 - y0
        for (p, q) in [(-dx, x0), (dx, xMax - x0), (-dy, y0), (dy, yMax - y0)] {
            if p == 0 { if q < 0 { return false }; continue }
            let r = q / p
            if p < 0 { if r > t1 { return false }; t0 = max(t0, r) } else { if r < t0 { return false }; t1 = min(t1, r) }
        }
        (x0, y0, x1, y1) = (x0 + t0 * dx, y0 + t0 * dy, x0 + t1 * dx, y0 + t1 * dy)
        return true
    }

    /// Paints the half-block pixel (x, y): x a column, y from 0 to `rows * 2 - 1`.
    public mutating func paint(_ x: Int, _ y: Int, _ color: RGBA) {
        guard x >= 0, y >= 0, x < columns, y < rows * 2 else { return }
        field[y * columns + x] = color
    }

    /// Puts `character` in cell (x, y), over whatever dots are there.
    public mutating func glyph(_ x: Int, _ y: Int, _ character: Character, color: RGBA?) {
        guard x >= 0, y >= 0, x < columns, y < rows else { return }
        glyphs[y * columns + x] = (character, color)
    }

    /// True when cell (x, y) shows nothing yet (for placing a legend where it hides least).
    public func isEmpty(_ x: Int, _ y: Int) -> Bool {
        guard x >= 0, y >= 0, x < columns, y < rows else { return true }
        let i = y * columns + x
        return dots[i] == 0 && glyphs[i] == nil && field[2 * y * columns + x] == nil
    }

    /// Composes the layers into `grid` with the canvas's top-left at (x, y).
    public func draw(into grid: inout CellGrid, x: Int, y: Int, style: TextStyle) {
        // Without colour a field under markers or lines gets only light shades, so the marks
        // on it stay readable.
        let overlaid = !style.color && (dots.contains { $0 != 0 } || glyphs.contains { $0 != nil })
        for row in 0..<rows {
            for column in 0..<columns {
                let i = row * columns + column
                let top = field[2 * row * columns + column], bottom = field[(2 * row + 1) * columns + column]
                let shade = Self.mean(top, bottom)
                var cell = CellGrid.Cell()
                if let (character, color) = glyphs[i] {
                    cell = CellGrid.Cell(character, foreground: style.color ? color : nil, background: style.color ? shade : nil)
                } else if dots[i] != 0 {
                    let character = style.unicode ? Character(Unicode.Scalar(0x2800 + UInt32(dots[i]))!) : Self.stroke(dots[i])
                    cell = CellGrid.Cell(character, foreground: style.color ? dotColors[i] : nil, background: style.color ? shade : nil)
                } else if top != nil || bottom != nil {
                    if style.color {
                        if let top, let bottom {
                            cell = top == bottom ? CellGrid.Cell(" ", background: top)
                                : CellGrid.Cell(style.unicode ? "▀" : " ", foreground: top, background: bottom)
                            if !style.unicode { cell.background = shade }
                        } else if let top {
                            cell = CellGrid.Cell(style.unicode ? "▀" : "\"", foreground: top)
                        } else if let bottom {
                            cell = CellGrid.Cell(style.unicode ? "▄" : ".", foreground: bottom)
                        }
                    } else if let shade {
                        cell = CellGrid.Cell(overlaid ? Self.lightShade(shade, unicode: style.unicode)
                                             : Self.shadeCharacter(shade, unicode: style.unicode))
                    }
                } else {
                    continue
                }
                grid[x + column, y + row] = cell
            }
        }
    }

    /// The mean of two optional colours (one alone is itself).
    static func mean(_ a: RGBA?, _ b: RGBA?) -> RGBA? {
        guard let a else { return b }
        guard let b else { return a }
        return RGBA(UInt8((Int(a.r) + Int(b.r)) / 2), UInt8((Int(a.g) + Int(b.g)) / 2), UInt8((Int(a.b) + Int(b.b)) / 2))
    }

    /// Darker colours get denser characters, as ink on paper.
    static func shadeCharacter(_ color: RGBA, unicode: Bool) -> Character {
        let lightness = (0.2126 * Double(color.r) + 0.7152 * Double(color.g) + 0.0722 * Double(color.b)) / 255
        let ramp: [Character] = unicode ? ["█", "▓", "▒", "░", " "] : ["@", "%", "#", "*", "+", "=", "-", ":", ".", " "]
        return ramp[min(ramp.count - 1, Int(lightness * Double(ramp.count)))]
    }

    /// Two light shades and blank, for a field under marks (darker colours denser).
    static func lightShade(_ color: RGBA, unicode: Bool) -> Character {
        let lightness = (0.2126 * Double(color.r) + 0.7152 * Double(color.g) + 0.0722 * Double(color.b)) / 255
        let ramp: [Character] = unicode ? ["▒", "░", " "] : [":", ".", " "]
        return ramp[min(ramp.count - 1, Int(lightness * Double(ramp.count)))]
    }

    /// An ASCII stroke for a braille pattern: its shape in the 2 x 4 cell, roughly.
    static func stroke(_ bits: UInt8) -> Character {
        let left = bits & 0x47 != 0, right = bits & 0xB8 != 0
        let top = bits & 0x09 != 0, upper = bits & 0x12 != 0, lower = bits & 0x24 != 0, bottom = bits & 0xC0 != 0
        let high = top || upper, low = lower || bottom
        if high && low {
            if left && right {
                if (bits & 0x01 != 0 || bits & 0x02 != 0) && bits & 0x80 != 0 && bits & 0x08 == 0 && bits & 0x40 == 0 { return "\\" }
                if (bits & 0x08 != 0 || bits & 0x10 != 0) && bits & 0x40 != 0 && bits & 0x01 == 0 && bits & 0x80 == 0 { return "/" }
                return upper && lower && !top && !bottom ? "-" : "|"
            }
            return "|"
        }
        if high { return top && !upper ? "'" : "-" }
        return bottom && !lower ? "_" : (lower ? "-" : ".")
    }
}
