/// A picture made of terminal cells, each a character with an optional foreground and
/// background colour (nil: the terminal's own) and a bold flag: what the text views draw
/// into, and what `lines(colors:)` turns into the text a terminal prints.
///
/// Every character takes one cell (nv's labels use no wide characters); writes outside the
/// grid are dropped, so charts never need to clip.
public struct CellGrid: Equatable, Sendable {
    /// One cell of the grid.
    public struct Cell: Equatable, Sendable {
        public var character: Character
        public var foreground: RGBA?
        public var background: RGBA?
        public var bold: Bool

        /// A cell showing `character`.
        public init(_ character: Character = " ", foreground: RGBA? = nil, background: RGBA? = nil,
                    bold: Bool = false) {
            self.character = character; self.foreground = foreground
            self.background = background; self.bold = bold
        }
    }

    public let width: Int
    public let height: Int
    /// cells: [height, width], row-major from the top-left.
    public private(set) var cells: [Cell]

    /// A grid of blank cells (clamped to 0...2000 on each side).
    public init(width: Int, height: Int) {
        self.width = min(max(width, 0), 2000)
        self.height = min(max(height, 0), 2000)
        cells = Array(repeating: Cell(), count: self.width * self.height)
    }

    /// The cell at column `x`, row `y`; reads outside give a blank cell, writes outside are dropped.
    public subscript(x: Int, y: Int) -> Cell {
        get { contains(x, y) ? cells[y * width + x] : Cell() }
        set { if contains(x, y) { cells[y * width + x] = newValue } }
    }

    /// True when (x, y) is a cell of the grid.
    public func contains(_ x: Int, _ y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

    /// Writes `text` from column `x` of row `y`, at most `limit` characters (cut with "…" when
    /// longer), keeping each cell's background unless `background` is given.
    public mutating func put(_ text: String, x: Int, y: Int, color: RGBA? = nil, background: RGBA? = nil,
                             bold: Bool = false, limit: Int? = nil) {
        var column = x
        for character in Self.cut(text, to: limit ?? Int.max) {
            if contains(column, y) {
                let old = cells[y * width + column]
                cells[y * width + column] = Cell(character, foreground: color,
                                                 background: background ?? old.background, bold: bold)
            }
            column += 1
        }
    }

    /// Writes `text` centred in `width` columns starting at `x` (cut to fit).
    public mutating func putCentred(_ text: String, x: Int, y: Int, width: Int, color: RGBA? = nil,
                                    bold: Bool = false) {
        let shown = Self.cut(text, to: width)
        put(shown, x: x + max(0, (width - shown.count) / 2), y: y, color: color, bold: bold)
    }

    /// Writes `text` so that it ends just before column `end` (cut to `limit`).
    public mutating func putRight(_ text: String, end: Int, y: Int, color: RGBA? = nil, background: RGBA? = nil,
                                  bold: Bool = false, limit: Int? = nil) {
        let shown = Self.cut(text, to: limit ?? Int.max)
        put(shown, x: end - shown.count, y: y, color: color, background: background, bold: bold)
    }

    /// Sets the background of every cell of `rect`.
    public mutating func fill(_ rect: CellRect, background: RGBA?) {
        for y in rect.y..<rect.maxY { for x in rect.x..<rect.maxX where contains(x, y) { cells[y * width + x].background = background } }
    }

    /// Copies `other` with its top-left at (x, y).
    public mutating func paste(_ other: CellGrid, x: Int, y: Int) {
        for row in 0..<other.height { for column in 0..<other.width { self[x + column, y + row] = other[column, row] } }
    }

    /// `text` cut to `count` characters, the last one "…" when anything was cut.
    public static func cut(_ text: String, to count: Int) -> String {
        guard count > 0 else { return "" }
        guard text.count > count else { return text }
        return String(text.prefix(count - 1)) + "…"
    }

    /// The text of every row with no colour, trailing blanks removed: what a test compares.
    public var plainText: String {
        (0..<height).map { y in
            var line = String(cells[(y * width)..<((y + 1) * width)].map(\.character))
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }
}
