import Testing
@testable import Runtime

@Suite struct VisibleTextTests {
    @Test func controlCharactersBecomeEscapes() {
        #expect(visible("a\u{1B}]52;c;eA==\u{07}b") == "a\\u{1b}]52;c;eA==\\u{7}b")
        #expect(visible("line\nnext\ttab\r\0") == "line\\nnext\\ttab\\r\\0")
        #expect(visible("\u{9B}2J \u{85} \u{7F}") == "\\u{9b}2J \\u{85} \\u{7f}", "C1 controls and DEL")
        #expect(visible("abc\u{202E}fed\u{2066}\u{200F}") == "abc\\u{202e}fed\\u{2066}\\u{200f}", "bidi controls")
        #expect(visible("héllo 数字 🙂") == "héllo 数字 🙂", "printable text is untouched")
    }

    @Test func longTextIsCutWithACount() {
        #expect(visible(String(repeating: "x", count: 125)) == String(repeating: "x", count: 120) + "… (5 more characters)")
        #expect(visible("abcd", limit: 3) == "abc… (1 more character)")
        #expect(visible("abc", limit: 3) == "abc")
        // The escapes of the kept characters do not count against the limit; the cut is in characters.
        #expect(visible("\u{1B}\u{1B}\u{1B}", limit: 2) == "\\u{1b}\\u{1b}… (1 more character)")
    }

    @Test func messagesKeepTheirLines() {
        #expect(VisibleText.escapeKeepingLines("one\n\ttwo \u{1B}[2J") == "one\n\ttwo \\u{1b}[2J")
        #expect(!VisibleText.hasControls("plain\u{00E9}"))
        #expect(VisibleText.hasControls("\u{9B}"))
    }
}
