import Runtime

/// How every tree of a forest votes for one probe sample: a bar of one slice per tree, grouped
/// by the class it votes for, with each class's count and the forest's mean probability.
public struct VoteBar: Chart {
    /// Each tree's class for the probe, in tree order.
    public var votes: [Int]
    /// The forest's mean class probabilities for the probe.
    public var probabilities: [Double]
    public var classNames: [String]

    public init(votes: [Int], probabilities: [Double], classNames: [String]) {
        self.votes = votes; self.probabilities = probabilities; self.classNames = classNames
    }

    /// Trees per class.
    var counts: [Int] { classNames.indices.map { c in votes.filter { $0 == c }.count } }

    public func draw(into raster: inout Raster, in rect: Rect, theme: Theme) {
        guard !votes.isEmpty else {
            MessageChart("votes appear\nwith the first tree").draw(into: &raster, in: rect, theme: theme)
            return
        }
        let bar = Rect(x: rect.minX + 10, y: rect.minY + 10, width: rect.width - 20, height: min(40, rect.height / 3))
        let slice = bar.width / Double(votes.count)
        var x = bar.minX
        for (c, n) in counts.enumerated() where n > 0 {
            for _ in 0..<n {
                raster.fillRect(Rect(x: x, y: bar.minY, width: max(1, slice - (slice > 4 ? 1 : 0)), height: bar.height),
                                color: ClassPalette.color(c))
                x += slice
            }
        }
        raster.strokeRect(bar, color: theme.frame, lineWidth: 1)
        var y = bar.maxY + 10
        for (c, n) in counts.enumerated() where y + 14 <= rect.maxY {
            raster.fillRect(Rect(x: bar.minX, y: y + 2, width: 10, height: 10), color: ClassPalette.color(c))
            let p = probabilities.indices.contains(c) ? TreeNumber.text(probabilities[c], digits: 2) : "–"
            raster.drawText("\(classNames[c]): \(n) of \(votes.count) trees · P \(p)", x: bar.minX + 16, y: y,
                            font: .small, color: n > 0 ? theme.text : theme.mutedText)
            y += 16
        }
    }
}

extension VoteBar: TextChart {
    /// The bar as coloured blocks (class letters without colour), then one line per class.
    public func drawText(into grid: inout CellGrid, in rect: CellRect, style: TextStyle) {
        guard !votes.isEmpty, rect.width > 2, rect.height > 0 else {
            grid.put("votes appear with the first tree", x: rect.x, y: rect.y, color: style.color ? TextStyle.muted : nil, limit: rect.width)
            return
        }
        let width = rect.width
        var x = rect.x
        var start = 0.0
        for (c, n) in counts.enumerated() {
            let end = start + Double(n) / Double(votes.count) * Double(width)
            for _ in Int(start.rounded())..<max(Int(start.rounded()), Int(end.rounded())) {
                let mark: String = style.color ? (style.unicode ? "█" : "#") : String(classNames[c].prefix(1))
                grid.put(mark, x: x, y: rect.y, color: style.ink(ClassPalette.color(c)))
                x += 1
            }
            start = end
        }
        for (c, n) in counts.enumerated() where rect.y + 1 + c < rect.maxY {
            let p = probabilities.indices.contains(c) ? TreeNumber.text(probabilities[c], digits: 2) : "-"
            grid.put(style.unicode ? "■ " : "# ", x: rect.x, y: rect.y + 1 + c, color: style.ink(ClassPalette.color(c)))
            grid.put(style.text("\(classNames[c]): \(n) of \(votes.count) trees · P \(p)"), x: rect.x + 2, y: rect.y + 1 + c,
                     limit: rect.width - 2)
        }
    }
}
