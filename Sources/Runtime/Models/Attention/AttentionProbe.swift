/// What the model does with one sequence, for the pictures: every head's scores before the
/// softmax and its attention weights (queries × keys), the probabilities and predictions at
/// each position, and the targets when known.
public struct AttentionProbe: Sendable, Equatable {
    /// The input tokens `[T]`.
    public var tokens: [Int32]
    /// Target tokens `[T]` (−1: none), empty when unknown.
    public var targets: [Int32]
    /// scores[l][h] `[T, T]`, row = query position, column = key position; −∞ where masked.
    public var scores: [[[Float]]]
    /// weights[l][h] `[T, T]`, each row sums to 1.
    public var weights: [[[Float]]]
    /// Probabilities `[T, vocab]` at each position.
    public var probabilities: [Float]
    /// Most likely token at each position `[T]`.
    public var predicted: [Int32]
    /// Heads switched off when the probe ran, `[layers][heads]`.
    public var off: [[Bool]]
    public let vocab: Int

    public var length: Int { tokens.count }

    /// The mean entropy (nats) of head (l, h)'s rows: 0 when every query looks at one key,
    /// log T when it spreads evenly.
    public func entropy(layer l: Int, head h: Int) -> Double {
        let T = length, w = weights[l][h]
        var total: Double = 0
        for i in 0..<T {
            for j in 0..<T where w[i * T + j] > 0 {
                let p = Double(w[i * T + j])
                total -= p * _log(p)
            }
        }
        return T > 0 ? total / Double(T) : 0
    }

    /// The probability given to token k at position t.
    public func probability(position t: Int, token k: Int) -> Float { probabilities[t * vocab + k] }
}

extension AttentionModel {
    /// Runs one checked sequence and keeps everything the pictures need.
    public mutating func probe(_ tokens: [Int32], targets: [Int32] = []) -> AttentionProbe {
        let T = tokens.count
        _ = tokens.withUnsafeBufferPointer { run(tokens: $0.baseAddress!, targets: nil, batch: 1, length: T, backward: false) }
        let ws = workspace
        let maps = (0..<config.layers).map { l in
            (0..<config.heads).map { h in Array(UnsafeBufferPointer(start: ws.blocks[l].scores + h * T * T, count: T * T)) }
        }
        let weights = (0..<config.layers).map { l in
            (0..<config.heads).map { h in Array(UnsafeBufferPointer(start: ws.blocks[l].weights + h * T * T, count: T * T)) }
        }
        return AttentionProbe(tokens: tokens, targets: targets, scores: maps, weights: weights,
                              probabilities: Array(UnsafeBufferPointer(start: ws.probabilities, count: T * config.vocab)),
                              predicted: Array(UnsafeBufferPointer(start: ws.predictions, count: T)),
                              off: headOff, vocab: config.vocab)
    }
}

#if canImport(Glibc)
import Glibc
@inline(__always) private func _log(_ x: Double) -> Double { Glibc.log(x) }
#else
import Foundation
@inline(__always) private func _log(_ x: Double) -> Double { Foundation.log(x) }
#endif
