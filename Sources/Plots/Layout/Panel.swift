/// One titled cell (or block of cells) of a figure grid, holding a chart.
public struct Panel: Sendable {
    /// Drawn centred above the chart in the large font; nil for none.
    public var title: String?
    /// What the panel shows; nil leaves it empty (background only).
    public var chart: (any Chart)?
    /// The grid row and column of the top-left cell; nil places the panel in the next free
    /// cell, row by row.
    public var row: Int?
    public var column: Int?
    /// How many rows and columns the panel covers (clamped to at least 1 and to the grid).
    public var rowSpan: Int
    public var columnSpan: Int

    /// A panel showing `chart` under `title`, placed and spanned as given.
    public init(_ chart: (any Chart)?, title: String? = nil, row: Int? = nil, column: Int? = nil,
                rowSpan: Int = 1, columnSpan: Int = 1) {
        self.chart = chart; self.title = title; self.row = row; self.column = column
        self.rowSpan = rowSpan; self.columnSpan = columnSpan
    }
}
