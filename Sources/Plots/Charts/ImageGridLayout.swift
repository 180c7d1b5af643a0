/// Where the tiles of an image grid go: how many columns, how large each image is drawn, and
/// the pixel rectangle of every image and caption.
///
/// Images are scaled by a whole factor whenever they can be enlarged at all (nearest
/// neighbour, so a 28x28 digit stays crisp: every source pixel becomes an exact k x k block);
/// only when a tile must shrink below its source size is the factor fractional. With no
/// column count given, the count is the one that makes the images largest in the rectangle.
public struct ImageGridLayout: Equatable, Sendable {
    /// The pixel rectangle (x, y, width, height; whole pixels) of one drawn image and of the
    /// caption line under it.
    public struct Cell: Equatable, Sendable {
        public var imageX: Int, imageY: Int, imageWidth: Int, imageHeight: Int
        public var captionCentreX: Double, captionTop: Double
    }

    public let columns: Int
    public let rows: Int
    /// Drawn pixels per source pixel.
    public let scale: Double
    public let cells: [Cell]

    /// Lays out `count` images of at most `imageWidth` x `imageHeight` source pixels in the
    /// rectangle, `gap` pixels apart, with `captionHeight` pixels under each image for its
    /// caption (0 for none). `columns` (if given) is clamped to 1...count.
    public init(count: Int, imageWidth: Int, imageHeight: Int, x: Double, y: Double,
                width: Double, height: Double, gap: Double = 4, captionHeight: Double = 0,
                columns requested: Int? = nil) {
        let n = max(0, count)
        // Non-finite or absurd geometry would overflow the integer pixel positions below.
        func sane(_ v: Double) -> Double { v.isFinite ? min(1e6, max(-1e6, v)) : 0 }
        let x = sane(x), y = sane(y), width = sane(width), height = sane(height)
        let sourceW = Double(max(1, imageWidth)), sourceH = Double(max(1, imageHeight))
        let gap = max(0, gap.isFinite ? gap : 0)
        let captionHeight = max(0, captionHeight.isFinite ? captionHeight : 0)
        func scale(columns c: Int) -> Double {
            let r = (n + c - 1) / c
            let cellW = (width - gap * Double(c - 1)) / Double(c)
            let cellH = (height - gap * Double(r - 1)) / Double(r) - captionHeight
            let fit = min(cellW / sourceW, cellH / sourceH)
            guard fit > 0, fit.isFinite else { return 0 }
            return fit >= 1 ? fit.rounded(.down) : fit
        }
        let columns: Int
        if n == 0 {
            columns = 1
        } else if let requested {
            columns = min(max(1, requested), n)
        } else {
            // Largest scale wins; among equals, the squarer grid (fewer columns first).
            columns = (1...n).max { a, b in scale(columns: a) < scale(columns: b) } ?? 1
        }
        let rows = n == 0 ? 0 : (n + columns - 1) / columns
        let k = n == 0 ? 0 : scale(columns: columns)
        self.columns = columns
        self.rows = rows
        self.scale = k

        let drawnW = (sourceW * k).rounded(.down), drawnH = (sourceH * k).rounded(.down)
        let blockW = Double(columns) * drawnW + Double(columns - 1) * gap
        let blockH = Double(rows) * (drawnH + captionHeight) + Double(max(0, rows - 1)) * gap
        let left = x + max(0, (width - blockW) / 2)
        let top = y + max(0, (height - blockH) / 2)
        self.cells = (0..<n).map { index in
            let column = Double(index % columns), row = Double(index / columns)
            let cellX = (left + column * (drawnW + gap)).rounded(.down)
            let cellY = (top + row * (drawnH + captionHeight + gap)).rounded(.down)
            return Cell(imageX: Int(cellX), imageY: Int(cellY),
                        imageWidth: Int(drawnW), imageHeight: Int(drawnH),
                        captionCentreX: cellX + drawnW / 2, captionTop: cellY + drawnH + 1)
        }
    }
}
