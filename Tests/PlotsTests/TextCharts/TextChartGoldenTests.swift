import Foundation
import Testing
@testable import Plots

/// Text renderings of every chart kind at a fixed size from fixed data, compared with the
/// files in `Golden/` (UnicodePlots style: one reference file per chart and form). The plain
/// forms (`.txt`, no colour) read in any editor; the colour forms (`.ansi`, 24-bit) show with
/// `cat`. After an intended change run with `NV_RECORD_TEXT_GOLDEN=1`: every case is written
/// and FAILS, so a regenerated file is never taken silently; look at each one, then run again
/// without the variable.
@Suite struct TextChartGoldenTests {
    static let columns = 64, rows = 20

    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    }

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
        let url = Self.directory.appendingPathComponent("\(name).\(form)")
        if ProcessInfo.processInfo.environment["NV_RECORD_TEXT_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("recorded \(url.lastPathComponent): look at it, then run without NV_RECORD_TEXT_GOLDEN")
            return
        }
        let golden = try String(contentsOf: url, encoding: .utf8)
        #expect(text == golden, "\(name).\(form) differs from its reference file; now:\n\(text)")
    }

    @Test func asciiFormsHoldOnlyPrintableASCII() throws {
        for (name, _) in TextChartFixtures.cases {
            let text = try Self.rendering(name, form: "ascii.txt")
            #expect(text.unicodeScalars.allSatisfy { $0 == "\n" || (0x20...0x7E).contains($0.value) }, "\(name)")
        }
    }
}
