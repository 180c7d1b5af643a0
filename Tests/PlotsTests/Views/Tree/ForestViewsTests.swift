import Testing
@testable import Plots
import Runtime

@Suite struct ForestViewsTests {
    static func grown(_ table: TreeTable, trees: Int, grown: Int) throws -> ForestGrower {
        var grower = try ForestGrower(table: table, settings: ForestSettings(trees: trees, tree: TreeSettings(maxDepth: 5, maxFeatures: .sqrt)),
                                      planner: ForestPlanner(generator: SeededGenerator(seed: 3)))
        grower.addTrees(grown)
        return grower
    }

    @Test func dashboardOnTwoFeatures() throws {
        let grower = try Self.grown(try TreeViewFixtures.moons(), trees: 12, grown: 7)
        let figure = ForestViews.dashboard(grower)
        let raster = figure.render()
        LookAt.save(raster, "forest-moons")
        #expect(ViewFixtures.hasInk(raster))
        for columns in [80, 200] {
            let text = figure.renderText(columns: columns, rows: 44, style: .color).plainText
            #expect(text.contains("7 of 12 trees"), "\(columns):\n\(text)")
        }
        let text = figure.renderText(columns: 200, rows: 44, style: .ascii).plainText
        #expect(text.contains("of 7 trees"), "\(text)")
    }

    @Test func dashboardOnFourFeaturesShowsImportance() throws {
        let grower = try Self.grown(try TreeViewFixtures.wide(), trees: 10, grown: 10)
        let figure = ForestViews.dashboard(grower)
        LookAt.save(figure.render(), "forest-wide")
        let text = figure.renderText(columns: 200, rows: 44, style: .color).plainText
        #expect(text.contains("importance") && text.contains("petal_length"), "\(text)")
    }

    /// Every tree votes once: the bar's counts add up to the trees.
    @Test func voteBarCountsEveryTree() throws {
        let bar = VoteBar(votes: [0, 2, 2, 1, 2], probabilities: [0.2, 0.2, 0.6], classNames: ["a", "b", "c"])
        #expect(bar.counts == [1, 1, 3])
        var grid = CellGrid(width: 40, height: 4)
        bar.drawText(into: &grid, in: CellRect(x: 0, y: 0, width: 40, height: 4), style: .monochrome)
        #expect(grid.plainText.contains("c: 3 of 5 trees · P 0.6"))
    }

    @Test func emptyForestDrawsMessages() throws {
        let grower = try Self.grown(try TreeViewFixtures.moons(), trees: 5, grown: 0)
        let figure = ForestViews.dashboard(grower)
        #expect(ViewFixtures.hasInk(figure.render()))
        #expect(figure.renderText(columns: 100, rows: 30, style: .ascii).plainText.contains("0 of 5 trees"))
    }
}
