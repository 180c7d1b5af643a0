import Foundation
import Testing
@testable import Plots

/// Text renderings of every chart kind at a fixed size from fixed data, compared with `Golden`
/// files (Goldens/text-charts; UnicodePlots style: one reference file per chart and form). The
/// plain forms (`.txt`, no colour) read in any editor; the colour forms (`.ansi`, 24-bit) show
/// with `cat`.
@Suite struct TextChartGoldenTests {
    static let columns = 64, rows = 20

    /// The forms each figure is stored in: file extension suffix, style, colours.
    static let forms: [(String, TextStyle, TextColors)] = [
        ("txt", .monochrome, .none),
        ("ascii.txt", .ascii, .none),
        ("ansi", .color, .trueColor),
    ]

    static func rendering(_ name: String, form: String) throws -> String {
        let figure = try #require(TextChartFixtures.cases.first { $0.0 == name }).1
        let (_, style, colors) = try #require(forms.first { $0.0 == form })
        let grid = figure.renderText(columns: columns, rows: rows, style: style)
        return grid.lines(colors: colors).joined(separator: "\n") + "\n"
    }

    @Test(arguments: TextChartFixtures.cases.map(\.0), forms.map(\.0))
    func matchesItsReferenceFile(name: String, form: String) throws {
        let text = try Self.rendering(name, form: form)
        try Golden.check(text: text, "text-charts/\(name).\(form)")
    }

    @Test func asciiFormsHoldOnlyPrintableASCII() throws {
        for (name, _) in TextChartFixtures.cases {
            let text = try Self.rendering(name, form: "ascii.txt")
            #expect(text.unicodeScalars.allSatisfy { $0 == "\n" || (0x20...0x7E).contains($0.value) }, "\(name)")
        }
    }
}
