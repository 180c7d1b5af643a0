#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// Softmax cross-entropy over the vocabulary at every position that has a target, as
/// `F.cross_entropy(logits, targets, ignore_index=-1)`: the mean of −log p[target] over the
/// counted positions. Its gradient at the logits is (p − onehot) / count, 0 where ignored.
enum SequenceCrossEntropy {
    /// The result of one call: the mean loss and the sum it is the mean of (−log p over the
    /// counted positions), counted positions and how many were predicted right.
    struct Result {
        var loss: Float
        var total: Double
        var counted: Int
        var correct: Int
    }

    /// logits `[n, V]`, targets `[n]` (−1: no target) → loss; probabilities `[n, V]`,
    /// predictions `[n]` (argmax) and, when given, dlogits `[n, V]` divided by `divisor` (the
    /// targets of the whole batch when these rows are part of one; default: the rows' own).
    static func evaluate(_ logits: UnsafePointer<Float>, targets: UnsafePointer<Int32>, n: Int, vocab: Int,
                         probabilities: UnsafeMutablePointer<Float>, predictions: UnsafeMutablePointer<Int32>,
                         dlogits: UnsafeMutablePointer<Float>?, divisor: Int? = nil) -> Result {
        var total: Double = 0
        var counted = 0, correct = 0
        for r in 0..<n {
            let z = logits + r * vocab, p = probabilities + r * vocab
            var top = z[0], best = 0
            for k in 1..<vocab where z[k] > top { top = z[k]; best = k }
            var sum: Float = 0
            for k in 0..<vocab { let e = exp(z[k] - top); p[k] = e; sum += e }
            let inv = 1 / sum
            for k in 0..<vocab { p[k] *= inv }
            predictions[r] = Int32(best)
            let target = Int(targets[r])
            guard target >= 0 else { continue }
            counted += 1
            if best == target { correct += 1 }
            // −log p[target] from the logits (log-sum-exp), finite even when p underflows.
            total += Double(top - z[target] + log(sum))
        }
        if let dlogits {
            let all = divisor ?? counted
            let scale = all > 0 ? 1 / Float(all) : 0
            for r in 0..<n {
                let p = probabilities + r * vocab, g = dlogits + r * vocab
                let target = Int(targets[r])
                guard target >= 0 else { g.update(repeating: 0, count: vocab); continue }
                for k in 0..<vocab { g[k] = p[k] * scale }
                g[target] -= scale
            }
        }
        return Result(loss: counted > 0 ? Float(total / Double(counted)) : 0, total: total, counted: counted, correct: correct)
    }
}
