import Foundation
import Runtime
import Testing
@testable import Fuzzing
@testable import Interpreter

/// Feeds generated and mutated programs through `Session.run` in the test process itself: every
/// one must end in a value or an `NVError` (a crash or a hang fails the whole test run). Endless
/// programs are bounded by the session's step budget. The token soup and the program mutator are
/// the fuzzer's own (`ProgramFamilies`, `ByteMutator`); `DriverTests` runs the whole driver.
@Suite struct InProcessFuzzTests {
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
        let session = Session(display: SilentDisplay(), options: SessionOptions(graphics: .none))
        session.stepBudget = 20_000
        return session
    }

    @Test func randomTokenPrograms() {
        let families = ProgramFamilies(builtins: [], corpus: Corpus(root: Corpus.locateRoot()))
        var session = InProcessFuzzTests.fuzzSession()
        for round in 0..<2_000 {
            if round % 100 == 0 { session = InProcessFuzzTests.fuzzSession() }
            var random = FuzzRandom(seed: 1, kind: .program, index: round)
            InProcessFuzzTests.check(families.tokenSoup(&random), in: session)
        }
    }

    /// Mutations of small programs (the corpus's scripts train models, too slow to run here
    /// by the thousand; the driver mutates those).
    @Test func mutatedPrograms() {
        var session = InProcessFuzzTests.fuzzSession()
        for round in 0..<2_000 {
            if round % 100 == 0 { session = InProcessFuzzTests.fuzzSession() }
            var random = FuzzRandom(seed: 2, kind: .program, index: round)
            let seedProgram = InProcessFuzzTests.seedPrograms[round % InProcessFuzzTests.seedPrograms.count]
            InProcessFuzzTests.check(ByteMutator.mutateProgram(seedProgram, &random), in: session)
        }
    }

    @Test func unbalancedAndDeepInputs() {
        let session = InProcessFuzzTests.fuzzSession()
        let openers = ["(", "[", "{", "\"\\(", "fn (", "if x {", "-", "not ", "f(", "[[", "(x: "]
        for opener in openers {
            for depth in [1, 2, 10, 199, 200, 201, 1_000, 20_000] {
                InProcessFuzzTests.check(String(repeating: opener, count: depth), in: session)
                InProcessFuzzTests.check(String(repeating: opener, count: depth) + "1" + String(repeating: ")", count: depth), in: session)
            }
        }
        for closer in [")", "]", "}", "\"", ")))(((", "}{"] {
            InProcessFuzzTests.check(String(repeating: closer, count: 1_000), in: session)
        }
        InProcessFuzzTests.check(String(repeating: "x = 1\n", count: 20_000), in: session)
        InProcessFuzzTests.check("a = [1]\nfor i in 0..<5000 { a = [a] }\nprint(a)\nprint(a == a)", in: session)
        InProcessFuzzTests.check("s = \"ab\"\nwhile true { s = s + s }", in: session)
    }

    @Test func hugeNumbersAndDivisionByZero() {
        let session = InProcessFuzzTests.fuzzSession()
        for source in ["1e400", "99999999999999999999 * 99999999999999999999", "1 / 0", "0 / 0", "5 % 0", "2 ^ 5000",
                       "-(2 ^ 5000)", "[1, 2] / 0", "tensor([1]) / 0", "range(1e300)", "rand(1e9)", "\"x\" * 1e20",
                       "[0][1e300]", "len(0..<1e300)", "list(0..<1e300)", "sum(0..<1e300)", "round(1e300, digits: 2)",
                       "0..<1e300", "for i in 0..<1e300 { }", "tensor(0..<1e12)", "\"ab\"[99999999999999999999]",
                       "print(-0.0, 1e-400, 2 ^ 0.5)"] {
            InProcessFuzzTests.check(source, in: session)
        }
    }
}
