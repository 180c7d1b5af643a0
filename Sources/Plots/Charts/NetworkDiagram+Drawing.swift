extension NetworkDiagram {
    /// Draws the diagram into `rect`: edges first (weakest under strongest), then nodes, then
    /// labels on a light backing so they read over the edges. Invalid input draws its
    /// `problem` instead.
    public func draw(into raster: inout Raster, in rect: Rect, theme: Theme = .light) {
        guard ChartMessage.shouldDraw(problem: problem, into: &raster, in: rect, theme: theme) else { return }
        let font = Font.small
        let line = Double(font.lineHeight)
        let hasThumbnails = thumbnails != nil
        let allLabels = nodeLabels?.flatMap { $0 } ?? []
        let labelCount = min(3, allLabels.map(\.count).max() ?? 0)
        let leftMargin = sideMargin(inputLabels, font: font)
        let rightMargin = sideMargin(outputLabels, font: font)
        // A key to the edge colours under the diagram, when there is room for it.
        let showsKey = rect.height >= 140 && rect.width >= 200
        let keyHeight = showsKey ? line + 4 : 0
        func makeLayout(linesBelow: Int) -> NetworkDiagramLayout {
            NetworkDiagramLayout(
                layerSizes: layerSizes, x: rect.x, y: rect.y, width: rect.width,
                height: rect.height, leftMargin: leftMargin, rightMargin: rightMargin,
                topMargin: 2, bottomMargin: 2 + keyHeight, labelLines: linesBelow, lineHeight: line,
                maxRadius: hasThumbnails ? 24 : 20, gapFraction: hasThumbnails ? 0.3 : 0.15)
        }
        // The first label goes inside the circle when the widest one fits there; otherwise
        // (small panels) it joins the others under the node.
        var layout = makeLayout(linesBelow: hasThumbnails ? labelCount : max(0, labelCount - 1))
        let widestFirst = Double(allLabels.compactMap(\.first).map { font.width(of: $0) }.max() ?? 0)
        var firstInside = !hasThumbnails
        if firstInside && labelCount > 0
            && (widestFirst > 2 * layout.radius - 2 || line > 2 * layout.radius - 2) {
            firstInside = false
            layout = makeLayout(linesBelow: labelCount)
        }
        let r = layout.radius

        raster.withClip(rect) { raster in
            drawEdges(layout, into: &raster)
            for column in layout.nodes {
                for node in column {
                    drawNode(node, radius: r, theme: theme, into: &raster)
                    drawLabels(node, layout: layout, firstInside: firstInside, font: font,
                               theme: theme, into: &raster)
                }
            }
            for (layer, ellipsis) in layout.ellipsisY.enumerated() {
                guard let y = ellipsis else { continue }
                let x = layout.columnX[layer]
                for k in -1...1 {
                    raster.fillCircle(center: Point(x, y + Double(k) * 4), radius: 1.3,
                                      color: theme.mutedText)
                }
                raster.drawText(String(layerSizes[layer]), x: x + 5, y: y, font: font,
                                color: theme.mutedText, anchor: .left)
            }
            drawSideLabels(inputLabels, column: layout.nodes.first ?? [], radius: r,
                           leftSide: true, font: font, theme: theme, into: &raster)
            drawSideLabels(outputLabels, column: layout.nodes.last ?? [], radius: r,
                           leftSide: false, font: font, theme: theme, into: &raster)
            if showsKey { drawKey(in: rect, font: font, theme: theme, into: &raster) }
        }
    }

    /// "— w > 0  — w < 0  width ~ |w|" along the bottom: what the edge colours and widths mean.
    private func drawKey(in rect: Rect, font: Font, theme: Theme, into raster: inout Raster) {
        let y = rect.maxY - Double(font.lineHeight) / 2 - 2
        var x = rect.minX + 4
        for (position, text) in [(1.0, "w > 0"), (0.0, "w < 0")] {
            raster.line(from: Point(x, y), to: Point(x + 16, y), width: 3,
                        color: Colormap.diverging.color(at: position))
            raster.drawText(text, x: x + 20, y: y, font: font, color: theme.mutedText, anchor: .left)
            x += 20 + Double(font.width(of: text)) + 12
        }
        raster.drawText("width ~ |w|", x: x, y: y, font: font, color: theme.mutedText, anchor: .left)
    }

    private func sideMargin(_ labels: [String]?, font: Font) -> Double {
        guard let labels, !labels.isEmpty else { return 2 }
        return Double(labels.map { font.width(of: $0) }.max() ?? 0) + 6
    }

    private func drawEdges(_ layout: NetworkDiagramLayout, into raster: inout Raster) {
        let largest = weights.flatMap { $0.flatMap { $0 } }.filter(\.isFinite)
            .map(abs).max() ?? 0
        let thickest = max(1.2, min(5, layout.pitch * 0.12, layout.radius * 0.5))
        // Weakest first, so strong edges are drawn on top; NaN sorts as 0 (a strict order).
        func strength(_ e: NetworkDiagramLayout.Edge) -> Double {
            let w = weights[e.layer][e.to][e.from]
            return w.isFinite ? abs(w) : 0
        }
        let ordered = layout.edges.sorted { strength($0) < strength($1) }
        for edge in ordered {
            guard let source = layout.node(layer: edge.layer, index: edge.from),
                  let target = layout.node(layer: edge.layer + 1, index: edge.to) else { continue }
            let style = NetworkDiagram.edgeStyle(weight: weights[edge.layer][edge.to][edge.from],
                                                 largest: largest, thickest: thickest)
            var color = Colormap.diverging.color(at: style.position)
            // Faint weights fade further toward the background: opacity 40%...100%.
            color.a = UInt8(255 * (0.4 + 0.6 * abs(style.position - 0.5) * 2))
            raster.line(from: Point(source.x, source.y), to: Point(target.x, target.y),
                        width: style.width, color: color)
        }
    }

    private func drawNode(_ node: NetworkDiagramLayout.Node, radius r: Double, theme: Theme,
                          into raster: inout Raster) {
        let centre = Point(node.x, node.y)
        if let tile = thumbnails?[diagramSafe: node.layer]?[diagramSafe: node.index] ?? nil {
            let side = (2 * r).rounded(.down)
            let box = Rect(x: (node.x - side / 2).rounded(.down), y: (node.y - side / 2).rounded(.down),
                           width: side, height: side)
            let grid = ImageGrid(tiles: [tile], normalization: thumbnailNormalization,
                                 colormap: thumbnailColormap, gap: 0)
            raster.fillRect(box, color: theme.plotBackground)
            grid.drawStretched(into: &raster, in: box)
            raster.strokeRect(box.insetBy(dx: -1, dy: -1), color: nodeOutline(node, theme: theme),
                              lineWidth: activations == nil ? 1 : 2)
            return
        }
        raster.fillCircle(center: centre, radius: r, color: nodeFill(node))
        raster.strokeCircle(center: centre, radius: r, color: theme.frame, lineWidth: 1)
    }

    /// The fill of a plain node: its activation on the node colormap, or a neutral gray.
    private func nodeFill(_ node: NetworkDiagramLayout.Node) -> RGBA {
        guard let value = activations?[node.layer][node.index] else { return RGBA(220, 220, 220) }
        let span = activationRange.upperBound - activationRange.lowerBound
        let t = span > 0 ? (value - activationRange.lowerBound) / span : 0.5
        return value.isFinite ? nodeColormap.color(at: t) : ImageGrid.missingColor
    }

    /// A thumbnail's frame shows the activation colour, so both readings stay available.
    private func nodeOutline(_ node: NetworkDiagramLayout.Node, theme: Theme) -> RGBA {
        activations == nil ? theme.frame : nodeFill(node)
    }

    private func drawLabels(_ node: NetworkDiagramLayout.Node, layout: NetworkDiagramLayout,
                            firstInside: Bool, font: Font, theme: Theme,
                            into raster: inout Raster) {
        guard let labels = nodeLabels?[diagramSafe: node.layer]?[diagramSafe: node.index],
              !labels.isEmpty else { return }
        let r = layout.radius
        var below = Array(labels.prefix(3))
        if firstInside {
            let inside = below.removeFirst()
            let fill = nodeFill(node)
            raster.drawText(inside, x: node.x, y: node.y, font: font,
                            color: ConfusionMatrix.textColor(on: fill, theme: theme),
                            anchor: .center)
        }
        let line = Double(font.lineHeight)
        // Labels of neighbouring columns must not meet: two centred labels no wider than the
        // column spacing (less 2 px) cannot overlap, so a wider one is left out (and the
        // lines under it move up) rather than drawn over its neighbour's.
        let spacing = zip(layout.columnX, layout.columnX.dropFirst()).map { $1 - $0 }.min()
            ?? .infinity
        let fitting = below.filter { Double(font.width(of: $0)) <= spacing - 2 }
        for (k, text) in fitting.prefix(layout.labelLines).enumerated() {
            let y = node.y + r + 1 + Double(k) * line
            let width = Double(font.width(of: text))
            var backing = theme.plotBackground
            backing.a = 200
            raster.fillRect(Rect(x: node.x - width / 2 - 1, y: y, width: width + 2, height: line),
                            color: backing)
            raster.drawText(text, x: node.x, y: y, font: font, color: theme.text, anchor: .top)
        }
    }

    private func drawSideLabels(_ labels: [String]?, column: [NetworkDiagramLayout.Node],
                                radius r: Double, leftSide: Bool, font: Font, theme: Theme,
                                into raster: inout Raster) {
        guard let labels else { return }
        for node in column {
            guard let text = labels[diagramSafe: node.index] else { continue }
            raster.drawText(text, x: leftSide ? node.x - r - 4 : node.x + r + 4, y: node.y,
                            font: font, color: theme.text, anchor: leftSide ? .right : .left)
        }
    }
}
