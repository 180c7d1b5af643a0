import Foundation

/// A chart that can draw itself with terminal characters: titles, ticks and values as real
/// text, curves in braille, fields and images in half blocks. A figure panel whose chart is not
/// one is drawn as its raster reduced to half blocks (see `RasterCells`).
public protocol TextChart: Chart {
    /// Draws the chart into `rect` of `grid`, using only what `style` allows.
    func drawText(into grid: inout CellGrid, in rect: CellRect, style: TextStyle)
}

/// A layer of an `Axes` that can draw on a text plot's canvas.
public protocol TextPlotLayer: PlotLayer {
    /// Draws the layer onto `canvas`; `frame` maps data to dot, pixel and cell positions.
    func drawText(on canvas: inout DotCanvas, frame: TextFrame, style: TextStyle)
}

/// Where data lands on a text plot's canvas: braille dots (2 x 4 per cell), half-block pixels
/// (1 x 2 per cell) and cells, all from the top-left.
public struct TextFrame: Sendable {
    public var xScale: Scale
    public var yScale: Scale
    public var columns: Int
    public var rows: Int

    /// A frame for a canvas of `columns` x `rows` cells.
    public init(xScale: Scale, yScale: Scale, columns: Int, rows: Int) {
        self.xScale = xScale; self.yScale = yScale; self.columns = columns; self.rows = rows
    }

    /// The dot position of (x, y): NaN when the value cannot be shown.
    public func dot(_ x: Double, _ y: Double) -> (x: Double, y: Double) {
        (xScale.position(x) * Double(columns * 2 - 1), (1 - yScale.position(y)) * Double(rows * 4 - 1))
    }

    /// The cell of (x, y), nil when it cannot be shown or falls outside.
    public func cell(_ x: Double, _ y: Double) -> (x: Int, y: Int)? {
        let p = dot(x, y)
        guard p.x.isFinite, p.y.isFinite, p.x > -1, p.y > -1, p.x < Double(columns * 2), p.y < Double(rows * 4) else { return nil }
        return (Int((p.x / 2).rounded(.down)), Int((p.y / 4).rounded(.down)))
    }

    /// The data x at the centre of canvas column `column` of `count` equal parts.
    public func dataX(_ column: Int, of count: Int) -> Double {
        Self.value(at: (Double(column) + 0.5) / Double(count), xScale)
    }

    /// The data y at the centre of row `row` of `count` equal parts, counted from the top.
    public func dataY(_ row: Int, of count: Int) -> Double {
        Self.value(at: 1 - (Double(row) + 0.5) / Double(count), yScale)
    }

    /// The data value at `position` (0...1) of `scale`.
    static func value(at position: Double, _ scale: Scale) -> Double {
        if scale.isLog {
            let lo = log10(scale.lower), hi = log10(scale.upper)
            return pow(10, lo + (hi - lo) * position)
        }
        return scale.lower + (scale.upper - scale.lower) * position
    }
}
