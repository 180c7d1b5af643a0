import Testing
@testable import Interpreter

/// The parser's tree for small programs, printed as S-expressions by `ASTPrinter`.
@Suite struct ParserSnapshotTests {
    static let snapshots: [(source: String, tree: String)] = [
        ("1 + 2 * 3", "(+ 1 (* 2 3))"),
        ("(1 + 2) * 3", "(* (+ 1 2) 3)"),
        ("2 ^ 3 ^ 2", "(^ 2 (^ 3 2))"),
        ("-2 ^ 2", "(- (^ 2 2))"),
        ("-x", "(- x)"),
        ("a - b - c", "(- (- a b) c)"),
        ("not a and b or c", "(or (and (not a) b) c)"),
        ("a < b == c", "(== (< a b) c)"),
        ("a - b + c - d", "(- (+ (- a b) c) d)"),
        ("a * b / c % d", "(% (/ (* a b) c) d)"),
        ("a and b and c or d or e", "(or (or (and (and a b) c) d) e)"),
        ("a < b < c", "(< (< a b) c)"),
        ("0..<n + 1", "(..< 0 (+ n 1))"),
        ("1...3", "(... 1 3)"),
        ("x = [1, \"a\", nil, true]", "(= x (list 1 \"a\" nil true))"),
        ("p = (x: 1, y: -2)", "(= p (record x: 1 y: -2))"),
        ("(x)", "x"),
        ("net.layers[0].weight[0][1] = 0.5", "(= (index (index (. (index (. net layers) 0) weight) 0) 1) 0.5)"),
        ("x += 1", "(= x (+ x 1))"),
        ("a[f()] += 1", "(+= (index a (call f)) 1)"),
        ("p.x *= 2", "(*= (. p x) 2)"),
        ("train(net, epochs: 4000, every: 100)", "(call train net epochs: 4000 every: 100)"),
        ("f(a)(b)", "(call (call f a) b)"),
        ("fn add(a, b) { a + b }", "(fn add (a b) (+ a b))"),
        ("fn (x) { x * x }", "(fn _ (x) (* x x))"),
        ("if a { 1 } else if b { 2 } else { 3 }", "(if a (block 1) (if b (block 2) (block 3)))"),
        ("for x in xs { print(x); continue }", "(for x xs (call print x) (continue))"),
        ("while true { break }", "(while true (break))"),
        ("fn f() { return }", "(fn f () (return))"),
        ("\"x = \\(1 + 2)!\"", "(interpolate \"x = \" (+ 1 2) \"!\")"),
        ("{ a = 1; a }", "(block (= a 1) a)"),
        ("f(\n  1,\n  2\n)", "(call f 1 2)"),
        ("x = 1 +\n  2", "(= x (+ 1 2))"),
        ("a\nb; c", "a\nb\nc"),
        ("# only a comment", ""),
    ]

    @Test(arguments: snapshots.indices)
    func snapshot(_ index: Int) {
        let (source, tree) = ParserSnapshotTests.snapshots[index]
        let (program, issues) = Parser.parse(source)
        #expect(issues.isEmpty, "\(source): \(issues.map(\.message))")
        #expect(ASTPrinter.print(program) == tree, "\(source)")
    }

    @Test func spansAreByteOffsets() {
        let (program, _) = Parser.parse("x = \"é\" + 22")
        guard case .assign(let target, let value) = program[0].kind else {
            Issue.record("expected an assignment")
            return
        }
        #expect(target.span == SourceSpan(start: 0, end: 1))
        #expect(value.span == SourceSpan(start: 4, end: 13))
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        for source in [String(repeating: "(", count: 100_000), String(repeating: "[", count: 100_000) + "1",
                       String(repeating: "-", count: 100_000) + "1", String(repeating: "(1 + ", count: 100_000) + "1",
                       String(repeating: "not ", count: 100_000) + "true", String(repeating: "{", count: 100_000),
                       String(repeating: "f(", count: 50_000), "x" + String(repeating: ".a", count: 100_000),
                       String(repeating: "2 ^ ", count: 100_000) + "2", String(repeating: "\"\\(", count: 50_000)] {
            let error = failure(of: source)
            #expect(error != nil)
            if let error { #expect(error.kind != .runtime) }
        }
    }

    /// A chain of one operator level is one flat node, not nesting: 100,000 terms parse
    /// (they were "nested too deeply" from 201 on) and run.
    @Test func longFlatChainsAreNotNesting() {
        let (program, issues) = Parser.parse("x = " + String(repeating: "1 + ", count: 100_000) + "1")
        #expect(issues.isEmpty, "\(issues.map(\.message))")
        guard case .assign(_, let value)? = program.first?.kind, case .chain(_, let links) = value.kind else {
            Issue.record("expected an assignment of a chain")
            return
        }
        #expect(links.count == 100_000)
        let (session, _) = makeSession()
        for (source, expected) in [(String(repeating: "1 + ", count: 100_000) + "1", "100001"),
                                   (String(repeating: "true and ", count: 100_000) + "true", "true"),
                                   (String(repeating: "false or ", count: 100_000) + "true", "true")] {
            guard case .success(let echo) = session.run(source, name: "chain") else {
                Issue.record("a chain of 100,000 terms failed")
                continue
            }
            #expect(echo == expected)
        }
    }

    /// Duplicate parameters and fields are found with a set: 300,000 of each parse (with the
    /// old pairwise check, minutes) and the function and record work.
    @Test func manyParametersAndFieldsParseInLinearTime() {
        let count = 300_000
        let parameters = (0..<count).map { "p\($0)" }.joined(separator: ", ")
        let fields = (0..<count).map { "f\($0): \($0)" }.joined(separator: ", ")
        let (session, _) = makeSession()
        let source = "fn f(\(parameters)) { p0 }\nr = (\(fields))\n[len(r), r.f299999]"
        guard case .success(let echo) = session.run(source, name: "wide") else {
            Issue.record("wide function and record failed")
            return
        }
        #expect(echo == "[300000, 299999]")
        let duplicate = "fn g(" + parameters + ", p7) { 0 }"
        #expect(failure(of: duplicate)?.message == "duplicate parameter 'p7'")
    }
}
