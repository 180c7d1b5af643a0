import Runtime

/// A forest's vote over the plane of two features: each cell's colour is the classes' colours
/// mixed by the share of the vote, paler where the vote is split, so the ensemble's boundary
/// shows as a soft band that narrows as trees arrive.
public struct VoteField: PlotLayer {
    public var forest: RandomForest
    public var x: ClosedRange<Double>
    public var y: ClosedRange<Double>
    public var resolution: Int

    public init(forest: RandomForest, x: ClosedRange<Double>, y: ClosedRange<Double>, resolution: Int = 56) {
        self.forest = forest; self.x = x; self.y = y; self.resolution = max(2, resolution)
    }

    public func bounds(logY: Bool) -> DataBounds? { DataBounds(x: x, y: y, padX: false, padY: false) }

    /// Colours `[rows, columns]`, row 0 at the top, sampled at cell centres.
    func colors(columns: Int, rows: Int) -> [RGBA] {
        var points = [Float]()
        points.reserveCapacity(columns * rows * 2)
        for r in 0..<rows {
            let py = y.upperBound - (y.upperBound - y.lowerBound) * (Double(r) + 0.5) / Double(rows)
            for c in 0..<columns {
                points.append(Float(x.lowerBound + (x.upperBound - x.lowerBound) * (Double(c) + 0.5) / Double(columns)))
                points.append(Float(py))
            }
        }
        let k = forest.classes
        let p = forest.probabilities(points)
        return (0..<columns * rows).map { i in Self.color(Array(p[i * k ..< (i + 1) * k])) }
    }

    /// The vote's colour: class colours weighted by share, toward white as the vote splits.
    static func color(_ shares: [Double]) -> RGBA {
        guard let top = shares.max(), top > 0 else { return .white }
        var r = 0.0, g = 0.0, b = 0.0
        for (c, s) in shares.enumerated() {
            let col = ClassPalette.color(c)
            r += s * Double(col.r); g += s * Double(col.g); b += s * Double(col.b)
        }
        let mixed = RGBA(UInt8(min(255, r.rounded())), UInt8(min(255, g.rounded())), UInt8(min(255, b.rounded())))
        let k = Double(shares.count)
        let certainty = k > 1 ? (top - 1 / k) / (1 - 1 / k) : 1
        return TreeColors.mix(.white, mixed, 0.12 + 0.5 * certainty)
    }

    public func draw(into raster: inout Raster, frame: AxesFrame, theme: Theme) {
        guard forest.features == 2, !forest.trees.isEmpty else { return }
        let n = resolution
        let cells = colors(columns: n, rows: n)
        let a = frame.point(x.lowerBound, y.upperBound), b = frame.point(x.upperBound, y.lowerBound)
        let w = (b.x - a.x) / Double(n), h = (b.y - a.y) / Double(n)
        for r in 0..<n {
            for c in 0..<n {
                raster.fillRect(Rect(x: a.x + Double(c) * w, y: a.y + Double(r) * h, width: w + 0.5, height: h + 0.5),
                                color: cells[r * n + c])
            }
        }
    }
}

extension VoteField: TextPlotLayer {
    /// One half-block pixel per vote sample (colour only; without colour the points alone).
    public func drawText(on canvas: inout DotCanvas, frame: TextFrame, style: TextStyle) {
        guard style.color, forest.features == 2, !forest.trees.isEmpty else { return }
        let cells = colors(columns: frame.columns, rows: frame.rows * 2)
        for r in 0..<frame.rows * 2 {
            for c in 0..<frame.columns { canvas.paint(c, r, cells[r * frame.columns + c]) }
        }
    }
}
