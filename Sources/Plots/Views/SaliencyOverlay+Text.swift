extension SaliencyOverlay: TextChart {
    /// The digit in gray with the saliency laid over it in the heat colour, in half blocks at
    /// the largest scale that fits (shade characters of the saliency alone without colour).
    func drawText(into grid: inout CellGrid, in rect: CellRect, style: TextStyle) {
        guard width > 0, height > 0, image.count == width * height, saliency.count == image.count,
              let layout = ImageGrid.textLayout(count: 1, tileWidth: width, tileHeight: height, columns: rect.width,
                                                rows: rect.height, captionRows: 0, fixedColumns: 1) else { return }
        let peak = Double(saliency.filter(\.isFinite).max() ?? 0)
        let heat = Self.heat
        let pixels: [Double?] = (0..<image.count).map { Double(image[$0].isFinite ? image[$0] : 0) }
        let shares: [Double?] = saliency.map { peak > 0 && $0.isFinite ? Double($0) / peak : 0 }
        let w = Int((Double(width) * layout.scale).rounded()), h = Int((Double(height) * layout.scale).rounded())
        var canvas = DotCanvas(columns: rect.width, rows: rect.height)
        let left = (rect.width - w) / 2, top = 0   // top-aligned, as the image grids beside it
        for py in 0..<h {
            for px in 0..<w {
                let ink = ImageGrid.average(pixels, width: width, height: height, x: px, y: py, scale: layout.scale) ?? 0
                let s = ImageGrid.average(shares, width: width, height: height, x: px, y: py, scale: layout.scale) ?? 0
                let gray = max(0, min(1, 0.85 - 0.6 * ink)) * 255
                let t = style.color ? min(1, max(0, (s - 0.1) / 0.9)) : 0
                func mix(_ c: UInt8) -> UInt8 { UInt8((gray + (Double(c) - gray) * t).rounded()) }
                let color = style.color ? RGBA(mix(heat.r), mix(heat.g), mix(heat.b)) : Colormap.gray.color(at: 1 - s)
                canvas.paint(left + px, top + py, color)
            }
        }
        canvas.draw(into: &grid, x: rect.x, y: rect.y, style: style)
    }
}
