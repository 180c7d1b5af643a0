import Foundation
import Testing
@testable import Plots

/// What a reader must find as real characters in the text views: titles, tick labels, axis
/// labels, legend labels, values; and the ANSI encoding's rules.
@Suite struct TextChartContentTests {
    func text(_ figure: Figure, columns: Int = 64, rows: Int = 20, style: TextStyle = .monochrome) -> String {
        figure.renderText(columns: columns, rows: rows, style: style).plainText
    }

    @Test func lineChartShowsTitleTicksLabelsAndLegend() {
        let shown = text(Figure.single(ChartFixtures.lossCurves(), title: "loss curves"))
        for word in ["loss curves", "epoch", "loss", "train", "validation", "0", "20", "100", "1.0", "2.0"] {
            #expect(shown.contains(word), "missing \(word) in\n\(shown)")
        }
        #expect(shown.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) }, "the curve is braille")
    }

    @Test func logAxisLabelsArePowersOfTen() {
        let shown = text(Figure.single(ChartFixtures.logLoss(), title: "log loss"))
        #expect(shown.contains("10⁻³") || shown.contains("0.001"), "\(shown)")
    }

    @Test func barsShowEveryLabelAndValue() {
        let shown = text(Figure.single(ChartFixtures.bars()), rows: 14)
        for k in 0..<10 { #expect(shown.contains("digit \(k)")) }
        #expect(shown.contains("0.71"))
    }

    @Test func barsThatDoNotFitSayHowManyMore() {
        let shown = text(Figure.single(ChartFixtures.bars()), rows: 6)
        #expect(shown.contains("more"), "\(shown)")
    }

    @Test func confusionMatrixPrintsEveryCount() {
        let shown = text(Figure.single(TextChartFixtures.confusion()))
        for count in ["50", "41", "47", "38", "cat", "fish", "predicted"] { #expect(shown.contains(count), "\(count)") }
    }

    @Test func networkShowsNodeValuesAndInputs() {
        let shown = text(Figure.single(TextChartFixtures.network()), columns: 70, rows: 16)
        for word in ["x1 = 0", "x2 = 1", "ŷ", "Σ 0.50", "b −0.30", "w > 0", "w < 0"] {
            #expect(shown.contains(word), "missing \(word) in\n\(shown)")
        }
    }

    @Test func imageCaptionsAreText() {
        let shown = text(Figure.single(TextChartFixtures.images()))
        for caption in ["0→0", "3→5", "5→3"] { #expect(shown.contains(caption), "\(caption) in\n\(shown)") }
    }

    @Test func dashboardPanelsKeepTheirTitles() {
        for (columns, rows) in [(79, 22), (119, 38)] {
            let shown = text(ChartFixtures.dashboard(), columns: columns, rows: rows)
            for title in ["xor(hidden: 2) — epoch 4000", "Loss", "Decision boundary", "Weights", "Prediction for sample #3"] {
                #expect(shown.contains(title), "\(title) at \(columns)x\(rows)")
            }
        }
    }

    @Test func asciiStyleWritesNoEscapesAndSpellsSymbols() {
        let lines = Figure.single(ChartFixtures.logLoss(), title: "log − loss")
            .renderText(columns: 50, rows: 16, style: .ascii).lines(colors: .none)
        #expect(lines.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) })
        #expect(lines.joined().contains("log - loss"))
    }

    @Test func colourLinesResetAtTheirEndAndOnlyThere() {
        var grid = CellGrid(width: 4, height: 2)
        grid.put("ab", x: 0, y: 0, color: RGBA(255, 0, 0))
        grid.put("cd", x: 2, y: 0, color: RGBA(255, 0, 0))
        let lines = grid.lines(colors: .trueColor)
        #expect(lines[0] == "\u{1B}[38;2;255;0;0mabcd\u{1B}[0m")
        #expect(lines[1] == "    ")
        #expect(grid.lines(colors: .palette256)[0] == "\u{1B}[38;5;196mabcd\u{1B}[0m")
    }

    @Test func everySizeFromTinyToWideDrawsWithoutTrapping() {
        for (name, figure) in TextChartFixtures.cases {
            for (columns, rows) in [(1, 1), (8, 3), (20, 6), (40, 12), (200, 60)] {
                let grid = figure.renderText(columns: columns, rows: rows, style: .color)
                #expect(grid.width == columns && grid.height == rows, "\(name)")
            }
        }
    }
}
