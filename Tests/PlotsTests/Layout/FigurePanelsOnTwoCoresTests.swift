import Foundation
import Testing
@testable import Plots

/// A figure grid draws its largest chart into a second raster (on the other core when there is
/// one) and copies it over: the picture must be the one drawing every panel in order gives.
@Suite struct FigurePanelsOnTwoCoresTests {
    static let panels = [
        Panel(Axes([LineChart(ys: (0..<200).map { sin(Double($0) / 9) })], xLabel: "step", yLabel: "value"),
              title: "a curve", row: 0, column: 0),
        Panel(Surface3D(x: -2...2, y: -2...2, samples: 24) { x, y in exp(-(x * x + y * y)) }, title: "a surface",
              row: 0, column: 1, rowSpan: 2, columnSpan: 2),
        Panel(Axes([Heatmap(values: (0..<64).map { Double($0 % 9) }, columns: 8, rows: 8, x: 0...1, y: 0...1)]),
              title: "a heatmap", row: 1, column: 0),
    ]

    /// The figure as drawing every title and chart in order on one raster gives it.
    static func inOrder(width: Int, height: Int, title: String) -> Raster {
        let theme = Theme.light
        var raster = Raster(width: width, height: height, fill: theme.background)
        let layout = GridLayout(width: width, height: height, rows: 2, columns: 3, panels: panels, hasTitle: true)
        Figure.drawTitle(title, in: layout.titleBand!, into: &raster, theme: theme)
        for slot in layout.slots {
            let panel = panels[slot.panelIndex]
            Figure.drawTitle(panel.title!, in: slot.titleBand!, into: &raster, theme: theme)
            raster.withClip(slot.chartArea) { raster in
                panel.chart!.draw(into: &raster, in: slot.chartArea, theme: theme)
            }
        }
        return raster
    }

    @Test func theLargestChartIsSetAsideInALargeFigure() {
        let raster = Raster(width: 1200, height: 720)
        let layout = GridLayout(width: 1200, height: 720, rows: 2, columns: 3, panels: Self.panels, hasTitle: true)
        #expect(Figure.slotAside(Self.panels, layout: layout, raster: raster) == 1, "the surface spans four cells")
        let small = Raster(width: 400, height: 300)
        let smallLayout = GridLayout(width: 400, height: 300, rows: 2, columns: 3, panels: Self.panels, hasTitle: true)
        #expect(Figure.slotAside(Self.panels, layout: smallLayout, raster: small) == nil, "too small to pay for it")
        let one = [Self.panels[1], Panel(nil, title: "empty")]
        let oneLayout = GridLayout(width: 1200, height: 720, rows: 1, columns: 2, panels: one, hasTitle: false)
        #expect(Figure.slotAside(one, layout: oneLayout, raster: raster) == nil, "a single chart stays here")
    }

    @Test func theFigureIsTheOneDrawingInOrderGives() {
        for (width, height) in [(1200, 720), (1013, 641)] {
            let figure = Figure.grid(rows: 2, columns: 3, panels: Self.panels, title: "three panels",
                                     width: width, height: height)
            let drawn = figure.render(width: width, height: height)
            let expected = Self.inOrder(width: width, height: height, title: "three panels")
            // Count the differing bytes rather than print two rasters of a million pixels.
            let differing = zip(drawn.pixels, expected.pixels).reduce(0) { $0 + ($1.0 == $1.1 ? 0 : 1) }
            #expect(drawn.width == expected.width && drawn.height == expected.height)
            #expect(differing == 0, "\(width)x\(height)")
            let blank = Raster(width: width, height: height, fill: Theme.light.background)
            #expect(drawn.pixels != blank.pixels, "the panels are drawn")
        }
    }
}
