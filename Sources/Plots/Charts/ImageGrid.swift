/// One image or a grid of small images — MNIST digits, conv filters, feature maps — each
/// normalised on its own and drawn with nearest-neighbour scaling, with an optional caption
/// under each (a predicted label, green when right and red-orange when wrong).
public struct ImageGrid: Chart {
    /// One grayscale image and its caption.
    public struct Tile: Sendable {
        public var width: Int
        public var height: Int
        /// values: [height, width], row-major from the top-left.
        public var values: [Float]
        public var caption: String?
        /// Whether the caption states a right (true) or wrong (false) prediction; nil for a
        /// neutral caption. A wrong tile also gets a frame in the "wrong" colour.
        public var correct: Bool?

        /// A tile of `width` x `height` values with an optional caption and verdict.
        public init(width: Int, height: Int, values: [Float], caption: String? = nil,
                    correct: Bool? = nil) {
            self.width = width; self.height = height; self.values = values
            self.caption = caption; self.correct = correct
        }
    }

    /// Caption colour of a right prediction (Okabe–Ito bluish green).
    public static let rightColor = hex(0x009E73)
    /// Caption and frame colour of a wrong prediction (Okabe–Ito vermillion); the pair stays
    /// distinct for red-green colour blindness.
    public static let wrongColor = hex(0xD55E00)
    /// Colour of non-finite values.
    public static let missingColor = RGBA(255, 0, 255)

    public var tiles: [Tile]
    public var normalization: ImageGridNormalization
    /// The map from normalised value to colour; nil picks gray, or the diverging map for
    /// `.signed`.
    public var colormap: Colormap?
    /// Columns of the grid; nil chooses the count that makes the images largest.
    public var columns: Int?
    /// Pixels between tiles.
    public var gap: Double

    /// A grid of tiles, each normalised on its own with `normalization`.
    public init(tiles: [Tile], normalization: ImageGridNormalization = .minMax,
                colormap: Colormap? = nil, columns: Int? = nil, gap: Double = 4) {
        self.tiles = tiles; self.normalization = normalization; self.colormap = colormap
        self.columns = columns; self.gap = gap
    }

    /// A single image (a grid of one).
    public init(image: Tile, normalization: ImageGridNormalization = .minMax,
                colormap: Colormap? = nil) {
        self.init(tiles: [image], normalization: normalization, colormap: colormap, gap: 0)
    }

    /// What is wrong with the input, in words for the learner, or nil when it can be drawn.
    public var problem: String? {
        if tiles.isEmpty { return "no images" }
        for (i, tile) in tiles.enumerated() {
            if tile.width < 1 || tile.height < 1 {
                return "image \(i): size \(tile.width)x\(tile.height) has no pixels"
            }
            if tile.values.count != tile.width * tile.height {
                return "image \(i): \(tile.values.count) values for \(tile.width)x\(tile.height)"
                    + " (\(tile.width * tile.height) expected)"
            }
        }
        return nil
    }

    /// The colormap actually used.
    public var effectiveColormap: Colormap {
        colormap ?? (normalization == .signed ? .diverging : .gray)
    }

    /// Draws the grid into `rect` of `raster` (the rectangle is not filled: the panel's
    /// background shows between tiles). Invalid input draws its `problem` instead.
    public func draw(into raster: inout Raster, in rect: Rect, theme: Theme = .light) {
        guard ChartMessage.isDrawable(rect) else { return }
        if let problem {
            ChartMessage.draw(problem, into: &raster, in: rect, theme: theme)
            return
        }
        let font = Font.small
        let hasCaptions = tiles.contains { $0.caption != nil }
        let layout = ImageGridLayout(
            count: tiles.count, imageWidth: tiles.map(\.width).max() ?? 1,
            imageHeight: tiles.map(\.height).max() ?? 1, x: rect.x, y: rect.y,
            width: rect.width, height: rect.height, gap: gap,
            captionHeight: hasCaptions ? Double(font.lineHeight + 1) : 0, columns: columns)
        guard layout.scale > 0 else { return }
        let map = effectiveColormap
        raster.withClip(rect) { raster in
            for (tile, cell) in zip(tiles, layout.cells) {
                drawTile(tile, cell: cell, scale: layout.scale, colormap: map, into: &raster)
                if let full = tile.caption {
                    // A caption wider than its tile (and the gap) is cut with "…" so it never
                    // runs into the neighbour's.
                    let columns = max(1, (cell.imageWidth + Int(gap)) / font.cellWidth)
                    let caption = Legend.truncated(full, columns: columns)
                    let color = tile.correct.map { $0 ? ImageGrid.rightColor : ImageGrid.wrongColor }
                        ?? theme.text
                    raster.drawText(caption, x: cell.captionCentreX, y: cell.captionTop,
                                    font: font, color: color, anchor: .top)
                }
                if normalization == .signed && tile.correct != false {
                    // Zero is near-white on the diverging map, like the page: outline the tile.
                    raster.strokeRect(Rect(x: Double(cell.imageX - 1), y: Double(cell.imageY - 1),
                                           width: Double(cell.imageWidth + 2),
                                           height: Double(cell.imageHeight + 2)),
                                      color: theme.grid, lineWidth: 1)
                }
                if tile.correct == false {
                    raster.strokeRect(Rect(x: Double(cell.imageX - 2), y: Double(cell.imageY - 2),
                                           width: Double(cell.imageWidth + 4),
                                           height: Double(cell.imageHeight + 4)),
                                      color: ImageGrid.wrongColor, lineWidth: 1)
                }
            }
        }
    }

    /// Nearest-neighbour: destination pixel (dx, dy) shows source pixel (dx / k, dy / k); a
    /// tile smaller than the grid's largest is drawn at the same scale, centred in its cell.
    private func drawTile(_ tile: Tile, cell: ImageGridLayout.Cell, scale: Double,
                          colormap: Colormap, into raster: inout Raster) {
        // positions: [height, width] in 0...1, nil for non-finite values.
        let positions = normalization.positions(tile.values)
        let colors = positions.map { $0.map(colormap.color(at:)) ?? ImageGrid.missingColor }
        let drawnW = Int((Double(tile.width) * scale).rounded(.down))
        let drawnH = Int((Double(tile.height) * scale).rounded(.down))
        let left = cell.imageX + (cell.imageWidth - drawnW) / 2
        let top = cell.imageY + (cell.imageHeight - drawnH) / 2
        for dy in 0..<drawnH {
            let sy = min(tile.height - 1, Int(Double(dy) / scale))
            for dx in 0..<drawnW {
                let sx = min(tile.width - 1, Int(Double(dx) / scale))
                raster.blend(x: left + dx, y: top + dy, color: colors[sy * tile.width + sx])
            }
        }
    }
}

extension ImageGrid {
    /// Draws the first tile stretched (nearest neighbour) to fill `rect` exactly, for a
    /// thumbnail whose box is set by someone else (a network node).
    func drawStretched(into raster: inout Raster, in rect: Rect) {
        guard problem == nil, let tile = tiles.first else { return }
        let positions = normalization.positions(tile.values)
        let map = effectiveColormap
        let colors = positions.map { $0.map(map.color(at:)) ?? ImageGrid.missingColor }
        let left = Int(rect.x.rounded(.down)), top = Int(rect.y.rounded(.down))
        let w = Int(rect.width.rounded(.down)), h = Int(rect.height.rounded(.down))
        guard w > 0, h > 0 else { return }
        for dy in 0..<h {
            let sy = min(tile.height - 1, dy * tile.height / h)
            for dx in 0..<w {
                let sx = min(tile.width - 1, dx * tile.width / w)
                raster.blend(x: left + dx, y: top + dy, color: colors[sy * tile.width + sx])
            }
        }
    }
}
