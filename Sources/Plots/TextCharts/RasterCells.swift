/// The fallback for pictures that have no text form: a raster reduced to half blocks (two
/// averaged pixels per cell) in colour, or to shade characters without colour.
public enum RasterCells {
    /// Draws `raster` scaled to fill `rect` of `grid`.
    public static func draw(_ raster: Raster, into grid: inout CellGrid, in rect: CellRect, style: TextStyle) {
        guard !rect.isEmpty, raster.width > 0, raster.height > 0 else { return }
        let sampler = AreaSampler(raster, width: rect.width, height: rect.height * 2, background: .white)
        var canvas = DotCanvas(columns: rect.width, rows: rect.height)
        for y in 0..<(rect.height * 2) {
            for x in 0..<rect.width { canvas.paint(x, y, sampler.color(x: x, y: y)) }
        }
        canvas.draw(into: &grid, x: rect.x, y: rect.y, style: style)
    }
}
