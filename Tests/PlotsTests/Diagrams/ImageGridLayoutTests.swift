import Testing
@testable import Plots

@Suite struct ImageGridLayoutTests {
    @Test func digitsAreScaledByWholeFactors() {
        // 10 digits in 400x200: 5 columns x 2 rows allows 80x100 px per cell -> 2x (56 px).
        // 4 or 3 rows would be smaller, 10x1 gives 40 px -> 1x.
        let layout = ImageGridLayout(count: 10, imageWidth: 28, imageHeight: 28, x: 0, y: 0,
                                     width: 400, height: 200, gap: 4, captionHeight: 10)
        #expect(layout.scale == 2 || layout.scale == 3)
        #expect(layout.scale == layout.scale.rounded())
        for cell in layout.cells {
            #expect(cell.imageWidth == Int(28 * layout.scale))
            #expect(cell.imageX >= 0 && cell.imageX + cell.imageWidth <= 400)
            #expect(cell.imageY >= 0 && Double(cell.imageY + cell.imageHeight) + 10 <= 200)
        }
    }

    @Test(arguments: [(1, 28, 100.0, 60.0), (16, 5, 200, 200), (64, 28, 300, 300),
                      (7, 3, 50, 400), (3, 28, 1000, 100)])
    func cellsNeverOverlapAndStayInside(count: Int, side: Int, width: Double, height: Double) {
        let layout = ImageGridLayout(count: count, imageWidth: side, imageHeight: side,
                                     x: 5, y: 7, width: width, height: height, gap: 2,
                                     captionHeight: 9)
        #expect(layout.cells.count == count)
        #expect(layout.columns * layout.rows >= count)
        for (i, a) in layout.cells.enumerated() {
            #expect(a.imageX >= 5 && Double(a.imageX + a.imageWidth) <= 5 + width)
            #expect(a.imageY >= 7 && Double(a.imageY + a.imageHeight) + 9 <= 7 + height + 1)
            for b in layout.cells[(i + 1)...] {
                let apartX = a.imageX + a.imageWidth <= b.imageX || b.imageX + b.imageWidth <= a.imageX
                let apartY = a.imageY + a.imageHeight + 9 <= b.imageY
                    || b.imageY + b.imageHeight + 9 <= a.imageY
                #expect(apartX || apartY)
            }
        }
    }

    @Test func shrinksFractionallyWhenSpaceIsShort() {
        let layout = ImageGridLayout(count: 4, imageWidth: 100, imageHeight: 100, x: 0, y: 0,
                                     width: 100, height: 100, gap: 0)
        #expect(layout.columns == 2 && layout.rows == 2)
        #expect(abs(layout.scale - 0.5) < 1e-9)
    }

    @Test func requestedColumnsAreClamped() {
        let layout = ImageGridLayout(count: 3, imageWidth: 8, imageHeight: 8, x: 0, y: 0,
                                     width: 100, height: 100, columns: 10)
        #expect(layout.columns == 3 && layout.rows == 1)
        let empty = ImageGridLayout(count: 0, imageWidth: 8, imageHeight: 8, x: 0, y: 0,
                                    width: 100, height: 100)
        #expect(empty.cells.isEmpty && empty.rows == 0)
    }
}

@Suite struct ChartRobustnessTests {
    @Test func absurdRectsDrawNothingAndDoNotTrap() {
        let charts: [any Chart] = [
            ImageGrid(tiles: [ImageGrid.Tile(width: 2, height: 2, values: [0, 1, 2, 3])]),
            ConfusionMatrix(counts: [[1, 0], [0, 1]]),
            NetworkDiagram(layerSizes: [1, 1], weights: [[[1]]]),
            Surface3D(x: 0...1, y: 0...1, samples: 3) { x, y in x + y },
            Scatter3D(points: [Vector3(0, 0, 0), Vector3(1, 1, 1)]),
        ]
        let rects = [Rect(x: .nan, y: 0, width: 10, height: 10),
                     Rect(x: 0, y: 0, width: .infinity, height: 10),
                     Rect(x: 0, y: 0, width: -5, height: 10),
                     Rect(x: 1e300, y: 0, width: 10, height: 10)]
        for chart in charts {
            for rect in rects {
                var raster = Raster(width: 20, height: 20, fill: .white)
                chart.draw(into: &raster, in: rect, theme: .light)
                #expect(raster == Raster(width: 20, height: 20, fill: .white))
            }
        }
        let layout = ImageGridLayout(count: 3, imageWidth: 4, imageHeight: 4, x: .nan, y: .infinity,
                                     width: 1e300, height: 100)
        #expect(layout.cells.count == 3)
    }

    @Test func extremeDataStaysInsideTheRect() {
        var surface = Surface3D(x: -1e300...1e300, y: 0...1, samples: 4) { x, _ in x }
        surface.path = [Vector3(-1e308, 0, 0), Vector3(1e308, 1, 1e308), Vector3(.nan, 0, 0)]
        var weights = NetworkDiagram(layerSizes: [2, 1], weights: [[[.nan, .infinity]]],
                                     activations: [[.nan, 1], [-.infinity]])
        weights.nodeLabels = [[["a", "b", "c", "d"]], []]
        let charts: [any Chart] = [surface, weights,
                                   Scatter3D(points: [Vector3(.nan, 0, 0), Vector3(1, 2, 3)],
                                             plane: Scatter3DPlane(normal: Vector3(1, 0, 0), offset: .nan))]
        for chart in charts {
            var raster = Raster(width: 120, height: 100, fill: .white)
            chart.draw(into: &raster, in: Rect(x: 10, y: 10, width: 100, height: 80), theme: .light)
            for y in 0..<100 {
                for x in 0..<120 where x < 10 || x >= 110 || y < 10 || y >= 90 {
                    #expect(raster[x, y] == .white)
                }
            }
        }
    }
}
