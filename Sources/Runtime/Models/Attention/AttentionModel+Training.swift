/// Loss and accuracies over a split: mean loss per scored position, the share of scored
/// positions right, and the share of sequences with every scored position right.
public struct SequenceMetrics: Sendable, Equatable {
    public var loss: Float
    public var tokenAccuracy: Double
    public var sequenceAccuracy: Double
    /// Sequences evaluated.
    public var count: Int
}

extension AttentionModel {
    /// Sequences per forward pass when evaluating.
    static let evaluationChunk = 256

    /// Throws unless every sequence of `task` fits: the same vocabulary size and no longer than
    /// the context. The message names the argument to change.
    public func checkFits(_ task: SequenceTask, what: String = "train") throws {
        guard task.vocab == config.vocab else {
            throw RuntimeError("\(what): \(task.name) has \(task.vocab) tokens but the model was built for \(config.vocab); build it for this task")
        }
        guard task.length <= config.context else {
            throw RuntimeError("\(what): \(task.name) has sequences of \(task.length) tokens, longer than the model's context of \(config.context)")
        }
    }

    /// Throws unless `tokens` is a sequence this model can read: 1...context ids in 0..<vocab.
    public func checkSequence(_ tokens: [Int32], what: String) throws {
        guard !tokens.isEmpty else { throw RuntimeError("\(what): the sequence is empty") }
        guard tokens.count <= config.context else {
            throw RuntimeError("\(what): the sequence has \(tokens.count) tokens, longer than the model's context of \(config.context)")
        }
        if let bad = tokens.firstIndex(where: { $0 < 0 || Int($0) >= config.vocab }) {
            throw RuntimeError("\(what): token \(tokens[bad]) at position \(bad + 1) is outside the vocabulary 0..<\(config.vocab)")
        }
    }

    /// One Adam step on the sequences `rows` of `set`; returns the batch's mean loss.
    /// `tokens` and `targets` are scratch the caller keeps between steps.
    @discardableResult
    public mutating func trainStep(_ set: SequenceSet, rows: ArraySlice<Int>, adam: inout AttentionAdam,
                                   tokens: inout [Int32], targets: inout [Int32]) -> Float {
        let length = set.length
        tokens.removeAll(keepingCapacity: true)
        targets.removeAll(keepingCapacity: true)
        for r in rows {
            tokens += set.inputs[(r * length)..<((r + 1) * length)]
            targets += set.targets[(r * length)..<((r + 1) * length)]
        }
        let result = tokens.withUnsafeBufferPointer { x in targets.withUnsafeBufferPointer { y in
            run(tokens: x.baseAddress!, targets: y.baseAddress!, batch: rows.count, length: length, backward: true)
        }}
        adam.step(&self)
        return result.loss
    }

    /// Loss and accuracies on the first `limit` sequences of `set` (all by default).
    public mutating func evaluate(_ set: SequenceSet, limit: Int? = nil) -> SequenceMetrics {
        let count = min(set.count, limit ?? set.count)
        let length = set.length
        var loss: Double = 0, counted = 0, correct = 0, sequencesRight = 0
        var start = 0
        while start < count {
            let batch = min(Self.evaluationChunk, count - start)
            let range = (start * length)..<((start + batch) * length)
            let result = set.inputs[range].withUnsafeBufferPointer { x in set.targets[range].withUnsafeBufferPointer { y in
                run(tokens: x.baseAddress!, targets: y.baseAddress!, batch: batch, length: length, backward: false)
            }}
            loss += Double(result.loss) * Double(result.counted)
            counted += result.counted
            correct += result.correct
            let predicted = workspace.predictions!, targets = workspace.targets!
            for b in 0..<batch {
                var right = true
                for t in 0..<length {
                    let target = targets[b * length + t]
                    if target >= 0 && predicted[b * length + t] != target { right = false; break }
                }
                if right { sequencesRight += 1 }
            }
            start += batch
        }
        return SequenceMetrics(loss: counted > 0 ? Float(loss / Double(counted)) : 0,
                               tokenAccuracy: counted > 0 ? Double(correct) / Double(counted) : 0,
                               sequenceAccuracy: count > 0 ? Double(sequencesRight) / Double(count) : 0,
                               count: count)
    }

    /// Logits `[T, vocab]` for one sequence (checked by the caller).
    public mutating func logits(_ tokens: [Int32]) -> [Float] {
        _ = tokens.withUnsafeBufferPointer { run(tokens: $0.baseAddress!, targets: nil, batch: 1, length: tokens.count, backward: false) }
        return Array(UnsafeBufferPointer(start: workspace.logits, count: tokens.count * config.vocab))
    }

    /// Continues `prompt` by `count` tokens, each from the model's distribution at the last
    /// position over the last `context` tokens: the most likely one when `temperature` is 0,
    /// else drawn from softmax(logits / temperature) with `rng`.
    public mutating func generate(prompt: [Int32], count: Int, temperature: Float, rng: inout SeededGenerator) -> [Int32] {
        var sequence = prompt
        let vocab = config.vocab
        for _ in 0..<count {
            let window = Array(sequence.suffix(config.context))
            let logits = self.logits(window)
            let last = Array(logits[((window.count - 1) * vocab)..<(window.count * vocab)])
            sequence.append(Int32(Self.choose(last, temperature: temperature, rng: &rng)))
        }
        return Array(sequence.dropFirst(prompt.count))
    }

    /// The argmax of `logits` (temperature 0), or a draw from softmax(logits / temperature).
    static func choose(_ logits: [Float], temperature: Float, rng: inout SeededGenerator) -> Int {
        let best = logits.indices.max { logits[$0] < logits[$1] } ?? 0
        guard temperature > 0 else { return best }
        let top = logits[best]
        let weights = logits.map { Double(exp(($0 - top) / temperature)) }
        var u = rng.uniform() * weights.reduce(0, +)
        for (i, w) in weights.enumerated() {
            u -= w
            if u < 0 { return i }
        }
        return best
    }
}

#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif
