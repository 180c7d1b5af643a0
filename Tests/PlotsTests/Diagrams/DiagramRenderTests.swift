import Testing
@testable import Plots

/// Renders every diagram at a small fixed size, checks properties a broken drawing would fail,
/// and saves the picture for a person to look at (NV_LOOK_DIR).
@Suite struct DiagramRenderTests {
    static func digitGrid() -> Raster {
        let tiles = (0..<10).map { label in
            ImageGrid.Tile(width: 28, height: 28, values: DiagramSamples.digit(label),
                           caption: "\(label == 7 ? 1 : label)", correct: label != 7)
        }
        var raster = Raster(width: 360, height: 180, fill: Theme.light.background)
        ImageGrid(tiles: tiles).draw(into: &raster, in: Rect(x: 0, y: 0, width: 360, height: 180))
        return raster
    }

    static func filterGrid() -> Raster {
        let tiles = DiagramSamples.filters(count: 8, side: 5, seed: 3).map {
            ImageGrid.Tile(width: 5, height: 5, values: $0)
        }
        var raster = Raster(width: 200, height: 100, fill: Theme.light.background)
        ImageGrid(tiles: tiles, normalization: .signed)
            .draw(into: &raster, in: Rect(x: 0, y: 0, width: 200, height: 100))
        return raster
    }

    @Test func digitsAreCrispAndCaptionsColoured() {
        let raster = Self.digitGrid()
        LookAt.save(raster, "charts-digits")
        let layout = ImageGridLayout(count: 10, imageWidth: 28, imageHeight: 28, x: 0, y: 0,
                                     width: 360, height: 180, gap: 4,
                                     captionHeight: Double(Font.small.lineHeight + 1))
        let k = Int(layout.scale)
        #expect(k >= 2)
        // Nearest neighbour: every k x k block of the first digit is one colour.
        let cell = layout.cells[0]
        for sy in 0..<28 {
            for sx in 0..<28 {
                let corner = raster[cell.imageX + sx * k, cell.imageY + sy * k]
                #expect(raster[cell.imageX + sx * k + k - 1, cell.imageY + sy * k + k - 1] == corner)
            }
        }
        // Gray map: the ring's brightest pixel is white, the background black.
        #expect(raster[cell.imageX, cell.imageY] == .black)
        // The wrong prediction (index 7) is framed in the "wrong" colour.
        let wrong = layout.cells[7]
        #expect(raster[wrong.imageX - 2, wrong.imageY + 5] == ImageGrid.wrongColor)
        #expect(raster[layout.cells[6].imageX - 2, layout.cells[6].imageY + 5] != ImageGrid.wrongColor)
        // Captions are drawn in their verdict colours somewhere under the images.
        let captionRows = (cell.imageY + cell.imageHeight)..<min(180, cell.imageY + cell.imageHeight + 14)
        let inkRight = captionRows.contains { y in
            (cell.imageX..<(cell.imageX + cell.imageWidth)).contains { raster[$0, y] == ImageGrid.rightColor }
        }
        #expect(inkRight)
    }

    @Test func signedFiltersShowBothSigns() {
        let raster = Self.filterGrid()
        LookAt.save(raster, "charts-filters")
        // Diverging map: both blue-ish (negative) and red-ish (positive) pixels appear.
        var reds = 0, blues = 0
        for y in 0..<raster.height {
            for x in 0..<raster.width {
                let c = raster[x, y]
                if Int(c.r) - Int(c.b) > 80 { reds += 1 }
                if Int(c.b) - Int(c.r) > 80 { blues += 1 }
            }
        }
        #expect(reds > 100 && blues > 100)
    }

    @Test func longCaptionsAreCutToTheirTile() {
        let tiles = (0..<4).map { _ in
            ImageGrid.Tile(width: 8, height: 8, values: [Float](repeating: 1, count: 64),
                           caption: "a caption far wider than its tile")
        }
        var raster = Raster(width: 200, height: 60, fill: .white)
        let grid = ImageGrid(tiles: tiles, columns: 4, gap: 4)
        grid.draw(into: &raster, in: Rect(x: 0, y: 0, width: 200, height: 60))
        let layout = ImageGridLayout(count: 4, imageWidth: 8, imageHeight: 8, x: 0, y: 0,
                                     width: 200, height: 60, gap: 4,
                                     captionHeight: Double(Font.small.lineHeight + 1), columns: 4)
        // Caption ink of tile 0 stays left of the middle of the gap to tile 1.
        let boundary = (layout.cells[0].imageX + layout.cells[0].imageWidth + layout.cells[1].imageX) / 2
        let captionRows = (layout.cells[0].imageY + layout.cells[0].imageHeight)..<60
        let firstInk = (0..<200).first { x in captionRows.contains { raster[x, $0] != .white } } ?? 0
        #expect(firstInk >= layout.cells[0].imageX - 6)
        let inkInGap = captionRows.contains { y in raster[boundary, y] != .white }
        #expect(!inkInGap)
    }

    @Test func badImagesDrawAMessageInsteadOfCrashing() {
        let grid = ImageGrid(tiles: [ImageGrid.Tile(width: 28, height: 28, values: [1, 2, 3])])
        #expect(grid.problem == "image 0: 3 values for 28x28 (784 expected)")
        #expect(ImageGrid(tiles: []).problem == "no images")
        var raster = Raster(width: 200, height: 40, fill: .white)
        grid.draw(into: &raster, in: Rect(x: 0, y: 0, width: 200, height: 40))
        #expect(raster.pixels.contains { $0 < 200 })  // the message is visible
    }
}
