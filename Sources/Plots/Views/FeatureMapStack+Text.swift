extension FeatureMapStack: TextChart {
    /// Each band as a muted label row and its maps as half-block tiles, the bands sharing the
    /// rows in proportion to how many tile rows each needs.
    func drawText(into grid: inout CellGrid, in rect: CellRect, style: TextStyle) {
        let nonEmpty = bands.filter { !$0.maps.isEmpty }
        guard !nonEmpty.isEmpty, rect.height >= 2 else { return }
        let shown = Array(nonEmpty.prefix(max(1, rect.height / 3)))
        let weights = shown.map { band -> Double in
            let side = max(1, band.maps[0].height), count = band.maps.count
            let across = max(1, min(count, rect.width / max(2, side / 2 + 1)))
            return 1 + Double((count + across - 1) / across) * Double(side) / 8
        }
        let total = weights.reduce(0, +)
        var y = rect.y
        for (index, (band, weight)) in zip(shown, weights).enumerated() {
            let height = index == shown.count - 1 ? rect.maxY - y : max(2, Int(Double(rect.height) * weight / total))
            grid.put(style.text(band.label), x: rect.x, y: y, color: TextStyle.muted, limit: rect.width)
            ImageGrid(tiles: band.maps, normalization: band.normalization,
                      colormap: band.normalization == .minMax ? .viridis : nil)
                .drawText(into: &grid, in: CellRect(x: rect.x, y: y + 1, width: rect.width, height: height - 1), style: style)
            y += height
        }
    }
}
