/// Points in 2D, each labelled with its token: the embedding table projected on its first two
/// principal components. The axes have no units worth reading, so there are no ticks, only
/// the axis names with the share of variance each explains.
public struct TokenScatter: Chart {
    public var xs: [Double], ys: [Double]
    public var labels: [String]
    public var xLabel: String, yLabel: String

    public init(xs: [Double], ys: [Double], labels: [String], xLabel: String = "PC1", yLabel: String = "PC2") {
        self.xs = xs; self.ys = ys; self.labels = labels; self.xLabel = xLabel; self.yLabel = yLabel
    }

    var problem: String? {
        if xs.isEmpty { return "no tokens" }
        if xs.count != ys.count || labels.count != xs.count { return "points and labels do not match" }
        if !xs.allSatisfy(\.isFinite) || !ys.allSatisfy(\.isFinite) { return "the embedding is not finite" }
        return nil
    }

    /// Maps a point into `0...1` on both axes, with a margin.
    func unit(_ i: Int) -> (x: Double, y: Double) {
        let (x0, x1) = (xs.min()!, xs.max()!), (y0, y1) = (ys.min()!, ys.max()!)
        let fx = x1 > x0 ? (xs[i] - x0) / (x1 - x0) : 0.5, fy = y1 > y0 ? (ys[i] - y0) / (y1 - y0) : 0.5
        return (0.05 + 0.9 * fx, 0.05 + 0.9 * fy)
    }

    public func draw(into raster: inout Raster, in rect: Rect, theme: Theme = .light) {
        guard ChartMessage.shouldDraw(problem: problem, into: &raster, in: rect, theme: theme) else { return }
        let font = Font.small
        let line = Double(font.lineHeight)
        let area = Rect(x: rect.x + line + 4, y: rect.y + 2, width: rect.width - line - 8, height: rect.height - line - 8)
        raster.withClip(rect) { raster in
            raster.fillRect(area, color: theme.plotBackground)
            raster.strokeRect(area, color: theme.frame)
            for i in xs.indices {
                let u = unit(i)
                let p = Point(x: area.x + u.x * area.width, y: area.maxY - u.y * area.height)
                let color = ClassPalette.color(i)
                raster.fillCircle(center: p, radius: 3, color: color)
                raster.drawText(AttentionLabels.drawable(labels[i], font: font), x: p.x + 5, y: p.y, font: font, color: theme.text, anchor: .left)
            }
            raster.drawText(xLabel, x: area.midX, y: rect.maxY - 2, font: font, color: theme.mutedText, anchor: .bottom)
            raster.drawText(yLabel, x: rect.x + 1, y: area.midY, font: font, color: theme.mutedText, anchor: .top, rotation: .down)
        }
    }
}

extension TokenScatter: TextChart {
    /// Each token's name written at its point's cell (later tokens do not overwrite earlier
    /// ones; a "·" marks the point when the name would not fit).
    public func drawText(into grid: inout CellGrid, in rect: CellRect, style: TextStyle) {
        if let problem {
            MessageChart(problem).drawText(into: &grid, in: rect, style: style)
            return
        }
        let width = rect.width - 2, height = rect.height - 1
        guard width > 2, height > 2 else { return }
        var taken = Set<Int>()
        for i in xs.indices {
            let u = unit(i)
            let x = rect.x + 1 + Int(u.x * Double(width - 1)), y = rect.y + Int((1 - u.y) * Double(height - 1))
            let name = CellGrid.cut(style.text(labels[i]), to: 3)
            let cells = (0..<name.count).map { y * grid.width + x + $0 }
            if cells.allSatisfy({ !taken.contains($0) }) && x + name.count <= rect.maxX {
                grid.put(name, x: x, y: y, color: style.ink(ClassPalette.color(i)), bold: true)
                taken.formUnion(cells)
            } else if !taken.contains(y * grid.width + x) {
                grid.put(style.text("·"), x: x, y: y, color: style.ink(ClassPalette.color(i)))
                taken.insert(y * grid.width + x)
            }
        }
        grid.putCentred(xLabel + " → · " + yLabel + " ↑", x: rect.x, y: rect.maxY - 1, width: rect.width, color: TextStyle.muted)
    }
}
