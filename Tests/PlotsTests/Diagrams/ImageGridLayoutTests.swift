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
