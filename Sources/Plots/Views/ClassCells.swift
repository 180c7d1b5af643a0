/// A plane split into hard class cells: a grid of class indices (the nearest centroid's cluster
/// — Voronoi cells — or a kNN prediction) drawn in pale versions of the class palette, so the
/// points on top keep their full colours; cells of index −1 are left empty. (`ClassRegions`
/// shades a classifier's regions by its confidence instead.)
public struct ClassCells: PlotLayer {
    /// classes: [rows, columns], row 0 at the lowest y.
    public var classes: [Int]
    public var columns: Int
    public var rows: Int
    /// The data range the grid covers (cell edges).
    public var x: ClosedRange<Double>
    public var y: ClosedRange<Double>
    /// How far each palette colour is moved towards white (0 = full colour, 1 = white).
    public var paleness: Double

    /// Regions of `classes` `[rows, columns]` over `x` × `y`.
    public init(classes: [Int], columns: Int, rows: Int, x: ClosedRange<Double>, y: ClosedRange<Double>,
                paleness: Double = 0.72) {
        self.classes = classes; self.columns = columns; self.rows = rows; self.x = x; self.y = y
        self.paleness = paleness
    }

    /// The pale colour of class `k`.
    public func color(_ k: Int) -> RGBA {
        Self.pale(ClassPalette.color(k), paleness)
    }

    /// `color` moved `amount` of the way to white, and further for dark colours (the palette's
    /// black) until its luminance is at least 0.78, so points of every class read on it.
    static func pale(_ color: RGBA, _ amount: Double) -> RGBA {
        func mix(_ v: UInt8, _ t: Double) -> Double { Double(v) + (255 - Double(v)) * t }
        var t = amount
        while t < 0.95 {
            let y = (0.2126 * mix(color.r, t) + 0.7152 * mix(color.g, t) + 0.0722 * mix(color.b, t)) / 255
            if y >= 0.78 { break }
            t += 0.02
        }
        return RGBA(UInt8(mix(color.r, t).rounded()), UInt8(mix(color.g, t).rounded()), UInt8(mix(color.b, t).rounded()))
    }

    public func bounds(logY: Bool) -> DataBounds? {
        DataBounds(x: x, y: y, padX: false, padY: false)
    }

    /// The grid as one image scaled over its range (nearest cell), so neighbouring cells of one
    /// class show no seams.
    public func draw(into raster: inout Raster, frame: AxesFrame, theme: Theme) {
        guard columns > 0, rows > 0, classes.count >= rows * columns else { return }
        var image = Raster(width: columns, height: rows, fill: RGBA(0, 0, 0, 0))
        for r in 0..<rows {
            for c in 0..<columns where classes[r * columns + c] >= 0 {
                image[c, rows - 1 - r] = color(classes[r * columns + c])
            }
        }
        let a = frame.point(x.lowerBound, y.upperBound), b = frame.point(x.upperBound, y.lowerBound)
        raster.drawImage(image, in: Rect(x: a.x, y: a.y, width: b.x - a.x, height: b.y - a.y))
    }
}
