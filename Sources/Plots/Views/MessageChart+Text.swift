extension MessageChart: TextChart {
    /// The message's lines centred in the rect, in the muted colour.
    public func drawText(into grid: inout CellGrid, in rect: CellRect, style: TextStyle) {
        let lines = message.split(separator: "\n", omittingEmptySubsequences: false).map { style.text(String($0)) }
        let top = rect.y + max(0, (rect.height - lines.count) / 2)
        for (i, line) in lines.enumerated() where top + i < rect.maxY {
            grid.putCentred(line, x: rect.x, y: top + i, width: rect.width, color: TextStyle.muted)
        }
    }
}
