extension NetworkDiagram: TextChart {
    /// Colours of positive and negative weights in text: a red and a blue bright enough for a
    /// dark terminal and dark enough for a light one.
    static let positiveInk = RGBA(225, 70, 60), negativeInk = RGBA(60, 120, 230)

    /// The network in text: layers as columns of nodes, each node its first label (the
    /// activation) on a chip of its activation colour, its other labels (input sum, bias) under
    /// it when there is room, or a small half-block thumbnail in its place; edges in braille,
    /// red for positive and blue for negative weights (dashed without colour), faint ones for
    /// weights under a sixth of the largest; input and output names at the sides and a key to
    /// the edge colours on the last row.
    public func drawText(into grid: inout CellGrid, in rect: CellRect, style: TextStyle) {
        if let problem {
            MessageChart(problem).drawText(into: &grid, in: rect, style: style)
            return
        }
        let keyRow = rect.height >= 6 ? 1 : 0
        let area = rect.inset(bottom: keyRow)
        let tallest = layerSizes.max() ?? 1
        let perNode = max(1, area.height / tallest)
        let hasThumbnails = thumbnails != nil
        let extraLines = hasThumbnails ? 0 : min(2, perNode - 1)
        let lines: [[[String]]] = layerSizes.indices.map { l in
            (0..<layerSizes[l]).map { i in
                (nodeLabels?[diagramSafe: l]?[diagramSafe: i] ?? []).map(style.text)
            }
        }
        let thumbRows = hasThumbnails ? max(1, min(3, perNode - (perNode > 1 ? 1 : 0))) : 0
        let inputNames = (inputLabels ?? []).map(style.text), outputNames = (outputLabels ?? []).map(style.text)
        let leftWidth = min((inputNames.map(\.count).max() ?? 0) + (inputNames.isEmpty ? 0 : 1), rect.width / 5)
        let rightWidth = min((outputNames.map(\.count).max() ?? 0) + (outputNames.isEmpty ? 0 : 1), rect.width / 5)
        var nodeWidth = hasThumbnails ? 2 * thumbRows
            : max(4, lines.flatMap { $0 }.flatMap { $0.prefix(1 + extraLines) }.map(\.count).max() ?? 4) + (style.color ? 2 : 2)
        let layersCount = layerSizes.count
        var gapWidth = layersCount > 1 ? (area.width - leftWidth - rightWidth - layersCount * nodeWidth) / (layersCount - 1) : 0
        if layersCount > 1 && gapWidth < 2 {
            nodeWidth = max(3, (area.width - leftWidth - rightWidth - 2 * (layersCount - 1)) / layersCount)
            gapWidth = max(1, (area.width - leftWidth - rightWidth - layersCount * nodeWidth) / (layersCount - 1))
        }
        let used = layersCount * nodeWidth + (layersCount - 1) * gapWidth
        let x0 = area.x + leftWidth + max(0, (area.width - leftWidth - rightWidth - used) / 2)
        func columnX(_ l: Int) -> Int { x0 + l * (nodeWidth + gapWidth) }
        let blockHeight = hasThumbnails ? thumbRows : 1 + extraLines
        func nodeY(_ l: Int, _ i: Int) -> Int {
            let n = layerSizes[l]
            let slot = Double(area.height) / Double(n)
            return area.y + Int((slot * (Double(i) + 0.5) - Double(blockHeight) / 2).rounded(.down))
        }
        func centreRow(_ l: Int, _ i: Int) -> Int { nodeY(l, i) + (hasThumbnails ? thumbRows / 2 : 0) }

        // Edges first: nodes are drawn over their ends.
        var canvas = DotCanvas(columns: rect.width, rows: rect.height)
        let largest = weights.flatMap { $0.flatMap { $0 } }.filter(\.isFinite).map(abs).max() ?? 0
        for (l, matrix) in weights.enumerated() {
            for (j, row) in matrix.enumerated() {
                for (i, w) in row.enumerated() {
                    let share = largest > 0 && w.isFinite ? abs(w) / largest : 0
                    let ink: RGBA? = style.color ? (share < 1.0 / 6 ? TextStyle.muted : (w >= 0 ? Self.positiveInk : Self.negativeInk)) : nil
                    let ax = Double((columnX(l) + nodeWidth - rect.x) * 2), bx = Double((columnX(l + 1) - rect.x) * 2 - 1)
                    let ay = Double((centreRow(l, i) - rect.y) * 4 + 2), by = Double((centreRow(l + 1, j) - rect.y) * 4 + 2)
                    canvas.line(ax, ay, bx, by, color: ink, dashed: !style.color && w < 0)
                    if share > 0.6 && style.color { canvas.line(ax, ay + 1, bx, by + 1, color: ink, dashed: !style.color && w < 0) }
                }
            }
        }
        canvas.draw(into: &grid, x: rect.x, y: rect.y, style: style)

        for l in 0..<layersCount {
            for i in 0..<layerSizes[l] {
                let x = columnX(l), y = nodeY(l, i)
                if hasThumbnails, let tile = thumbnails?[diagramSafe: l]?[diagramSafe: i] ?? nil {
                    drawThumbnail(tile, into: &grid, x: x, y: y, columns: nodeWidth, rows: thumbRows, style: style)
                    continue
                }
                let labels = lines[l][i]
                let fill = activations.flatMap { $0[diagramSafe: l]?[diagramSafe: i] }.map {
                    nodeColormap.color(at: ($0 - activationRange.lowerBound) / (activationRange.upperBound - activationRange.lowerBound))
                }
                let text = labels.first ?? ""
                if style.color {
                    let chip = fill ?? TextStyle.muted
                    grid.fill(CellRect(x: x, y: y, width: nodeWidth, height: 1), background: chip)
                    for c in x..<(x + nodeWidth) { grid[c, y].character = " " }
                    grid.putCentred(text, x: x, y: y, width: nodeWidth, color: ConfusionMatrix.textColor(on: chip, theme: .light), bold: true)
                    for c in x..<(x + nodeWidth) { grid[c, y].background = chip }
                } else {
                    let inner = CellGrid.cut(text, to: nodeWidth - 2)
                    let boxed = (style.unicode ? "(" : "[") + inner + (style.unicode ? ")" : "]")
                    for c in x..<(x + nodeWidth) { grid[c, y] = CellGrid.Cell() }
                    grid.putCentred(boxed, x: x, y: y, width: nodeWidth, bold: true)
                }
                for (k, line) in labels.dropFirst().prefix(extraLines).enumerated() {
                    for c in x..<(x + nodeWidth) { grid[c, y + 1 + k] = CellGrid.Cell() }
                    grid.putCentred(line, x: x, y: y + 1 + k, width: nodeWidth, color: TextStyle.muted)
                }
            }
        }
        for (i, name) in inputNames.enumerated() where i < layerSizes[0] {
            grid.putRight(name, end: columnX(0) - 1, y: centreRow(0, i), limit: leftWidth - 1)
        }
        let last = layersCount - 1
        for (i, name) in outputNames.enumerated() where i < layerSizes[last] {
            grid.put(name, x: columnX(last) + nodeWidth + 1, y: centreRow(last, i), limit: rightWidth - 1)
        }
        if keyRow == 1 {
            let y = rect.maxY - 1
            let solid: Character = style.unicode ? "━" : "-", dashed: Character = style.unicode ? "╍" : ":"
            let key: [(Character, RGBA?, String)] = [
                (solid, style.color ? Self.positiveInk : nil, "w > 0"),
                (style.color ? solid : dashed, style.color ? Self.negativeInk : nil, "w < 0"),
            ]
            var x = rect.x
            let lead = style.text("edges: ")
            if rect.width >= 24 { grid.put(lead, x: x, y: y, color: TextStyle.muted); x += lead.count }
            for (swatch, color, label) in key {
                grid[x, y] = CellGrid.Cell(swatch, foreground: color)
                grid[x + 1, y] = CellGrid.Cell(swatch, foreground: color)
                grid.put(label, x: x + 3, y: y, color: TextStyle.muted)
                x += label.count + 5
            }
        }
    }

    /// A node's thumbnail as half blocks, `columns` x `rows` cells.
    private func drawThumbnail(_ tile: ImageGrid.Tile, into grid: inout CellGrid, x: Int, y: Int, columns: Int, rows: Int,
                               style: TextStyle) {
        guard tile.width > 0, tile.height > 0, tile.values.count == tile.width * tile.height else { return }
        let positions = thumbnailNormalization.positions(tile.values)
        var canvas = DotCanvas(columns: columns, rows: rows)
        for py in 0..<(rows * 2) {
            for px in 0..<columns {
                let sx = min(tile.width - 1, px * tile.width / columns), sy = min(tile.height - 1, py * tile.height / (rows * 2))
                let t = positions[sy * tile.width + sx]
                let color = t.map { style.color ? thumbnailColormap.color(at: $0) : Colormap.gray.color(at: 1 - abs($0 - 0.5) * 2) }
                canvas.paint(px, py, color ?? ImageGrid.missingColor)
            }
        }
        canvas.draw(into: &grid, x: x, y: y, style: style)
    }
}
