/// Feature maps of several layers stacked in bands: each band a label line and the layer's
/// channels as a grid of tiles (each normalised on its own). Bands share the height in
/// proportion to the rows their grids need, so an 8-channel 12x12 layer and a 16-channel 2x2
/// one both stay visible.
struct FeatureMapStack: Chart {
    /// One layer's maps.
    struct Band: Sendable {
        var label: String
        var maps: [ImageGrid.Tile]
        var normalization: ImageGridNormalization
    }

    var bands: [Band]

    func draw(into raster: inout Raster, in rect: Rect, theme: Theme) {
        let font = Font.small
        let label = Double(font.lineHeight + 1)
        let nonEmpty = bands.filter { !$0.maps.isEmpty }
        guard !nonEmpty.isEmpty, rect.height > label else { return }
        // weight: how tall each band wants to be: its label plus a guess of its grid's height
        // at the full width (columns as the maps' count allows, at least one row).
        let weights = nonEmpty.map { band -> Double in
            let side = Double(band.maps[0].height), count = Double(band.maps.count)
            let columns = min(count, max(1, (rect.width / max(side * 2, 16)).rounded(.down)))
            let rows = (count / columns).rounded(.up)
            return 1 + rows * 0.9
        }
        let total = weights.reduce(0, +)
        var y = rect.minY
        raster.withClip(rect) { raster in
            for (band, weight) in zip(nonEmpty, weights) {
                let height = (rect.height * weight / total).rounded(.down)
                raster.drawText(Legend.truncated(band.label, columns: max(1, Int(rect.width) / font.cellWidth)),
                                x: rect.minX + 2, y: y, font: font, color: theme.mutedText)
                let area = Rect(x: rect.minX, y: y + label, width: rect.width, height: max(0, height - label - 2))
                if area.height >= 2 {
                    ImageGrid(tiles: band.maps, normalization: band.normalization, colormap: band.normalization == .minMax ? .viridis : nil,
                              gap: 2).draw(into: &raster, in: area, theme: theme)
                }
                y += height
            }
        }
    }
}
