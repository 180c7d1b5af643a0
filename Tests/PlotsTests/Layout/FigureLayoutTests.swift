import Testing
@testable import Plots

/// A chart that paints its whole rect one colour, to see where a figure put it.
private struct Swatch: Chart {
    let color: RGBA
    func draw(into raster: inout Raster, in rect: Rect, theme: Theme) { raster.fillRect(rect, color: color) }
}

@Suite struct FigureLayoutTests {
    static func overlaps(_ a: Rect, _ b: Rect) -> Bool { !a.intersection(b).isEmpty }

    @Test func twoByTwoGridSplitsTheFigureEvenly() {
        let panels = (0..<4).map { Panel(nil, title: "p\($0)") }
        let layout = GridLayout(width: 1200, height: 700, rows: 2, columns: 2, panels: panels, hasTitle: true)
        #expect(layout.slots.count == 4)
        let frames = layout.slots.map(\.frame)
        for (i, a) in frames.enumerated() {
            #expect(a.minX >= 8 && a.maxX <= 1192 && a.maxY <= 692, "inside the margins")
            #expect(a.minY >= layout.titleBand!.maxY, "below the title")
            for b in frames[(i + 1)...] { #expect(!Self.overlaps(a, b)) }
        }
        #expect(abs(frames[0].width - frames[1].width) <= 1 && abs(frames[0].height - frames[2].height) <= 1)
        #expect(frames[1].minX > frames[0].maxX && frames[2].minY > frames[0].maxY, "row-major order")
        let slot = layout.slots[0]
        #expect(slot.chartArea.minY == slot.titleBand!.maxY, "chart under its title")
    }

    @Test func spansAndExplicitPlacementsAreHonoured() {
        let panels = [Panel(nil, row: 0, column: 0, columnSpan: 2), Panel(nil), Panel(nil), Panel(nil)]
        let layout = GridLayout(width: 900, height: 600, rows: 2, columns: 3, panels: panels, hasTitle: false)
        let wide = layout.slots[0].frame
        let cell = layout.slots[1].frame
        #expect(wide.width > 2 * cell.width, "spans two cells and the gap between")
        #expect(cell.minX > wide.maxX, "the next free cell is to the right of the span")
        #expect(layout.slots[2].frame.minY > wide.maxY, "then the next row")
    }

    @Test func tooManyPanelsAddRowsInsteadOfVanishing() {
        let layout = GridLayout(width: 400, height: 400, rows: 1, columns: 2, panels: (0..<5).map { _ in Panel(nil) },
                                hasTitle: false)
        #expect(layout.slots.count == 5 && layout.rows == 3)
    }

    @Test func clashingPlacementMovesToAFreeCell() {
        let layout = GridLayout(width: 400, height: 400, rows: 2, columns: 2,
                                panels: [Panel(nil, row: 0, column: 0), Panel(nil, row: 0, column: 0)], hasTitle: false)
        #expect(layout.slots.count == 2)
        #expect(!Self.overlaps(layout.slots[0].frame, layout.slots[1].frame))
    }

    @Test func figureDrawsEachChartInsideItsPanel() {
        let figure = Figure.grid(rows: 1, columns: 2, panels: [Panel(Swatch(color: RGBA(255, 0, 0)), title: "red"),
                                                               Panel(Swatch(color: RGBA(0, 0, 255)))],
                                 title: "two", width: 400, height: 200)
        let raster = figure.render()
        let layout = GridLayout(width: 400, height: 200, rows: 1, columns: 2,
                                panels: [Panel(nil, title: "red"), Panel(nil)], hasTitle: true)
        let red = layout.slots[0].chartArea, blue = layout.slots[1].chartArea
        #expect(raster[Int(red.midX), Int(red.midY)] == RGBA(255, 0, 0))
        #expect(raster[Int(blue.midX), Int(blue.midY)] == RGBA(0, 0, 255))
        #expect(raster[2, 2] == Theme.light.background, "opaque background in the margin")
        #expect(raster.pixels.enumerated().allSatisfy { $0.offset % 4 != 3 || $0.element == 255 }, "fully opaque")
    }

    @Test(arguments: [(0, 0, 16, 16), (-5, 300, 16, 300), (100_000, 50, 4096, 50), (640, 420, 640, 420)])
    func absurdSizesAreClamped(width: Int, height: Int, expectedWidth: Int, expectedHeight: Int) {
        let figure = Figure.single(ChartFixtures.lossCurves(), title: "clamped")
        let raster = figure.render(width: width, height: height == 300 ? 300 : height)
        #expect(raster.width == expectedWidth && raster.height == expectedHeight)
    }
}
