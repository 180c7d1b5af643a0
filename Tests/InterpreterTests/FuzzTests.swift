import Foundation
import Runtime
import Testing
@testable import Interpreter

/// Feeds thousands of generated and mutated programs through `Session.run`: every one must end
/// in a value or an `NVError` (a crash or a hang fails the whole test run). Endless programs
/// are bounded by the session's step budget.
@Suite struct FuzzTests {
    static let vocabulary: [String] = [
        "x", "y", "f", "xs", "print", "len", "range", "map", "filter", "sqrt", "tensor", "rand", "append", "help",
        "fn", "if", "else", "for", "in", "while", "break", "continue", "return", "true", "false", "nil",
        "and", "or", "not", "0", "1", "-1", "2.5", "1e400", "99999999999999999999", "1e-400", "0.0",
        "\"s\"", "\"a\\(x)b\"", "\"\\(\"", "\"\\u{110000}\"", "\"\\q\"", "+", "-", "*", "/", "%", "^",
        "=", "+=", "==", "!=", "<", "<=", ">", ">=", "(", ")", "[", "]", "{", "}", ",", ":", ";", ".",
        "..<", "...", "\n", "#c\n", "x:", "!", "&&", "'", "é", "\t",
    ]

    static let seedPrograms: [String] = [
        "fn fib(n) { if n < 2 { n } else { fib(n - 1) + fib(n - 2) } }; print(fib(10))",
        "xs = [1, 2, 3]\nfor x in xs { print(x * 2) }\nys = map(xs, fn (v) { v / 0 })",
        "p = (x: 1, y: [2, 3])\np.y[0] = p.x + 1\nprint(\"p = \\(p)\")",
        "i = 0\nwhile i < 10 { i += 1; if i == 5 { break } }\nprint(i, i ^ 0.5, -i % 3)",
        "t = tensor([[1, 2], [3, 4]])\nt[0][1] = 9\nprint(t * 2 + t, t.shape, len(t))",
        "fn make() { n = 0; fn () { n += 1; n } }\nc = make(); c(); print(c(), 0..<3, 1...3)",
        "print(filter(range(10), fn (x) { x % 2 == 0 }), sum(1...10), mean([1, 2]))",
    ]

    /// Runs one program; returns normally whatever the outcome, which is the property.
    static func check(_ source: String, in session: Session) {
        switch session.run(source, name: "fuzz") {
        case .success: break
        case .failure(let error):
            _ = error.rendered(color: true)
        }
        _ = session.isIncomplete(source)
        _ = session.completions(line: source, cursor: source.utf8.count / 2)
    }

    static func fuzzSession() -> Session {
        let session = Session(display: RecordingDisplay(), options: SessionOptions(graphics: .none))
        session.stepBudget = 20_000
        return session
    }

    @Test func randomTokenPrograms() {
        var generator = SeededGenerator(seed: 1)
        var session = FuzzTests.fuzzSession()
        for round in 0..<2_000 {
            if round % 100 == 0 { session = FuzzTests.fuzzSession() }
            let count = Int(generator.next() % 30) + 1
            let tokens = (0..<count).map { _ in
                FuzzTests.vocabulary[Int(generator.next() % UInt64(FuzzTests.vocabulary.count))]
            }
            FuzzTests.check(tokens.joined(separator: generator.next() % 3 == 0 ? "" : " "), in: session)
        }
    }

    @Test func mutatedPrograms() {
        var generator = SeededGenerator(seed: 2)
        var session = FuzzTests.fuzzSession()
        for round in 0..<2_000 {
            if round % 100 == 0 { session = FuzzTests.fuzzSession() }
            var bytes = Array(FuzzTests.seedPrograms[round % FuzzTests.seedPrograms.count].utf8)
            for _ in 0..<(Int(generator.next() % 4) + 1) {
                let position = Int(generator.next() % UInt64(bytes.count + 1))
                switch generator.next() % 5 {
                case 0 where position < bytes.count: bytes.remove(at: position)
                case 1: bytes.insert(UInt8(truncatingIfNeeded: generator.next()), at: position)
                case 2 where position < bytes.count:
                    let end = min(bytes.count, position + Int(generator.next() % 12))
                    bytes.insert(contentsOf: bytes[position..<end], at: position)
                case 3:
                    let token = FuzzTests.vocabulary[Int(generator.next() % UInt64(FuzzTests.vocabulary.count))]
                    bytes.insert(contentsOf: Array(token.utf8), at: position)
                default:
                    if position < bytes.count { bytes[position] = [0xFF, 0xC3, 0x80, 0x00, 0x22, 0x28][Int(generator.next() % 6)] }
                }
            }
            FuzzTests.check(String(decoding: bytes, as: UTF8.self), in: session)
        }
    }

    @Test func unbalancedAndDeepInputs() {
        let session = FuzzTests.fuzzSession()
        let openers = ["(", "[", "{", "\"\\(", "fn (", "if x {", "-", "not ", "f(", "[[", "(x: "]
        for opener in openers {
            for depth in [1, 2, 10, 199, 200, 201, 1_000, 20_000] {
                FuzzTests.check(String(repeating: opener, count: depth), in: session)
                FuzzTests.check(String(repeating: opener, count: depth) + "1" + String(repeating: ")", count: depth), in: session)
            }
        }
        for closer in [")", "]", "}", "\"", ")))(((", "}{"] {
            FuzzTests.check(String(repeating: closer, count: 1_000), in: session)
        }
        FuzzTests.check(String(repeating: "x = 1\n", count: 20_000), in: session)
        FuzzTests.check("a = [1]\nfor i in 0..<5000 { a = [a] }\nprint(a)\nprint(a == a)", in: session)
        FuzzTests.check("s = \"ab\"\nwhile true { s = s + s }", in: session)
    }

    @Test func hugeNumbersAndDivisionByZero() {
        let session = FuzzTests.fuzzSession()
        for source in ["1e400", "99999999999999999999 * 99999999999999999999", "1 / 0", "0 / 0", "5 % 0", "2 ^ 5000",
                       "-(2 ^ 5000)", "[1, 2] / 0", "tensor([1]) / 0", "range(1e300)", "rand(1e9)", "\"x\" * 1e20",
                       "[0][1e300]", "len(0..<1e300)", "list(0..<1e300)", "sum(0..<1e300)", "round(1e300, digits: 2)",
                       "0..<1e300", "for i in 0..<1e300 { }", "tensor(0..<1e12)", "\"ab\"[99999999999999999999]",
                       "print(-0.0, 1e-400, 2 ^ 0.5)"] {
            FuzzTests.check(source, in: session)
        }
    }
}
