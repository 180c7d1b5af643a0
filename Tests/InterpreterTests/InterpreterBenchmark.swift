import Foundation
import Testing
@testable import Interpreter

/// Prints the CPU time of the interpreter on the programs issue 2 compares with CPython
/// (`fib(25)`, a 1,000,000-iteration `for` and `while` sum), best of several runs. Runs only
/// when NV_BENCH is set, in release:
/// `NV_BENCH=1 swift test -c release --disable-testable-imports --filter InterpreterBenchmark`.
/// NV_BENCH_RUNS sets the number of runs, NV_BENCH_ONLY a name prefix (e.g. `fib`, for `perf`).
/// It measures and prints; it asserts only that each program ran.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["NV_BENCH"] != nil))
struct InterpreterBenchmark {
    /// name, setup run once, measured program.
    static let programs: [(String, String, String)] = [
        ("fib(25)", "fn fib(n) { if n < 2 { n } else { fib(n - 1) + fib(n - 2) } }", "fib(25)"),
        ("for-loop sum", "", "total = 0; for i in 0..<1000000 { total = total + i }; total"),
        ("while-loop sum", "", "total = 0; i = 0; while i < 1000000 { total = total + i; i = i + 1 }; total"),
    ]

    /// CPU time of the whole process (all threads: the session evaluates on its own thread).
    static func cpuSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    @Test func interpreterSpeed() {
        let runs = Int(ProcessInfo.processInfo.environment["NV_BENCH_RUNS"] ?? "") ?? 7
        let only = ProcessInfo.processInfo.environment["NV_BENCH_ONLY"]
        for (name, setup, program) in InterpreterBenchmark.programs where only.map({ name.hasPrefix($0) }) ?? true {
            let (session, _) = makeSession()
            if !setup.isEmpty { _ = session.run(setup, name: "setup") }
            var best = Double.infinity
            for _ in 0..<runs {
                let start = InterpreterBenchmark.cpuSeconds()
                let outcome = session.run(program, name: "bench")
                best = min(best, InterpreterBenchmark.cpuSeconds() - start)
                if case .failure(let error) = outcome { Issue.record("\(name): \(error.message)") }
            }
            print("nv-bench \(name.padding(toLength: 16, withPad: " ", startingAt: 0)) \(String(format: "%8.2f", best * 1000)) ms (best of \(runs), CPU time)")
        }
    }
}
