import Foundation

extension Axes: TextChart {
    /// The axes in text: y tick labels on a left axis line (`┤` at each tick), the layers on a
    /// braille and half-block canvas, x tick labels under a bottom axis line, the x label under
    /// them (or at the end of the tick row), a header row with the y label on the left and the
    /// legend on the right, and a colour bar with its end values on the right. Rows and labels
    /// that do not fit a small rect are left out, the plot area last.
    public func drawText(into grid: inout CellGrid, in rect: CellRect, style: TextStyle) {
        guard rect.width >= 8, rect.height >= 3 else { return }
        var bounds: DataBounds? = nil
        for layer in layers {
            guard let b = layer.bounds(logY: logY) else { continue }
            bounds = bounds.map { $0.union(b) } ?? b
        }
        let xDomain = Self.domain(fixed: xRange, data: bounds?.x, pad: bounds?.padX ?? false, log: false, fromZero: false)
        let yDomain = Self.domain(fixed: yRange, data: bounds?.y, pad: bounds?.padY ?? true, log: logY,
                                  fromZero: bounds?.yFromZero ?? false)
        let xScale = Scale(lower: xDomain.lowerBound, upper: xDomain.upperBound)
        let yScale = Scale(lower: yDomain.lowerBound, upper: yDomain.upperBound, isLog: logY)
        let colorScale = layers.lazy.compactMap(\.colorScale).first
        let entries = legend == nil ? [] : layers.flatMap(\.legendEntries)

        let hasHeader = (yLabel != nil || !entries.isEmpty) && rect.height >= 7
        let xLabelRow = xLabel != nil && rect.height >= 11
        let fixedRows = (hasHeader ? 1 : 0) + 1 + (xLabelRow ? 1 : 0)
        let axisLine = rect.height - fixedRows - 1 >= 5
        let plotRows = rect.height - fixedRows - (axisLine ? 1 : 0)
        guard plotRows >= 1 else { return }
        let top = rect.y + (hasHeader ? 1 : 0)

        var yTicks = TickSet()
        if let custom = customYTicks {
            yTicks = Self.tickSet(custom, yScale)
            yTicks = Self.thinned(yTicks, every: max(1, (yTicks.values.count + plotRows - 1) / plotRows))
        } else if bounds != nil {
            // A log axis thins whole decades: ask for more until at least two ticks show.
            var target = max(2, min(8, plotRows / 3))
            yTicks.values = yScale.ticks(target: target)
            while yTicks.values.count < 2 && target < max(2, plotRows) {
                target += 1
                yTicks.values = yScale.ticks(target: target)
            }
            yTicks.labels = yScale.labels(yTicks.values)
        }
        let yLabels = yTicks.labels.map(style.text)
        let tickWidth = min(yLabels.map(\.count).max() ?? 0, rect.width / 3)
        let left = rect.x + tickWidth + 1

        var barWidth = 0
        var barLabels: [String] = []
        if let scale = colorScale, style.color || style.unicode {
            let lo = scale.range.lowerBound, hi = scale.range.upperBound
            barLabels = [hi, lo].map { style.text(Ticks.label($0, step: abs(hi - lo) / 10)) }
            let needed = 4 + (barLabels.map(\.count).max() ?? 0)
            if rect.maxX - left - needed >= 10 { barWidth = needed }
        }
        let plotColumns = rect.maxX - left - barWidth
        guard plotColumns >= 2 else { return }

        var canvas = DotCanvas(columns: plotColumns, rows: plotRows)
        let frame = TextFrame(xScale: xScale, yScale: yScale, columns: plotColumns, rows: plotRows)
        for case let layer as TextPlotLayer in layers {
            layer.drawText(on: &canvas, frame: frame, style: style)
        }
        canvas.draw(into: &grid, x: left, y: top, style: style)
        if bounds == nil {
            grid.putCentred("no data", x: left, y: top + plotRows / 2, width: plotColumns, color: TextStyle.muted)
        }

        // The left axis with its ticks.
        let axisColor: RGBA? = style.color ? TextStyle.muted : nil
        for row in 0..<plotRows { grid[left - 1, top + row] = CellGrid.Cell(style.unicode ? "│" : "|", foreground: axisColor) }
        var lastRow = Int.min
        for (value, label) in zip(yTicks.values, yLabels) {
            let y = frame.dot(xScale.lower, value).y
            guard y.isFinite else { continue }
            let row = top + min(plotRows - 1, max(0, Int((y / 4).rounded(.down))))
            guard row != lastRow else { continue }
            lastRow = row
            grid[left - 1, row] = CellGrid.Cell(style.unicode ? "┤" : "+", foreground: axisColor)
            grid.putRight(label, end: left - 1, y: row, limit: tickWidth)
        }

        // The bottom axis, tick labels and x label.
        var row = top + plotRows
        var tickColumns: [Int] = []
        var xTicks = TickSet()
        if let custom = customXTicks {
            xTicks = Self.tickSet(custom, xScale)
            let widest = xTicks.labels.map { style.text($0).count }.max() ?? 0
            let spacing = Double(plotColumns) / Double(max(1, xTicks.values.count))
            xTicks = Self.thinned(xTicks, every: max(1, Int((Double(widest + 1) / spacing).rounded(.up))))
        } else if bounds != nil {
            var target = max(2, min(8, plotColumns / 8))
            while true {
                xTicks.values = xScale.ticks(target: target)
                xTicks.labels = xScale.labels(xTicks.values)
                let widest = xTicks.labels.map { style.text($0).count }.max() ?? 0
                let spacing = Double(plotColumns) / Double(max(1, xTicks.values.count - 1))
                if Double(widest + 2) <= spacing || target <= 2 { break }
                target -= 1
            }
        }
        for value in xTicks.values {
            let x = frame.dot(value, yScale.lower).x
            tickColumns.append(x.isFinite ? left + min(plotColumns - 1, max(0, Int((x / 2).rounded(.down)))) : Int.min)
        }
        if axisLine {
            grid[left - 1, row] = CellGrid.Cell(style.unicode ? "└" : "+", foreground: axisColor)
            for column in left..<(left + plotColumns) {
                let tick = tickColumns.contains(column)
                grid[column, row] = CellGrid.Cell(style.unicode ? (tick ? "┬" : "─") : (tick ? "+" : "-"), foreground: axisColor)
            }
            row += 1
        }
        var end = rect.x
        for (column, label) in zip(tickColumns, xTicks.labels.map(style.text)) where column != Int.min {
            let start = min(max(column - label.count / 2, rect.x), rect.maxX - label.count)
            guard start >= end else { continue }
            grid.put(label, x: start, y: row, limit: rect.maxX - start)
            end = start + label.count + 1
        }
        if let xLabel {
            let text = style.text(xLabel)
            if xLabelRow {
                grid.putCentred(text, x: left, y: row + 1, width: plotColumns, color: TextStyle.muted)
            } else if rect.maxX - end >= text.count + 1 {
                grid.putRight(text, end: rect.maxX, y: row, color: TextStyle.muted)
            }
        }

        if hasHeader {
            drawHeader(entries, into: &grid, rect: rect, left: left, style: style)
        }
        if barWidth > 0, let scale = colorScale {
            drawColorBar(scale, labels: barLabels, into: &grid, x: left + plotColumns + 1, top: top, rows: plotRows,
                         style: style)
        }
    }

    /// The y label on the left of the header row and the legend on its right: a swatch and a
    /// label per entry, as many as fit.
    private func drawHeader(_ entries: [LegendEntry], into grid: inout CellGrid, rect: CellRect, left: Int,
                            style: TextStyle) {
        var markers = 0
        var items: [(Character, RGBA?, String)] = entries.map { entry in
            let swatch: Character
            switch entry.swatch {
            case .line(_, let dash): swatch = style.unicode ? (dash == nil ? "━" : "╍") : (dash == nil ? "-" : ":")
            case .ring: swatch = style.unicode ? "○" : "o"
            case .marker where entry.label.contains("ring"): swatch = style.unicode ? "○" : "o"
            case .marker:
                // Without colour the classes are told apart by shape, in class order.
                swatch = ScatterChart.marker(markers, style: style)
                markers += 1
            case .box: swatch = style.unicode ? "█" : "#"
            }
            return (swatch, style.ink(entry.color), style.text(entry.label))
        }
        var width = items.reduce(0) { $0 + $1.2.count + 4 } - 2
        while width > rect.width - 2, !items.isEmpty {
            width -= items.removeLast().2.count + 4
        }
        var x = rect.maxX - max(0, width)
        let labelEnd = items.isEmpty ? rect.maxX : x - 2
        if let yLabel, labelEnd - rect.x >= min(6, style.text(yLabel).count) {
            grid.put(style.text(yLabel), x: rect.x, y: rect.y, color: TextStyle.muted, limit: labelEnd - rect.x)
        }
        for (swatch, color, label) in items {
            grid[x, rect.y] = CellGrid.Cell(swatch, foreground: color)
            grid.put(label, x: x + 2, y: rect.y)
            x += label.count + 4
        }
    }

    /// A two-column colour bar beside the plot, its top and bottom values on its right.
    private func drawColorBar(_ scale: ColorScale, labels: [String], into grid: inout CellGrid, x: Int, top: Int,
                              rows: Int, style: TextStyle) {
        let pixels = max(2, rows * 2 - 1)
        for row in 0..<rows {
            let upper = scale.colormap.color(at: 1 - Double(2 * row) / Double(pixels))
            let lower = scale.colormap.color(at: 1 - Double(2 * row + 1) / Double(pixels))
            let cell: CellGrid.Cell = style.color
                ? CellGrid.Cell(style.unicode ? "▀" : " ", foreground: upper, background: style.unicode ? lower : upper)
                : CellGrid.Cell(DotCanvas.shadeCharacter(DotCanvas.mean(upper, lower)!, unicode: style.unicode))
            grid[x, top + row] = cell
            grid[x + 1, top + row] = cell
        }
        grid.put(labels[0], x: x + 3, y: top)
        if rows > 1 { grid.put(labels[1], x: x + 3, y: top + rows - 1) }
    }
}
