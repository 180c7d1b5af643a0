/// The regions of a K-class classifier over a rectangle of data space: each cell in the colour
/// of its most probable class, faded towards white as that probability falls towards 1/K, so
/// confident regions are saturated and the borders between classes pale (TensorFlow
/// Playground's look, for any number of classes). Row 0 is the BOTTOM row, as in `Heatmap`.
public struct ClassRegions: PlotLayer {
    /// The most probable class of each cell `[rows, columns]`, row 0 at the bottom.
    public var classes: [Int]
    /// That class's probability `[rows, columns]`.
    public var confidence: [Double]
    /// Cells across and up.
    public var columns: Int, rows: Int
    /// The data extent the grid covers.
    public var x: ClosedRange<Double>, y: ClosedRange<Double>
    /// The number of classes (1/K is the least a most probable class can have).
    public var classCount: Int
    /// How far a fully confident cell is still moved towards white, so points on it stay
    /// readable (Playground's pale fields).
    public var fade: Double

    /// Regions from the class and confidence of every cell.
    public init(classes: [Int], confidence: [Double], columns: Int, rows: Int, x: ClosedRange<Double>,
                y: ClosedRange<Double>, classCount: Int, fade: Double = 0.45) {
        self.classes = classes; self.confidence = confidence; self.columns = columns; self.rows = rows
        self.x = x; self.y = y; self.classCount = classCount; self.fade = fade
    }

    var isValid: Bool {
        columns > 0 && rows > 0 && classes.count == columns * rows && confidence.count == classes.count
            && x.lowerBound.isFinite && x.upperBound.isFinite && y.lowerBound.isFinite && y.upperBound.isFinite
    }

    public func bounds(logY: Bool) -> DataBounds? {
        guard isValid, !logY || y.lowerBound > 0 else { return nil }
        return DataBounds(x: x, y: y, padX: false, padY: false)
    }

    /// The colour of one cell: the class colour mixed with white by how far the probability is
    /// from certain (1/K gives white).
    func color(class c: Int, confidence p: Double) -> RGBA {
        guard p.isFinite else { return RGBA(200, 200, 200) }
        let floor = 1 / Double(max(classCount, 2))
        let strength = max(0, min(1, (p - floor) / (1 - floor))) * (1 - fade)
        let base = ClassPalette.color(c)
        func mix(_ v: UInt8) -> UInt8 { UInt8((255 - (255 - Double(v)) * strength).rounded()) }
        return RGBA(mix(base.r), mix(base.g), mix(base.b))
    }

    public func draw(into raster: inout Raster, frame: AxesFrame, theme: Theme) {
        guard isValid else { return }
        var image = Raster(width: columns, height: rows)
        for row in 0..<rows {
            for column in 0..<columns {
                let k = row * columns + column
                image[column, rows - 1 - row] = color(class: classes[k], confidence: confidence[k])
            }
        }
        let topLeft = frame.point(x.lowerBound, y.upperBound)
        let bottomRight = frame.point(x.upperBound, y.lowerBound)
        guard topLeft.isFinite, bottomRight.isFinite else { return }
        raster.drawImage(image, in: Rect(x: topLeft.x, y: topLeft.y, width: bottomRight.x - topLeft.x,
                                         height: bottomRight.y - topLeft.y), interpolation: .bilinear)
    }
}
