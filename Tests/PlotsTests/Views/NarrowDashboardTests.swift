import Testing
@testable import Plots
import Runtime

/// Below the width where six panels can be drawn, the XOR dashboard shows fewer, larger ones,
/// the most important first; at full width the loss surface takes a third of the grid.
@Suite struct NarrowDashboardTests {
    @Test(arguments: [(200, ["decision boundary"]),
                      (400, ["decision boundary", "training loss"]),
                      (640, ["architecture · input (0,1)", "decision boundary", "training loss", "hidden space · output boundary"])])
    func narrowDashboardsKeepTheMostImportantPanels(_ width: Int, _ titles: [String]) throws {
        let network = try ViewFixtures.xor(hidden: 2, epochs: 300, every: 100)
        let layout = XORViews.narrowPanels(network, width: width, row: 1, lineScale: 1)
        #expect(layout.panels.compactMap(\.title) == titles)
        #expect(layout.rows * layout.columns == titles.count)
        // Every panel gets at least 180 px a side at the dashboard's 5:3 shape.
        let grid = GridLayout(width: width, height: width * 3 / 5, rows: layout.rows, columns: layout.columns,
                              panels: layout.panels, hasTitle: true)
        #expect(grid.slots.count == titles.count)
        for slot in grid.slots where titles.count > 1 {
            #expect(slot.chartArea.width >= 150 && slot.chartArea.height >= 80, "\(slot.chartArea)")
        }
    }

    /// Drawn at 400 px, no panel is left empty: each chart area holds more than background.
    @Test func aNarrowDashboardDrawsNoEmptyPanel() throws {
        let network = try ViewFixtures.xor(hidden: 2, epochs: 300, every: 100)
        let raster = XORViews.dashboard(network).render(width: 400, height: 240)
        let layout = XORViews.narrowPanels(network, width: 400, row: 1, lineScale: 1)
        let grid = GridLayout(width: 400, height: 240, rows: layout.rows, columns: layout.columns,
                              panels: layout.panels, hasTitle: true)
        for slot in grid.slots {
            let area = slot.chartArea
            var colours = Set<UInt32>()
            for y in stride(from: Int(area.minY), to: Int(area.maxY), by: 2) {
                for x in stride(from: Int(area.minX), to: Int(area.maxX), by: 2) {
                    let p = raster[x, y]
                    colours.insert(UInt32(p.r) << 16 | UInt32(p.g) << 8 | UInt32(p.b))
                }
            }
            #expect(colours.count > 20, "panel \(slot.panelIndex) is nearly empty")
        }
    }

    @Test func atFullWidthTheLossSurfaceTakesAThird() throws {
        let network = try ViewFixtures.xor(hidden: 2, epochs: 300, every: 100)
        let panels = XORViews.dashboardPanels(network, row: 1)
        let grid = GridLayout(width: 1200, height: 720, rows: 4, columns: 3, panels: panels, hasTitle: true)
        let total = grid.slots.reduce(0.0) { $0 + $1.frame.width * $1.frame.height }
        let surface = try #require(grid.slots.first { panels[$0.panelIndex].chart is Surface3D })
        let share = surface.frame.width * surface.frame.height / total
        #expect(abs(share - 1.0 / 3) < 0.03, "the surface has \(share) of the panels' area")
    }
}

/// The playground dashboard below 560 px: the boundary and the loss, never four empty frames.
@Suite struct NarrowPlaygroundTests {
    @Test(arguments: [(200, ["decision boundary"]), (400, ["decision boundary", "loss"])])
    func aNarrowPlaygroundKeepsTheBoundaryAndTheLoss(_ width: Int, _ titles: [String]) throws {
        let data = try ViewFixtures.data(.circle)
        let model = try ViewFixtures.mlp(train: data.train, test: data.test, epochs: 5)
        let panels = PlaygroundViews.narrowPanels(model, train: data.train, test: data.test, discretize: false,
                                                  width: width, lineScale: 1)
        #expect(panels.compactMap(\.title) == titles)
        #expect(width < PlaygroundViews.narrowWidth)
    }
}
