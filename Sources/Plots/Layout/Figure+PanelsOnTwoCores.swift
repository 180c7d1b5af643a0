import Runtime

/// Drawing a figure grid's panels, the largest on the second core.
///
/// A live dashboard is rendered for every frame, and its panels cost very different amounts:
/// in the XOR dashboard at 1200x720 the loss surface (841 shaded faces with mesh lines) took
/// about half of the frame. Its chart is drawn into a second raster while the titles and the
/// other panels are drawn into the figure's, the two pieces shared by the two cores
/// (`Parallel.pair` with a `WorkTicket`); then its pixels are copied over.
///
/// The picture is the same pixel for pixel whatever the core count: every panel draws only
/// inside its own clip (chart area or title band), the one set aside starts from the same
/// background in both rasters, and nothing else may touch its box (when a box would overlap
/// another's, everything is drawn here, in order).
extension Figure {
    /// Figures smaller than this many pixels are drawn on one thread: the hand-off and the
    /// second raster cost more than half a small panel.
    static let twoCorePixels = 200_000

    /// Draws the figure title and the panels of `layout` into `raster` (filled with the
    /// theme's background and not drawn on yet).
    static func drawPanels(_ panels: [Panel], layout: GridLayout, title: String?, theme: Theme,
                           into raster: inout Raster) {
        guard let aside = slotAside(panels, layout: layout, raster: raster) else {
            drawPanels(panels, layout: layout, title: title, theme: theme, except: nil, into: &raster)
            return
        }
        let slot = layout.slots[aside]
        var side = Raster(width: raster.width, height: raster.height, fill: theme.background)
        // Two pieces, each drawing into its own raster, taken by whichever core is free: on a
        // busy machine a worker that is not scheduled yet leaves both to this thread instead of
        // keeping it waiting with half the frame undone.
        withUnsafeMutablePointer(to: &raster) { rasterPointer in
            withUnsafeMutablePointer(to: &side) { sidePointer in
                nonisolated(unsafe) let figure = rasterPointer, second = sidePointer
                let ticket = WorkTicket()
                let work = {
                    while true {
                        switch ticket.take() {
                        case 0: drawChart(panels[slot.panelIndex], in: slot, theme: theme, into: &second.pointee)
                        case 1: drawPanels(panels, layout: layout, title: title, theme: theme, except: aside,
                                           into: &figure.pointee)
                        default: return
                        }
                    }
                }
                Parallel.pair(work, work)
            }
        }
        let box = raster.pixelBox(for: slot.chartArea, within: raster.clip)
        let rowBytes = (box.maxX - box.minX) * 4
        raster.pixels.withUnsafeMutableBytes { target in
            side.pixels.withUnsafeBytes { source in
                for y in box.minY..<box.maxY {
                    let offset = (y * raster.width + box.minX) * 4
                    (target.baseAddress! + offset).copyMemory(from: source.baseAddress! + offset, byteCount: rowBytes)
                }
            }
        }
    }

    /// Draws everything but the chart of slot `except` (its title is drawn).
    private static func drawPanels(_ panels: [Panel], layout: GridLayout, title: String?, theme: Theme,
                                   except: Int?, into raster: inout Raster) {
        if let title, let band = layout.titleBand {
            drawTitle(title, in: band, into: &raster, theme: theme)
        }
        for (index, slot) in layout.slots.enumerated() {
            let panel = panels[slot.panelIndex]
            if let text = panel.title, let band = slot.titleBand {
                drawTitle(text, in: band, into: &raster, theme: theme)
            }
            if index != except { drawChart(panel, in: slot, theme: theme, into: &raster) }
        }
    }

    private static func drawChart(_ panel: Panel, in slot: GridLayout.Slot, theme: Theme, into raster: inout Raster) {
        guard let chart = panel.chart, !slot.chartArea.isEmpty else { return }
        raster.withClip(slot.chartArea) { raster in
            chart.draw(into: &raster, in: slot.chartArea, theme: theme)
        }
    }

    /// The slot whose chart goes to the second core: the largest chart area, when the figure is
    /// large enough, there are at least two charts, and no other title or chart box overlaps it.
    static func slotAside(_ panels: [Panel], layout: GridLayout, raster: Raster) -> Int? {
        guard raster.width * raster.height >= twoCorePixels else { return nil }
        let whole = raster.clip
        func box(_ rect: Rect) -> PixelBox { raster.pixelBox(for: rect, within: whole) }
        func area(_ box: PixelBox) -> Int { box.isEmpty ? 0 : (box.maxX - box.minX) * (box.maxY - box.minY) }
        let charted = layout.slots.indices.filter { panels[layout.slots[$0].panelIndex].chart != nil }
        guard charted.count >= 2,
              let aside = charted.max(by: { area(box(layout.slots[$0].chartArea)) < area(box(layout.slots[$1].chartArea)) })
        else { return nil }
        let asideBox = box(layout.slots[aside].chartArea)
        var others = layout.titleBand.map { [box($0)] } ?? []
        for (index, slot) in layout.slots.enumerated() {
            if let band = slot.titleBand { others.append(box(band)) }
            if index != aside { others.append(box(slot.chartArea)) }
        }
        let overlaps = others.contains { other in
            !other.isEmpty && other.minX < asideBox.maxX && asideBox.minX < other.maxX
                && other.minY < asideBox.maxY && asideBox.minY < other.maxY
        }
        return overlaps || area(asideBox) == 0 ? nil : aside
    }
}
