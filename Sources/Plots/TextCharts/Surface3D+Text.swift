extension Surface3D: TextChart {
    /// Seen from above in text: the surface as a heatmap of its heights with a colour bar, the
    /// path on it as a line and its last point as a marker (a 3D view in characters would hide
    /// more than it shows).
    public func drawText(into grid: inout CellGrid, in rect: CellRect, style: TextStyle) {
        if let problem {
            MessageChart(problem).drawText(into: &grid, in: rect, style: style)
            return
        }
        asMap.drawText(into: &grid, in: rect, style: style)
    }

    /// The heatmap-and-path axes that stand for the surface in text.
    var asMap: Axes {
        let halfX = (xs[xs.count - 1] - xs[0]) / Double(2 * (xs.count - 1))
        let halfY = (ys[ys.count - 1] - ys[0]) / Double(2 * (ys.count - 1))
        let heights = Heatmap(values: z.flatMap { $0 }, columns: xs.count, rows: ys.count,
                              x: (xs[0] - halfX)...(xs[xs.count - 1] + halfX), y: (ys[0] - halfY)...(ys[ys.count - 1] + halfY),
                              colormap: colormap, label: axisNames.count > 2 ? axisNames[2] : nil)
        var layers: [any PlotLayer] = [heights]
        if let end = path.last {
            layers.append(LineChart([LineSeries(path.map(\.y), xs: path.map(\.x), color: .white, width: 1)]))
            layers.append(ScatterChart(xs: [end.x], ys: [end.y], color: pathColor))
        }
        return Axes(layers, xLabel: axisNames.first, yLabel: axisNames.count > 1 ? axisNames[1] : nil,
                    xRange: heights.x, yRange: heights.y, grid: false, legend: nil)
    }
}
