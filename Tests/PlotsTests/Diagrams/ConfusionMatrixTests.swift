import Testing
@testable import Plots

@Suite struct ConfusionMatrixTests {
    static let counts = [[50, 2, 0], [5, 40, 5], [0, 1, 9]]

    @Test func positionsScaleByLargestCountOrByRow() {
        let plain = ConfusionMatrix(counts: Self.counts).cellPositions
        #expect(plain[0][0] == 1 && plain[1][1] == 0.8 && plain[2][2] == 9.0 / 50)
        let rows = ConfusionMatrix(counts: Self.counts, normalizeRows: true).cellPositions
        #expect(rows[2][2] == 0.9 && rows[1][0] == 0.1)
        #expect(ConfusionMatrix(counts: [[0, 0], [0, 0]], normalizeRows: true).cellPositions
            == [[0, 0], [0, 0]])
    }

    @Test(arguments: [
        ([[Int]](), nil as [String]?, "no classes"),
        ([[1, 2], [3]], nil, "row 1 has 1 counts, expected 2 (one per class)"),
        ([[1, -2], [3, 4]], nil, "count at row 0, column 1 is negative (-2)"),
        ([[1, 2], [3, 4]], ["cat"], "1 class names for 2 classes"),
    ])
    func badInputIsNamed(counts: [[Int]], names: [String]?, message: String) {
        #expect(ConfusionMatrix(counts: counts, classNames: names).problem == message)
    }

    @Test func textContrastsWithItsCell() {
        let theme = Theme.light
        #expect(ConfusionMatrix.textColor(on: ConfusionMatrix.blues.color(at: 1), theme: theme) == .white)
        #expect(ConfusionMatrix.textColor(on: ConfusionMatrix.blues.color(at: 0), theme: theme) == theme.text)
    }

    @Test func longNamesAreCutSoTheGridKeepsItsRoom() {
        let long = String(repeating: "very long class name ", count: 5)
        var raster = Raster(width: 240, height: 200, fill: .white)
        ConfusionMatrix(counts: [[3, 1], [0, 4]], classNames: [long, "b"])
            .draw(into: &raster, in: Rect(x: 0, y: 0, width: 240, height: 200))
        // The darkest cell (count 4) is still drawn, at a readable size: at least 40 px wide.
        let darkest = ConfusionMatrix.blues.color(at: 1)
        let row = (0..<200).first { y in (0..<240).contains { raster[$0, y] == darkest } }
        let width = row.map { y in (0..<240).filter { raster[$0, y] == darkest }.count } ?? 0
        #expect(width >= 40)
    }

    @Test func rendersCellsInMapColours() {
        var raster = Raster(width: 240, height: 200, fill: Theme.light.background)
        let chart = ConfusionMatrix(counts: Self.counts, classNames: ["cat", "dog", "bird"])
        chart.draw(into: &raster, in: Rect(x: 0, y: 0, width: 240, height: 200))
        LookAt.save(raster, "charts-confusion")
        let darkest = ConfusionMatrix.blues.color(at: 1)
        let emptiest = ConfusionMatrix.blues.color(at: 0)
        #expect((0..<240).contains { x in (0..<200).contains { y in raster[x, y] == darkest } })
        #expect((0..<240).contains { x in (0..<200).contains { y in raster[x, y] == emptiest } })

        var many = Raster(width: 320, height: 300, fill: Theme.light.background)
        let tenByTen = (0..<10).map { i in (0..<10).map { j in i == j ? 90 + i : (i + 2 * j) % 7 } }
        ConfusionMatrix(counts: tenByTen, classNames: ["T-shirt", "Trouser", "Pullover", "Dress",
                                                       "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
                                                       "Boot"], normalizeRows: true)
            .draw(into: &many, in: Rect(x: 0, y: 0, width: 320, height: 300))
        LookAt.save(many, "charts-confusion10")
    }
}
