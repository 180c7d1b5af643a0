extension ImageGrid: TextChart {
    /// The tiles as half-block pictures (two pixels a cell, stacked), all at one scale chosen to
    /// make them largest in the rect, with their captions under them in the right/wrong colour.
    /// Pixels are averaged when a tile is shrunk and repeated when it is grown. Without colour,
    /// brightness becomes shade characters (bright values dense, as ink).
    public func drawText(into grid: inout CellGrid, in rect: CellRect, style: TextStyle) {
        if let problem {
            MessageChart(problem).drawText(into: &grid, in: rect, style: style)
            return
        }
        let hasCaptions = tiles.contains { $0.caption != nil }
        let tileWidth = tiles.map(\.width).max() ?? 1, tileHeight = tiles.map(\.height).max() ?? 1
        guard let layout = Self.textLayout(count: tiles.count, tileWidth: tileWidth, tileHeight: tileHeight,
                                           columns: rect.width, rows: rect.height, captionRows: hasCaptions ? 1 : 0,
                                           fixedColumns: self.columns) else { return }
        var canvas = DotCanvas(columns: rect.width, rows: rect.height)
        let map = effectiveColormap
        for (index, tile) in tiles.enumerated() {
            let (x, y) = layout.origin(index)
            let positions = normalization.positions(tile.values)
            let w = Int((Double(tile.width) * layout.scale).rounded()), h = Int((Double(tile.height) * layout.scale).rounded())
            let left = x + (layout.cellWidth - w) / 2, top = 2 * y + (layout.pixelHeight - h) / 2
            for py in 0..<h {
                for px in 0..<w {
                    let t = Self.average(positions, width: tile.width, height: tile.height, x: px, y: py, scale: layout.scale)
                    let color: RGBA
                    if let t {
                        if style.color { color = map.color(at: t) }
                        else {
                            let ink = normalization == .signed ? abs(t - 0.5) * 2 : t
                            color = Colormap.gray.color(at: 1 - ink)
                        }
                    } else { color = ImageGrid.missingColor }
                    canvas.paint(left + px, top + py, color)
                }
            }
        }
        canvas.draw(into: &grid, x: rect.x, y: rect.y, style: style)
        for (index, tile) in tiles.enumerated() {
            guard var caption = tile.caption.map(style.text) else { continue }
            if !style.color, tile.correct == false { caption += style.unicode ? " ✗" : " x" }
            let (x, y) = layout.origin(index)
            let color = style.color ? tile.correct.map { $0 ? ImageGrid.rightColor : ImageGrid.wrongColor } : nil
            grid.putCentred(caption, x: rect.x + x, y: rect.y + y + layout.pixelHeight / 2, width: layout.cellWidth + 1,
                            color: color, bold: tile.correct == false)
        }
    }

    /// Where tiles go in a text rect: the scale (cells per source pixel across, half-block
    /// pixels per source pixel down), the grid's columns, and each tile's cell size.
    struct TextLayout {
        var scale: Double
        var columns: Int
        /// Cells across one tile, and half-block pixels down one tile.
        var cellWidth: Int
        var pixelHeight: Int
        var captionRows: Int

        /// The top-left cell of tile `index`.
        func origin(_ index: Int) -> (x: Int, y: Int) {
            ((index % columns) * (cellWidth + 1), (index / columns) * ((pixelHeight + 1) / 2 + captionRows + gapRows))
        }

        /// A blank row between rows of tiles without captions, so small tiles (filters) do not
        /// merge into tall stripes.
        var gapRows: Int { captionRows == 0 ? 1 : 0 }
    }

    /// The layout that makes `count` tiles largest in `columns` x `rows` cells (one blank
    /// column between tiles), nil when not even one pixel per tile fits.
    static func textLayout(count: Int, tileWidth: Int, tileHeight: Int, columns: Int, rows: Int, captionRows: Int,
                           fixedColumns: Int?) -> TextLayout? {
        var best: TextLayout?
        let choices = fixedColumns.map { [min(max($0, 1), count)] } ?? Array(1...max(1, count))
        for k in choices {
            let r = (count + k - 1) / k
            let across = Double(columns - (k - 1)) / Double(k) / Double(tileWidth)
            let gap = captionRows == 0 && r > 1 ? 1 : 0
            let down = Double(2 * ((rows + gap) / r - captionRows - gap)) / Double(tileHeight)
            // Growing goes in half steps (1, 1.5, 2, ...), so strokes stay nearly even.
            var scale = min(across, down)
            if scale >= 1 { scale = (scale * 2).rounded(.down) / 2 }
            guard scale > 0, Double(tileWidth) * scale >= 1 else { continue }
            if best == nil || scale > best!.scale {
                let w = max(1, Int((Double(tileWidth) * scale).rounded()))
                let h = max(1, Int((Double(tileHeight) * scale).rounded()))
                best = TextLayout(scale: scale, columns: k, cellWidth: w, pixelHeight: h + h % 2, captionRows: captionRows)
            }
        }
        return best
    }

    /// The mean position of the source pixels under drawn pixel (x, y) at `scale`; nil when
    /// any of them is not finite.
    static func average(_ positions: [Double?], width: Int, height: Int, x: Int, y: Int, scale: Double) -> Double? {
        let x0 = min(width - 1, Int(Double(x) / scale)), y0 = min(height - 1, Int(Double(y) / scale))
        let x1 = max(x0 + 1, min(width, Int((Double(x + 1) / scale).rounded(.up))))
        let y1 = max(y0 + 1, min(height, Int((Double(y + 1) / scale).rounded(.up))))
        var sum = 0.0
        for sy in y0..<y1 {
            for sx in x0..<x1 {
                guard let p = positions[sy * width + sx] else { return nil }
                sum += p
            }
        }
        return sum / Double((x1 - x0) * (y1 - y0))
    }
}
