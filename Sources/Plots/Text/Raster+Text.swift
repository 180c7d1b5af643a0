/// Text from the embedded bitmap fonts.
extension Raster {
    /// The size `text` takes in `font`, in pixels (unrotated): widest line x line count.
    public static func measure(_ text: String, font: Font) -> TextSize { font.size(of: text) }

    /// Draws `text` with its `anchor` point at (`x`, `y`), rounded to whole pixels so glyphs
    /// stay crisp. `\n` starts a new line; lines align to the anchor's horizontal side.
    /// Characters the font lacks draw as an outlined box of one cell.
    public mutating func drawText(_ text: String, x: Double, y: Double, font: Font = .small,
                                  color: RGBA, anchor: TextAnchor = .topLeft,
                                  rotation: TextRotation = .none) {
        guard x.isFinite, y.isFinite else { return }
        let lines = Font.cells(text)
        let boxWidth = (lines.map(\.count).max() ?? 0) * font.cellWidth
        let lineHeight = font.lineHeight
        let boxHeight = lines.count * lineHeight
        let ox: Int
        switch anchor.horizontal {
        case .left: ox = 0
        case .center: ox = boxWidth / 2
        case .right: ox = boxWidth
        }
        let oy: Int
        switch anchor.vertical {
        case .top: oy = 0
        case .middle: oy = boxHeight / 2
        case .baseline: oy = font.ascent
        case .bottom: oy = boxHeight
        }
        // A text-frame pixel (tx, ty) lands at raster (originX + tx*xx + ty*xy, originY + ...).
        let px = clampedInt(x.rounded(), -1 << 30, 1 << 30)
        let py = clampedInt(y.rounded(), -1 << 30, 1 << 30)
        let (originX, originY, xx, xy, yx, yy): (Int, Int, Int, Int, Int, Int)
        switch rotation {
        case .none: (originX, originY, xx, xy, yx, yy) = (px - ox, py - oy, 1, 0, 0, 1)
        case .up: (originX, originY, xx, xy, yx, yy) = (px - oy, py + ox - 1, 0, 1, -1, 0)
        case .down: (originX, originY, xx, xy, yx, yy) = (px + oy - 1, py - ox, 0, -1, 1, 0)
        }
        let box = clip
        guard !box.isEmpty else { return }
        let paint = Paint(color)
        let alpha = Int(color.a)
        let w = width
        let cell = font.cellWidth
        pixels.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            @inline(__always) func plot(_ tx: Int, _ ty: Int) {
                let rx = originX + tx * xx + ty * xy
                let ry = originY + tx * yx + ty * yy
                guard rx >= box.minX, rx < box.maxX, ry >= box.minY, ry < box.maxY else { return }
                paint.blend(into: base + (ry * w + rx) * 4, alpha: alpha)
            }
            for (lineNumber, line) in lines.enumerated() {
                let lineWidth = line.count * cell
                let shift: Int
                switch anchor.horizontal {
                case .left: shift = 0
                case .center: shift = (boxWidth - lineWidth) / 2
                case .right: shift = boxWidth - lineWidth
                }
                let top = lineNumber * lineHeight
                for (column, scalar) in line.enumerated() {
                    let left = shift + column * cell
                    guard let glyph = font.glyphIndex(scalar) else {
                        // Replacement box: an outline inside the cell, from cap height to baseline.
                        let x0 = left, x1 = left + cell - 2
                        let y0 = top + 2, y1 = top + font.ascent - 1
                        guard x1 > x0, y1 > y0 else { continue }
                        for tx in x0...x1 { plot(tx, y0); plot(tx, y1) }
                        for ty in (y0 + 1)..<y1 { plot(x0, ty); plot(x1, ty) }
                        continue
                    }
                    let rowBase = glyph * lineHeight
                    for row in 0..<lineHeight {
                        let bits = font.rows[rowBase + row]
                        if bits == 0 { continue }
                        for bit in 0..<cell where bits & (0x8000 >> UInt16(bit)) != 0 {
                            plot(left + bit, top + row)
                        }
                    }
                }
            }
        }
    }
}
