/// The plane a picture of an MLP samples: input column `xAxis` across `xRange`, column `yAxis`
/// across `yRange`, every other column held at its value in `base` (a table's means, say), so
/// a network of four inputs still draws its regions over two of them.
public struct InputPlane: Sendable, Equatable {
    /// The columns spanned.
    public var xAxis: Int, yAxis: Int
    /// Their ranges (inclusive; samples sit on both ends).
    public var xRange: ClosedRange<Float>, yRange: ClosedRange<Float>
    /// A value for every input column `[dimension]`; the two spanned ones are ignored.
    public var base: [Float]

    /// A plane over columns `xAxis` and `yAxis` with the others held at `base`.
    public init(xAxis: Int = 0, yAxis: Int = 1, xRange: ClosedRange<Float>, yRange: ClosedRange<Float>, base: [Float]) {
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.xRange = xRange
        self.yRange = yRange
        self.base = base
    }

    /// The square `range` × `range` over columns 0 and 1, the others at 0.
    public init(square range: ClosedRange<Float>, dimension: Int) {
        self.init(xRange: range, yRange: range, base: [Float](repeating: 0, count: max(dimension, 2)))
    }

    /// Grid points `[resolution², dimension]` row-major: point i·resolution + j has y at step i
    /// and x at step j (row 0 at the lowest y), the other columns from `base`.
    /// - Throws: `RuntimeError` when the axes or `base` do not fit `dimension` columns.
    func points(resolution: Int, dimension d: Int) throws -> [Float] {
        guard base.count == d, (0..<d).contains(xAxis), (0..<d).contains(yAxis), xAxis != yAxis else {
            throw RuntimeError("the plane spans columns \(xAxis) and \(yAxis) of \(base.count), but the network takes \(d) inputs")
        }
        var points = [Float]()
        points.reserveCapacity(d * resolution * resolution)
        for i in 0..<resolution {
            let y = GridField.coordinate(i, of: resolution, in: yRange)
            for j in 0..<resolution {
                var row = base
                row[xAxis] = GridField.coordinate(j, of: resolution, in: xRange)
                row[yAxis] = y
                points += row
            }
        }
        return points
    }
}
