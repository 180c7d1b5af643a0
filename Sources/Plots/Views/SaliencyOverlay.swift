/// A saliency map laid over its digit: the digit dark on light gray, and over it a warm colour
/// whose opacity grows with the saliency (normalised to its maximum; the weakest tenth is left
/// clear), nearest-neighbour scaled.
struct SaliencyOverlay: Chart {
    /// image, saliency: [height, width]; image in 0...1, saliency ≥ 0.
    var image: [Float], saliency: [Float]
    var width: Int, height: Int

    static let heat = hex(0xE4572E)

    func draw(into raster: inout Raster, in rect: Rect, theme: Theme) {
        guard width > 0, height > 0, image.count == width * height, saliency.count == image.count else { return }
        let peak = saliency.filter(\.isFinite).max() ?? 0
        let layout = ImageGridLayout(count: 1, imageWidth: width, imageHeight: height, x: rect.x, y: rect.y,
                                     width: rect.width, height: rect.height, gap: 0)
        guard let cell = layout.cells.first, layout.scale > 0 else { return }
        let scale = layout.scale
        for dy in 0..<cell.imageHeight {
            let sy = min(height - 1, Int(Double(dy) / scale))
            for dx in 0..<cell.imageWidth {
                let sx = min(width - 1, Int(Double(dx) / scale))
                let i = sy * width + sx
                let gray = UInt8(max(0, min(1, 0.85 - 0.6 * Double(image[i].isFinite ? image[i] : 0))) * 255)
                raster.blend(x: cell.imageX + dx, y: cell.imageY + dy, color: RGBA(gray, gray, gray))
                // The weakest tenth of the saliency stays clear, so the map reads as spots on the digit.
                let s = peak > 0 && saliency[i].isFinite ? Double(saliency[i] / peak) : 0
                raster.blend(x: cell.imageX + dx, y: cell.imageY + dy, color: Self.heat, coverage: min(1, max(0, (s - 0.1) / 0.9)))
            }
        }
    }
}
