/// A classes x classes grid of prediction counts: row = true class, column = predicted class,
/// each cell coloured by its count (or by its share of the row) with the count printed in it.
public struct ConfusionMatrix: Chart {
    /// counts: [true class, predicted class].
    public var counts: [[Int]]
    /// One name per class; nil numbers them from 0.
    public var classNames: [String]?
    /// Colour each cell by count / row total instead of count / largest count, so rare
    /// classes' mistakes show as clearly as common ones'. The printed numbers stay counts.
    public var normalizeRows: Bool
    public var colormap: Colormap

    /// White to dark blue (ColorBrewer "Blues", 9 classes, Cynthia Brewer, colorbrewer2.org):
    /// empty cells stay white on the light theme, so the diagonal stands out.
    public static let blues = Colormap(name: "blues", anchors: [
        hex(0xF7FBFF), hex(0xDEEBF7), hex(0xC6DBEF), hex(0x9ECAE1), hex(0x6BAED6),
        hex(0x4292C6), hex(0x2171B5), hex(0x08519C), hex(0x08306B),
    ])

    /// A matrix of counts [true, predicted]; check `problem` before trusting the shape.
    public init(counts: [[Int]], classNames: [String]? = nil, normalizeRows: Bool = false,
                colormap: Colormap = ConfusionMatrix.blues) {
        self.counts = counts; self.classNames = classNames
        self.normalizeRows = normalizeRows; self.colormap = colormap
    }

    /// What is wrong with the input, in words for the learner, or nil when it can be drawn.
    public var problem: String? {
        let n = counts.count
        if n == 0 { return "no classes" }
        for (row, values) in counts.enumerated() {
            if values.count != n {
                return "row \(row) has \(values.count) counts, expected \(n) (one per class)"
            }
            if let bad = values.firstIndex(where: { $0 < 0 }) {
                return "count at row \(row), column \(bad) is negative (\(values[bad]))"
            }
        }
        if let names = classNames, names.count != n {
            return "\(names.count) class names for \(n) classes"
        }
        return nil
    }

    /// The colormap position (0...1) of every cell: [true, predicted].
    public var cellPositions: [[Double]] {
        let largest = Double(counts.flatMap { $0 }.max() ?? 0)
        return counts.map { row in
            let total = Double(row.reduce(0, +))
            let denominator = normalizeRows ? total : largest
            return row.map { denominator > 0 ? Double($0) / denominator : 0 }
        }
    }

    /// Text colour that reads on `background`: white on dark cells, the theme's text on light.
    static func textColor(on background: RGBA, theme: Theme) -> RGBA {
        // Relative luminance with sRGB weights; 0.5 splits the Blues and viridis maps well.
        let y = (0.2126 * Double(background.r) + 0.7152 * Double(background.g)
            + 0.0722 * Double(background.b)) / 255
        return y < 0.5 ? .white : theme.text
    }

    /// Draws the matrix into `rect`: "true" and class names on the left, class names and
    /// "predicted" below, square cells. Counts are printed only where they fit in a cell.
    public func draw(into raster: inout Raster, in rect: Rect, theme: Theme = .light) {
        guard ChartMessage.isDrawable(rect) else { return }
        if let problem {
            ChartMessage.draw(problem, into: &raster, in: rect, theme: theme)
            return
        }
        let font = Font.small
        let n = counts.count
        // Long class names are cut with "…" to a third of the width, so the grid keeps room.
        let nameColumns = max(3, Int(rect.width / 3) / font.cellWidth)
        let names = (classNames ?? (0..<n).map(String.init)).map {
            Legend.truncated($0, columns: nameColumns)
        }
        let nameWidth = Double(names.map { font.width(of: $0) }.max() ?? 0)
        let line = Double(font.lineHeight)
        let left = line + 4 + nameWidth + 4
        // Bottom names turn upright when they do not fit under a cell.
        let provisionalCell = min((rect.width - left) / Double(n), (rect.height - 2 * line - 8) / Double(n))
        let upright = nameWidth + 2 > provisionalCell
        let bottom = (upright ? nameWidth : line) + 4 + line + 4
        let cell = max(1, min((rect.width - left) / Double(n), (rect.height - bottom) / Double(n)))
            .rounded(.down)
        let gridX = (rect.x + left + (rect.width - left - cell * Double(n)) / 2).rounded(.down)
        let gridY = (rect.y + (rect.height - bottom - cell * Double(n)) / 2).rounded(.down)
        let positions = cellPositions

        raster.withClip(rect) { raster in
            for (row, values) in counts.enumerated() {
                for (column, count) in values.enumerated() {
                    let box = Rect(x: gridX + Double(column) * cell, y: gridY + Double(row) * cell,
                                   width: cell, height: cell)
                    let fill = colormap.color(at: positions[row][column])
                    raster.fillRect(box, color: fill)
                    let text = String(count)
                    if Double(font.width(of: text)) <= cell - 2 && line <= cell - 1 {
                        raster.drawText(text, x: box.midX, y: box.midY, font: font,
                                        color: ConfusionMatrix.textColor(on: fill, theme: theme),
                                        anchor: .center)
                    }
                }
            }
            raster.strokeRect(Rect(x: gridX, y: gridY, width: cell * Double(n),
                                   height: cell * Double(n)), color: theme.frame)
            for (i, name) in names.enumerated() {
                let middle = Double(i) * cell + cell / 2
                raster.drawText(name, x: gridX - 4, y: gridY + middle, font: font,
                                color: theme.text, anchor: .right)
                let below = gridY + cell * Double(n) + 3
                if upright {
                    raster.drawText(name, x: gridX + middle, y: below, font: font,
                                    color: theme.text, anchor: .right, rotation: .up)
                } else {
                    raster.drawText(name, x: gridX + middle, y: below, font: font,
                                    color: theme.text, anchor: .top)
                }
            }
            raster.drawText("predicted", x: gridX + cell * Double(n) / 2,
                            y: gridY + cell * Double(n) + bottom - 2, font: font,
                            color: theme.text, anchor: .bottom)
            raster.drawText("true", x: max(rect.x + 1, gridX - left), y: gridY + cell * Double(n) / 2, font: font,
                            color: theme.text, anchor: .top, rotation: .up)
        }
    }
}
