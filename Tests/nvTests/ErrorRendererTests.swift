import Interpreter
import Testing
@testable import nv

@Suite struct SourcePlaceTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var source: String
        var start: Int
        var end: Int
        var line: Int
        var column: Int
        var lineText: String
        var caretIndent: String
        var caret: String
        var testDescription: String { "\(source.debugDescription) [\(start), \(end))" }
    }

    @Test(arguments: [
        Case(source: "x = 1 +* 2", start: 7, end: 8, line: 1, column: 8, lineText: "x = 1 +* 2",
             caretIndent: "       ", caret: "^"),
        Case(source: "a\nbb cc\n", start: 5, end: 7, line: 2, column: 4, lineText: "bb cc",
             caretIndent: "   ", caret: "^~"),
        // Tabs are copied so the caret lines up whatever the tab width.
        Case(source: "\tx = y", start: 5, end: 6, line: 1, column: 6, lineText: "\tx = y",
             caretIndent: "\t    ", caret: "^"),
        // Columns count characters, not bytes: é is two bytes.
        Case(source: "é = 1 +", start: 8, end: 8, line: 1, column: 8, lineText: "é = 1 +",
             caretIndent: "       ", caret: "^"),
        Case(source: "fé(ab)", start: 4, end: 6, line: 1, column: 4, lineText: "fé(ab)",
             caretIndent: "   ", caret: "^~"),
        // End of input after a final newline points after the last line, not at an empty one.
        Case(source: "f(1\n", start: 4, end: 4, line: 1, column: 4, lineText: "f(1",
             caretIndent: "   ", caret: "^"),
        // Out-of-range and reversed spans are clamped.
        Case(source: "ab", start: 100, end: 200, line: 1, column: 3, lineText: "ab",
             caretIndent: "  ", caret: "^"),
        Case(source: "ab", start: -5, end: -1, line: 1, column: 1, lineText: "ab",
             caretIndent: "", caret: "^"),
        Case(source: "abcd", start: 3, end: 1, line: 1, column: 4, lineText: "abcd",
             caretIndent: "   ", caret: "^"),
        // A span over several lines is marked on its first line only.
        Case(source: "ab\ncd", start: 1, end: 4, line: 1, column: 2, lineText: "ab",
             caretIndent: " ", caret: "^"),
        // CRLF line ends: the \r is not part of the shown line.
        Case(source: "a\r\nbc\r\n", start: 3, end: 5, line: 2, column: 1, lineText: "bc",
             caretIndent: "", caret: "^~"),
        Case(source: "", start: 0, end: 0, line: 1, column: 1, lineText: "", caretIndent: "", caret: "^"),
        // A span that starts inside a multi-byte character does not crash.
        Case(source: "é", start: 1, end: 2, line: 1, column: 2, lineText: "é", caretIndent: " ", caret: "^"),
    ])
    func place(_ c: Case) {
        let place = SourcePlace(span: SourceSpan(start: c.start, end: c.end), source: c.source)
        #expect(place.line == c.line)
        #expect(place.column == c.column)
        #expect(place.lineText == c.lineText)
        #expect(place.caretIndent == c.caretIndent)
        #expect(place.caret == c.caret)
    }
}

@Suite struct ErrorRendererTests {
    private func error(_ message: String, _ source: String, _ start: Int, _ end: Int) -> NVError {
        NVError(kind: .syntax, message: message, span: SourceSpan(start: start, end: end),
                file: "demo.nv", source: source)
    }

    @Test func plainLayout() {
        let text = ErrorRenderer(useColor: false)
            .render(error("expected an expression", "print(1)\nx = 1 +* 2\n", 16, 17))
        #expect(text == "demo.nv:2:8: error: expected an expression\nx = 1 +* 2\n       ^\n")
    }

    @Test func colourOnlyWhenAsked() {
        let failure = error("bad", "x", 0, 1)
        #expect(!ErrorRenderer(useColor: false).render(failure).contains("\u{1B}["))
        let coloured = ErrorRenderer(useColor: true).render(failure)
        #expect(coloured.contains("\u{1B}[1;31merror:\u{1B}[0m"))
        #expect(coloured.contains("\u{1B}[1;32m^\u{1B}[0m"))
    }

    @Test func callChainNotesAreBounded() {
        var failure = error("recursion too deep", "fn f(n) { f(n + 1) }\nf(0)", 10, 18)
        failure.kind = .runtime
        let call = (function: "f", file: "demo.nv", span: SourceSpan(start: 10, end: 18),
                    source: failure.source)
        failure.callChain = Array(repeating: call, count: 20)
        let renderer = ErrorRenderer(useColor: false, maxCallChainNotes: 3)
        let lines = renderer.render(failure).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.filter { $0.hasPrefix("demo.nv:1:11: note: in a call to 'f'") }.count == 3)
        #expect(lines.contains("... and 17 more calls"))
    }

    @Test func plainMessage() {
        #expect(ErrorRenderer(useColor: false).renderPlain("cannot read 'x'") == "nv: error: cannot read 'x'\n")
    }
}
