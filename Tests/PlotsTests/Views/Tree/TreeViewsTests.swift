import Foundation
import Testing
@testable import Plots
import Runtime

@Suite struct TreeViewsTests {
    @Test func growthDashboardShowsTheNewestSplit() throws {
        let table = try TreeViewFixtures.moons()
        let grower = try TreeViewFixtures.tree(table, splits: 3)
        let newest = grower.tree.nodes.indices.last { !grower.tree.nodes[$0].isLeaf }!
        let figure = TreeViews.growth(grower.tree, table: table, open: grower.openNodes, newest: newest)
        let raster = figure.render()
        LookAt.save(raster, "tree-growth")
        #expect(ViewFixtures.hasInk(raster))
        for columns in [80, 200] {
            let text = figure.renderText(columns: columns, rows: 40, style: .color).plainText
            #expect(text.contains("split 3"), "\(columns) columns:\n\(text)")
            #expect(text.contains(grower.tree.rule(0, digits: 2)), "\(columns) columns:\n\(text)")
            #expect(text.contains("◀ new"), "\(columns) columns:\n\(text)")
        }
    }

    /// The outline lists every node of a small tree once, in preorder, and spells ASCII.
    @Test func outlineListsEveryNode() throws {
        let table = try TreeViewFixtures.wide()
        let tree = try TreeViewFixtures.tree(table, settings: TreeSettings(maxDepth: 3)).tree
        let chart = TreeDiagram(tree: tree)
        let lines = chart.lines(maxDepth: tree.depth)
        #expect(lines.map(\.node) == tree.preorder)
        var grid = CellGrid(width: 120, height: 40)
        chart.drawText(into: &grid, in: CellRect(x: 0, y: 0, width: 120, height: 40), style: .ascii)
        let text = grid.plainText
        #expect(text.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(text.contains("petal_length <=") || text.contains("petal_width <="), "\(text)")
        #expect(text.contains("` no: "))
    }

    /// With too few rows the outline cuts levels and says how many nodes are below.
    @Test func outlineCutsDeepTreesToTheRows() throws {
        let table = try TreeViewFixtures.moons()
        let tree = try TreeViewFixtures.tree(table, settings: TreeSettings()).tree
        #expect(tree.depth >= 5)
        var grid = CellGrid(width: 100, height: 12)
        TreeDiagram(tree: tree).drawText(into: &grid, in: CellRect(x: 0, y: 0, width: 100, height: 12), style: .monochrome)
        let text = grid.plainText
        #expect(text.contains("+"), "\(text)")
        #expect(text.split(separator: "\n").count <= 12)
    }

    @Test func pathIsHighlightedAndNamed() throws {
        let table = try TreeViewFixtures.moons()
        let tree = try TreeViewFixtures.tree(table).tree
        let row: [Float] = [0.5, 0.2]
        let figure = TreeViews.path(tree, row: row, table: table)
        LookAt.save(figure.render(), "tree-path")
        let text = figure.renderText(columns: 200, rows: 50, style: .color)
        #expect(text.plainText.contains("⇒"))
        // The path's nodes are bold, the others not.
        let way = Set(tree.path(row))
        let outline = TreeDiagram(tree: tree, path: tree.path(row)).lines(maxDepth: tree.depth)
        #expect(outline.filter { way.contains($0.node) }.count == way.count)
    }

    /// A pixel in the middle of a leaf's box has the leaf's colour.
    @Test func regionsFillLeafBoxes() throws {
        let table = try TreeViewFixtures.moons()
        let tree = try TreeViewFixtures.tree(table, settings: TreeSettings(maxDepth: 2)).tree
        let layer = TreeRegions(tree: tree, x: -2...3, y: -2...2)
        var raster = Raster(width: 200, height: 160, fill: .white)
        let frame = AxesFrame(plotArea: Rect(x: 0, y: 0, width: 200, height: 160),
                              xScale: Scale(lower: -2, upper: 3), yScale: Scale(lower: -2, upper: 2))
        layer.draw(into: &raster, frame: frame, theme: .light)
        for piece in layer.pieces() where tree.nodes[piece.node].isLeaf {
            let cx = (piece.box.x.lowerBound + piece.box.x.upperBound) / 2, cy = (piece.box.y.lowerBound + piece.box.y.upperBound) / 2
            let p = frame.point(cx, cy)
            let i = (Int(p.y) * 200 + Int(p.x)) * 4
            let color = RGBA(raster.pixels[i], raster.pixels[i + 1], raster.pixels[i + 2])
            let tooThin = (piece.box.x.upperBound - piece.box.x.lowerBound) * 40 < 4 || (piece.box.y.upperBound - piece.box.y.lowerBound) * 40 < 4
            if !tooThin { #expect(color == layer.color(piece.node), "leaf \(piece.node)") }
        }
    }

    @Test func regressionDrawsSteps() throws {
        let x: [Float] = (0..<40).map { Float($0) / 4 }
        let y = x.map { Double($0 > 5 ? 3 : 1) + Double(sin($0)) * 0.2 }
        let table = try TreeTable(x: x, y: y, features: 1, classes: 0, featureNames: ["t"])
        let tree = try TreeViewFixtures.tree(table, settings: TreeSettings(criterion: .mse, maxDepth: 2)).tree
        let figure = TreeViews.regression(tree, table: table)
        LookAt.save(figure.render(), "tree-regression")
        #expect(figure.renderText(columns: 120, rows: 30, style: .ascii).plainText.contains("t <= 5.12"))
    }

    @Test func importancesAsBarsAndAsAnImage() throws {
        let bars = TreeViews.importances([0.1, 0.6, 0.3], names: ["a", "b", "c"])
        #expect(bars.renderText(columns: 80, rows: 12, style: .ascii).plainText.contains("b"))
        let image = TreeViews.importances((0..<196).map { Double($0 % 14) }, names: (0..<196).map { "p\($0)" }, imageSide: 14)
        let raster = image.render()
        LookAt.save(raster, "tree-importance-14x14")
        #expect(ViewFixtures.hasInk(raster))
    }
}
