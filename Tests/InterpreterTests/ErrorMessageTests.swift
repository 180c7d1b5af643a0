import Testing
@testable import Interpreter

/// Error messages, their kinds and their positions, table-driven.
@Suite struct ErrorMessageTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var source: String
        var kind: NVError.Kind
        var message: String
        /// Line and column (1-based, characters) where the caret must point.
        var line: Int
        var column: Int
        var testDescription: String { source }
    }

    static let cases: [Case] = [
        Case(source: "len(1, 2)", kind: .runtime, message: "len: expected 1 argument, got 2", line: 1, column: 1),
        Case(source: "len()", kind: .runtime, message: "len: expected 1 argument, got 0", line: 1, column: 1),
        Case(source: "sqrt(foo: 4)", kind: .runtime, message: "sqrt: unknown argument 'foo'", line: 1, column: 6),
        Case(source: "range(1, 2, 3, 4)", kind: .runtime, message: "range: expected 1 to 3 arguments, got 4", line: 1, column: 1),
        Case(source: "x = 1\nseed(-3)", kind: .runtime, message: "seed: argument 'n' must be a whole number of 0 or more, got -3", line: 2, column: 6),
        Case(source: "round(2.5, digits: 99)", kind: .runtime, message: "round: argument 'digits' must be between 0 and 15, got 99", line: 1, column: 12),
        Case(source: "rand(-1)", kind: .runtime, message: "rand: argument 1 must be a whole number of 0 or more, got -1", line: 1, column: 6),
        Case(source: "max(1, \"a\")", kind: .runtime, message: "max: argument 2 must be a number, got string \"a\"", line: 1, column: 8),
        Case(source: "nope + 1", kind: .runtime, message: "undefined variable 'nope'", line: 1, column: 1),
        Case(source: "learning_rate = 0.1\nlearning_rte * 2", kind: .runtime,
             message: "undefined variable 'learning_rte' (did you mean 'learning_rate'?)", line: 2, column: 1),
        Case(source: "lenn([1])", kind: .runtime, message: "undefined variable 'lenn' (did you mean 'len'?)", line: 1, column: 1),
        Case(source: "  [1, 2][5]", kind: .runtime, message: "index 5 is out of range for a list of 2 elements", line: 1, column: 3),
        Case(source: "[1, 2][-3]", kind: .runtime, message: "index -3 is out of range for a list of 2 elements", line: 1, column: 1),
        Case(source: "1 < \"a\"", kind: .runtime, message: "cannot compare number and string with '<'", line: 1, column: 1),
        Case(source: "nil.x", kind: .runtime, message: "a nil has no member 'x'", line: 1, column: 5),
        Case(source: "\"é\" + 1", kind: .runtime, message: "cannot add string and number (use \"\\(value)\" to put a value into a string)", line: 1, column: 1),
        Case(source: "x = \"é\"; x + nope", kind: .runtime, message: "undefined variable 'nope'", line: 1, column: 14),
        Case(source: "\tx = 1 +* 2", kind: .syntax, message: "expected an expression, found '*'", line: 1, column: 9),
        Case(source: "x = (1, 2)", kind: .syntax, message: "expected ')', found ','", line: 1, column: 7),
        Case(source: "for 1 in x {}", kind: .syntax, message: "expected a loop variable name after 'for', found number", line: 1, column: 5),
        Case(source: "fn f(x { }", kind: .syntax, message: "expected ')' to close the parameter list, found '{'", line: 1, column: 8),
        Case(source: "x = 1 && 2", kind: .syntax, message: "unexpected character '&&' (use 'and')", line: 1, column: 7),
        Case(source: "print('a')", kind: .syntax, message: "unexpected character ''' (strings use double quotes)", line: 1, column: 7),
        Case(source: "}", kind: .syntax, message: "unmatched '}'", line: 1, column: 1),
        Case(source: "continue", kind: .syntax, message: "'continue' outside a loop", line: 1, column: 1),
        Case(source: "x = (1", kind: .incomplete, message: "'(' opened at 1:5 is never closed", line: 1, column: 5),
        Case(source: "fn f() {\n  1", kind: .incomplete, message: "'{' opened at 1:8 is never closed", line: 1, column: 8),
        Case(source: "a = 1\nb = (a +\n\n", kind: .incomplete, message: "'(' opened at 2:5 is never closed", line: 2, column: 5),
        Case(source: "xs = [1,\n  [2, 3],\n  4", kind: .incomplete, message: "'[' opened at 1:6 is never closed", line: 1, column: 6),
        Case(source: "f(1, (x: 2,\n", kind: .incomplete, message: "'(' opened at 1:6 is never closed", line: 1, column: 6),
        Case(source: "if x {\n  y = [1, 2]\n", kind: .incomplete, message: "'{' opened at 1:6 is never closed", line: 1, column: 6),
        Case(source: "s = \"é \\(1 + (2 \"", kind: .incomplete, message: "'\\(' opened at 1:8 is never closed (in a string)", line: 1, column: 8),
        Case(source: "s = \"\\([1, 2)\"", kind: .syntax, message: "'[' opened at 1:8 is never closed", line: 1, column: 8),
        Case(source: "\"open", kind: .incomplete, message: "unterminated string", line: 1, column: 1),
        Case(source: "x = 2 *", kind: .incomplete, message: "expected an expression, found end of input", line: 1, column: 8),
    ]

    @Test(arguments: cases)
    func message(_ testCase: Case) throws {
        let error = try #require(failure(of: testCase.source))
        #expect(error.kind == testCase.kind)
        #expect(error.message == testCase.message)
        let location = ErrorRenderer.location(of: error.span.start, in: testCase.source)
        #expect(location.line == testCase.line && location.column == testCase.column,
                "at \(location.line):\(location.column)")
    }

    @Test func renderedErrorHasLocationLineAndCaret() throws {
        let source = "x = 1\ny = x + nope\n"
        let error = try #require(failure(of: source))
        #expect(error.rendered(color: false) == """
            test:2:9: error: undefined variable 'nope'
            y = x + nope
                    ^~~~

            """)
    }

    @Test func caretFollowsTabsAndCountsCharacters() throws {
        let source = "\t\"é\" + 1"
        let error = try #require(failure(of: source))
        let lines = error.rendered(color: false).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0].hasPrefix("test:1:2: error: cannot add string and number"))
        #expect(lines[1] == "\t\"é\" + 1")
        #expect(lines[2] == "\t^~~~~~~")
    }

    @Test func colourOnlyWhenAsked() throws {
        let error = try #require(failure(of: "nope"))
        #expect(!error.rendered(color: false).contains("\u{1B}["))
        #expect(error.rendered(color: true).contains("\u{1B}[1;31merror:"))
    }

    @Test func callChainIsListedInnermostFirst() throws {
        let source = """
            fn inner(x) { x + nope }
            fn outer() { inner(1) }
            outer()
            """
        let error = try #require(failure(of: source))
        #expect(error.callChain.map(\.function) == ["inner", "outer"])
        let text = error.rendered(color: false)
        #expect(text.contains("  in inner, called at test:2:14\n  in outer, called at test:3:1\n"))
    }

    @Test func deepRecursionFoldsRepeatedCallSites() throws {
        let error = try #require(failure(of: "fn f(n) { f(n + 1) }\nf(0)"))
        #expect(error.message.hasPrefix("recursion too deep"))
        let lines = error.rendered(color: false).split(separator: "\n")
        #expect(lines.count < 10)
        #expect(lines.contains { $0.contains("in f, called at test:1:11 (") && $0.hasSuffix("times)") })
    }

    @Test func severalSyntaxErrorsInOneRun() throws {
        let error = try #require(failure(of: "x = 1 +* 2\ny = 3\nz = )\nw = [1,, 2]"))
        #expect(error.kind == .syntax)
        let all = [error] + error.additional
        #expect(all.map { ErrorRenderer.location(of: $0.span.start, in: $0.source).line } == [1, 3, 4])
    }

    @Test func exitCodesDifferBetweenSyntaxAndRuntime() throws {
        #expect(try #require(failure(of: "x = )")).exitCode == 65)
        #expect(try #require(failure(of: "1 / 0")).exitCode == 70)
    }
}
