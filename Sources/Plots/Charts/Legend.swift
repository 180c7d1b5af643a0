/// Draws legend entries in a box in a corner of a plot area.
public enum Legend {
    /// Where the box sits inside the plot area.
    public enum Corner: Sendable { case topRight, topLeft, bottomRight, bottomLeft }

    /// Where an axes puts its legend: a fixed corner, the corner that hides the least data, or
    /// a row above the plot area.
    public enum Placement: Sendable {
        case best
        case corner(Corner)
        /// One row of entries right-aligned above the plot area, which gives it a line: it never
        /// covers a curve and does not move from frame to frame (live dashboards).
        case above

        /// Shorthands for the fixed corners.
        public static let topRight = Placement.corner(.topRight)
        public static let topLeft = Placement.corner(.topLeft)
        public static let bottomRight = Placement.corner(.bottomRight)
        public static let bottomLeft = Placement.corner(.bottomLeft)

        var corner: Corner? {
            if case let .corner(c) = self { return c }
            return nil
        }

        var isAbove: Bool {
            if case .above = self { return true }
            return false
        }
    }

    /// The rows a legend shows: the entries that fit the plot area's height, the labels cut
    /// to half its width, and a "+N more" row for the rest.
    struct Content {
        var shown: [LegendEntry]
        var labels: [String]
    }

    static let padding = 5.0
    static let swatchWidth = 18.0
    static var rowHeight: Double { Double(Font.small.lineHeight + 2) }

    static func content(_ entries: [LegendEntry], plotArea: Rect) -> Content {
        let maxLabelColumns = max(3, Int(plotArea.width / 2) / Font.small.cellWidth)
        let fitRows = max(1, Int((plotArea.height - 2 * padding - 8) / rowHeight))
        var shown = entries
        var more = 0
        if entries.count > fitRows {
            shown = Array(entries.prefix(max(0, fitRows - 1)))
            more = entries.count - shown.count
        }
        var labels = shown.map { truncated($0.label, columns: maxLabelColumns) }
        if more > 0 { labels.append("+\(more) more") }
        return Content(shown: shown, labels: labels)
    }

    /// Where the legend box for `entries` goes in `corner` of `plotArea`.
    public static func box(for entries: [LegendEntry], plotArea: Rect, corner: Corner) -> Rect {
        box(content(entries, plotArea: plotArea), plotArea: plotArea, corner: corner)
    }

    static func box(_ content: Content, plotArea: Rect, corner: Corner) -> Rect {
        let textWidth = Double(content.labels.map { Font.small.width(of: $0) }.max() ?? 0)
        let boxWidth = min(plotArea.width - 8, padding * 2 + swatchWidth + 5 + textWidth)
        let boxHeight = min(plotArea.height - 8, padding * 2 + rowHeight * Double(content.labels.count))
        let x: Double, y: Double
        switch corner {
        case .topRight: (x, y) = (plotArea.maxX - boxWidth - 4, plotArea.minY + 4)
        case .topLeft: (x, y) = (plotArea.minX + 4, plotArea.minY + 4)
        case .bottomRight: (x, y) = (plotArea.maxX - boxWidth - 4, plotArea.maxY - boxHeight - 4)
        case .bottomLeft: (x, y) = (plotArea.minX + 4, plotArea.maxY - boxHeight - 4)
        }
        return Rect(x: x.rounded(), y: y.rounded(), width: boxWidth.rounded(), height: boxHeight.rounded())
    }

    /// The corner where the legend would hide the least of what is already drawn: the one whose
    /// box holds the fewest pixels that are neither plot background nor grid. Ties keep the
    /// order top right, top left, bottom right, bottom left.
    public static func emptiestCorner(for entries: [LegendEntry], in raster: Raster, plotArea: Rect,
                                      theme: Theme) -> Corner {
        let content = content(entries, plotArea: plotArea)
        var best = Corner.topRight, fewest = Int.max
        for corner in [Corner.topRight, .topLeft, .bottomRight, .bottomLeft] {
            let rect = box(content, plotArea: plotArea, corner: corner)
            let x0 = clampedInt(rect.minX, 0, raster.width), x1 = clampedInt(rect.maxX, x0, raster.width)
            let y0 = clampedInt(rect.minY, 0, raster.height), y1 = clampedInt(rect.maxY, y0, raster.height)
            var busy = 0
            for y in y0..<y1 {
                for x in x0..<x1 {
                    let p = raster[x, y]
                    if p != theme.plotBackground && p != theme.grid { busy += 1 }
                }
            }
            if busy < fewest { fewest = busy; best = corner }
        }
        return best
    }

    /// Draws `entries` in `corner` of `plotArea`. Entries that do not fit in the plot area's
    /// height are left out and counted in a final "+N more" row; labels are cut with "…" to at
    /// most half the plot width.
    public static func draw(_ entries: [LegendEntry], into raster: inout Raster, plotArea: Rect,
                            corner: Corner = .topRight, theme: Theme) {
        guard !entries.isEmpty, !plotArea.isEmpty else { return }
        let font = Font.small
        let content = content(entries, plotArea: plotArea)
        let shown = content.shown, labels = content.labels
        let box = box(content, plotArea: plotArea, corner: corner)
        var background = theme.plotBackground
        background.a = 225
        raster.fillRect(box, color: background)
        raster.strokeRect(box, color: theme.grid)
        for (row, label) in labels.enumerated() {
            let midY = box.minY + padding + rowHeight * (Double(row) + 0.5)
            let swatchX = box.minX + padding
            if row < shown.count {
                let entry = shown[row]
                drawSwatch(entry, x: swatchX, midY: midY, into: &raster)
            }
            raster.drawText(label, x: swatchX + swatchWidth + 5, y: midY, font: font,
                            color: row < shown.count ? theme.text : theme.mutedText, anchor: .left)
        }
    }

    /// The swatch of `entry`, `swatchWidth` wide from `x`, centred on `midY`.
    static func drawSwatch(_ entry: LegendEntry, x: Double, midY: Double, into raster: inout Raster) {
        switch entry.swatch {
        case let .line(width, dash):
            raster.line(from: Point(x, midY), to: Point(x + swatchWidth, midY),
                        width: min(width, 4), color: entry.color, dash: dash)
        case .marker:
            raster.fillCircle(center: Point(x + swatchWidth / 2, midY), radius: 3.5, color: entry.color)
        case .ring:
            raster.strokeCircle(center: Point(x + swatchWidth / 2, midY), radius: 3.5, color: entry.color,
                                lineWidth: 1.5)
        case .box:
            raster.fillRect(Rect(x: x + 4, y: midY - 5, width: 10, height: 10), color: entry.color)
        }
    }

    /// Draws `entries` in one row ending at `right`, vertically centred on `midY`. When they do
    /// not fit between `left` and `right`: the gaps narrow, then the labels are shortened (to no
    /// fewer than 4 characters, "versico…", and never to two alike), and only then are the last
    /// entries left out — a
    /// K-class legend in a narrow panel used to lose its last class.
    static func drawRow(_ entries: [LegendEntry], into raster: inout Raster, left: Double, right: Double,
                        midY: Double, theme: Theme) {
        let font = Font.small
        func width(_ label: String) -> Double { swatchWidth + 4 + Double(font.width(of: label)) }
        func total(_ labels: [String], _ gap: Double) -> Double {
            labels.map(width).reduce(0, +) + gap * Double(max(0, labels.count - 1))
        }
        var gap = 10.0
        var labels = entries.map(\.label)
        if total(labels, gap) > right - left { gap = 5 }
        var longest = labels.map(\.count).max() ?? 0
        while total(labels, gap) > right - left, longest > 4 {
            let shorter = entries.map { truncated($0.label, columns: longest - 1) }
            guard Set(shorter).count == Set(entries.map(\.label)).count else { break }   // "class…" twice tells nothing
            longest -= 1
            labels = shorter
        }
        var shown = Array(zip(entries, labels))
        while !shown.isEmpty, total(shown.map(\.1), gap) > right - left { shown.removeLast() }
        var x = right - total(shown.map(\.1), gap)
        for (entry, label) in shown {
            drawSwatch(entry, x: x, midY: midY, into: &raster)
            raster.drawText(label, x: x + swatchWidth + 4, y: midY, font: font, color: theme.text, anchor: .left)
            x += width(label) + gap
        }
    }

    /// `text` cut to `columns` characters, ending in "…" when cut.
    static func truncated(_ text: String, columns: Int) -> String {
        let firstLine = text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        guard firstLine.count > columns else { return firstLine }
        return String(firstLine.prefix(max(1, columns - 1))) + "…"
    }
}
