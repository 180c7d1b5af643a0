/// The algorithmic tasks, each a rule whose right attention pattern can be predicted:
/// - `reverse`: output position i is input position L−1−i (the anti-diagonal);
/// - `copy`: output i is input i (the diagonal);
/// - `sort`: output i is the i-th smallest input (attend to the tokens of the right rank);
/// - `add`: "a + b = _ _ _" with the sum's digits at the blanks (each blank reads the digits
///   of its column, and to the right of it for the carry).
/// Test sequences are drawn from the same distribution but never appear in the training split.
public enum SequenceTasks {
    /// The share of `n` held out for testing.
    public static let testFraction = 0.2
    /// At most this many sequences per task, so a typo cannot allocate gigabytes.
    public static let maximumCount = 1_000_000

    /// Input → reversed input.
    public static func reverse(length: Int = 8, vocab: Int = 10, n: Int = 20_000, seed: UInt64 = 0) throws -> SequenceTask {
        try digits("reverse", length: length, vocab: vocab, n: n, seed: seed) { Array($0.reversed()) }
    }

    /// Input → the same input.
    public static func copy(length: Int = 8, vocab: Int = 10, n: Int = 20_000, seed: UInt64 = 0) throws -> SequenceTask {
        try digits("copy", length: length, vocab: vocab, n: n, seed: seed) { $0 }
    }

    /// Input → its tokens in increasing order.
    public static func sort(length: Int = 8, vocab: Int = 10, n: Int = 20_000, seed: UInt64 = 0) throws -> SequenceTask {
        try digits("sort", length: length, vocab: vocab, n: n, seed: seed) { $0.sorted() }
    }

    /// "a₁…a_d + b₁…b_d = _ … _" (digits most significant first, zero-padded) → the d + 1 digits
    /// of a + b at the blanks; the other positions are not scored.
    public static func add(digits d: Int = 3, n: Int = 20_000, seed: UInt64 = 0) throws -> SequenceTask {
        guard d >= 1 && d <= 9 else { throw RuntimeError("add: argument 'digits' must be an integer from 1 to 9, got \(d)") }
        try checkCount(n, "add")
        let (plus, equals, blank) = (Int32(10), Int32(11), Int32(12))
        let limit = UInt64(pow10(d))
        let name = "add(digits: \(d))"
        let split = try draw(n: n, seed: seed, possible: Double(limit) * Double(limit), what: name) { rng -> [Int32] in
            let a = Int(rng.next() % limit), b = Int(rng.next() % limit)
            return digitsOf(a, d) + [plus] + digitsOf(b, d) + [equals] + [Int32](repeating: blank, count: d + 1)
        } target: { x in
            let a = number(x[0..<d]), b = number(x[(d + 1)..<(2 * d + 1)])
            return [Int32](repeating: -1, count: 2 * d + 2) + digitsOf(a + b, d + 1)
        }
        return SequenceTask(name: name, tokens: (0...9).map(String.init) + ["+", "=", "_"],
                            train: split.train, test: split.test, causal: false, separator: " ")
        func pow10(_ k: Int) -> Int { (0..<k).reduce(1) { r, _ in r * 10 } }
        func digitsOf(_ v: Int, _ width: Int) -> [Int32] {
            var out = [Int32](repeating: 0, count: width), rest = v
            for i in stride(from: width - 1, through: 0, by: -1) { out[i] = Int32(rest % 10); rest /= 10 }
            return out
        }
        func number(_ s: ArraySlice<Int32>) -> Int { s.reduce(0) { $0 * 10 + Int($1) } }
    }

    /// A task over `vocab` digit tokens whose target is a function of the input.
    static func digits(_ kind: String, length: Int, vocab: Int, n: Int, seed: UInt64,
                       rule: @escaping ([Int32]) -> [Int32]) throws -> SequenceTask {
        guard length >= 1 && length <= 256 else {
            throw RuntimeError("\(kind): argument 'length' must be an integer from 1 to 256, got \(length)")
        }
        guard vocab >= 2 && vocab <= 1000 else {
            throw RuntimeError("\(kind): argument 'vocab' must be an integer from 2 to 1000, got \(vocab)")
        }
        try checkCount(n, kind)
        let name = "\(kind)(length: \(length), vocab: \(vocab))"
        let possible = Double(length) * log2(Double(vocab)) > 60 ? Double.infinity : pow(Double(vocab), Double(length))
        let split = try draw(n: n, seed: seed, possible: possible, what: name) { rng in
            (0..<length).map { _ in Int32(rng.next() % UInt64(vocab)) }
        } target: { rule($0) }
        return SequenceTask(name: name, tokens: (0..<vocab).map(String.init), train: split.train, test: split.test,
                            causal: false, separator: " ")
    }

    static func checkCount(_ n: Int, _ kind: String) throws {
        guard n >= 2 && n <= maximumCount else {
            throw RuntimeError("\(kind): argument 'n' must be an integer from 2 to \(maximumCount), got \(n)")
        }
    }

    /// n sequences from `sample`: the first (1 − testFraction)·n for training, the rest distinct
    /// from every training sequence (redrawn on a clash; when the inputs are too few to keep
    /// them apart, the test split may repeat training inputs and the name says so).
    static func draw(n: Int, seed: UInt64, possible: Double, what: String,
                     sample: (inout SeededGenerator) -> [Int32], target: ([Int32]) -> [Int32])
        throws -> (train: SequenceSet, test: SequenceSet) {
        var rng = SeededGenerator(seed: seed)
        let testCount = max(1, Int(Double(n) * testFraction))
        let trainCount = n - testCount
        var seen = Set<[Int32]>()
        var trainX = [Int32](), trainY = [Int32](), testX = [Int32](), testY = [Int32]()
        for _ in 0..<trainCount {
            let x = sample(&rng)
            seen.insert(x)
            trainX += x
            trainY += target(x)
        }
        // Distinct test inputs exist only when the training draws left some out.
        let separable = possible > Double(seen.count) * 2
        for _ in 0..<testCount {
            var x = sample(&rng)
            if separable {
                var tries = 0
                while seen.contains(x) && tries < 1000 { x = sample(&rng); tries += 1 }
            }
            testX += x
            testY += target(x)
        }
        let length = trainX.count / max(1, trainCount)
        return (SequenceSet(inputs: trainX, targets: trainY, length: length),
                SequenceSet(inputs: testX, targets: testY, length: length))
    }
}

#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif
