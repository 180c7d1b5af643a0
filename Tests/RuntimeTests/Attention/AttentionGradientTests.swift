import Foundation
import Testing
@testable import Runtime

/// Finite-difference checks of the transformer's hand-written backward pass: every parameter's
/// analytic gradient (embeddings, layer norms, in/out projections through the heads, MLP, head)
/// against central differences of the loss, for the shapes that change the code path — causal
/// or not, with or without the MLP, two layers, a head switched off, positions without targets.
@Suite("Attention gradients")
struct AttentionGradientTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let causal: Bool, mlp: Bool, layers: Int, headOff: Bool
        var testDescription: String { "causal \(causal), mlp \(mlp), \(layers) layers\(headOff ? ", head 1 off" : "")" }
    }

    static let cases = [
        Case(causal: false, mlp: true, layers: 1, headOff: false),
        Case(causal: true, mlp: true, layers: 2, headOff: false),
        Case(causal: false, mlp: false, layers: 2, headOff: false),
        Case(causal: true, mlp: true, layers: 1, headOff: true),
    ]

    @Test("analytic gradients match central differences", arguments: cases)
    func gradientsMatch(_ c: Case) throws {
        let config = AttentionConfig(vocab: 5, dim: 8, heads: 2, layers: c.layers, context: 6, causal: c.causal, mlp: c.mlp)
        let (batch, length) = (2, 3)
        var model = try AttentionModel(config: config, seed: 7)
        var tokens: [Int32] = [], targets: [Int32] = []
        func loss(_ m: inout AttentionModel, backward: Bool) -> Float {
            tokens.withUnsafeBufferPointer { x in targets.withUnsafeBufferPointer { y in
                m.run(tokens: x.baseAddress!, targets: y.baseAddress!, batch: batch, length: length, backward: backward).loss
            }}
        }
        // Draw the weights' perturbation and the data until no ReLU input lies within 0.005 of
        // its kink: a ±ε step across it would make the central difference meaningless there.
        let initial = model.values
        for draw in 0..<500 {
            var rng = SeededGenerator(seed: 3 + UInt64(draw))
            // Move the biases and norms away from their initial 0 and 1 so every term is exercised.
            model.values = initial.map { $0 + Float(rng.normal() * 0.1) }
            tokens = (0..<(batch * length)).map { _ in Int32(rng.next() % 5) }
            targets = (0..<(batch * length)).map { _ in Int32(rng.next() % 5) }
            targets[1] = -1
            targets[4] = -1
            _ = loss(&model, backward: false)
            if !c.mlp || Self.nearestKink(model, tokens: batch * length) > 0.005 { break }
        }
        #expect(!c.mlp || Self.nearestKink(model, tokens: batch * length) > 0.005)
        if c.headOff { model.headOff[0][1] = true }
        _ = loss(&model, backward: true)
        let analytic = model.gradients
        let epsilon: Float = 1e-3
        var checked = 0, nonzero = 0
        for slot in model.layout.slots {
            for k in slot.offset..<(slot.offset + slot.count) {
                let saved = model.values[k]
                model.values[k] = saved + epsilon
                let plus = loss(&model, backward: false)
                model.values[k] = saved - epsilon
                let minus = loss(&model, backward: false)
                model.values[k] = saved
                let numeric = (plus - minus) / (2 * epsilon)
                #expect(abs(numeric - analytic[k]) < 2e-3 + 2e-2 * abs(numeric),
                        "\(slot.name)[\(k - slot.offset)]: numeric \(numeric) analytic \(analytic[k])")
                checked += 1
                if abs(analytic[k]) > 1e-4 { nonzero += 1 }
            }
        }
        #expect(checked == model.layout.total)
        // Most gradients are non-zero (a backward pass that returned zeros would pass the
        // comparison only for the rows no token uses).
        #expect(nonzero > checked / 2, "\(nonzero) of \(checked) gradients are non-zero")
    }

    /// The smallest |ReLU input| of the last run over its `tokens` positions.
    static func nearestKink(_ model: AttentionModel, tokens: Int) -> Float {
        var nearest = Float.infinity
        for block in model.workspace.blocks {
            for k in 0..<(tokens * model.config.hidden) { nearest = min(nearest, abs(block.hidden[k])) }
        }
        return nearest
    }

    @Test("a head switched off gets no gradient and changes the output")
    func ablatedHeadHasNoGradient() throws {
        let config = AttentionConfig(vocab: 4, dim: 8, heads: 2, layers: 1, context: 4)
        var model = try AttentionModel(config: config, seed: 1)
        let tokens: [Int32] = [0, 1, 2, 3], targets: [Int32] = [3, 2, 1, 0]
        let before = model.logits(tokens)
        model.headOff[0][0] = true
        let after = model.logits(tokens)
        #expect(before != after)
        tokens.withUnsafeBufferPointer { x in targets.withUnsafeBufferPointer { y in
            _ = model.run(tokens: x.baseAddress!, targets: y.baseAddress!, batch: 1, length: 4, backward: true)
        }}
        // Head 0's query and key rows of in_proj get nothing (its value rows neither).
        let inWeight = model.layout.blocks[0].inWeight
        for part in 0..<3 {
            for row in 0..<4 {
                for col in 0..<8 {
                    #expect(model.gradients[inWeight + (part * 8 + row) * 8 + col] == 0)
                }
            }
        }
    }
}

/// Texts that cannot make a next-character task are refused with a message naming the file.
@Suite("Text task input")
struct TextTaskInputTests {
    @Test func emptyAndOneCharacterFilesAreRefused() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nv-text-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let empty = dir.appendingPathComponent("empty.txt").path, one = dir.appendingPathComponent("one.txt").path
        try Data().write(to: URL(fileURLWithPath: empty))
        try Data("aaaaaaaaaa".utf8).write(to: URL(fileURLWithPath: one))
        #expect(throws: RuntimeError("text: '\(empty)' is empty; next-character prediction needs some text")) {
            try TextTask.load(path: empty, context: 4)
        }
        #expect(throws: RuntimeError("text: '\(one)' has only one distinct character; there is nothing to predict")) {
            try TextTask.load(path: one, context: 4)
        }
        #expect(throws: RuntimeError("text: 'ab' has 2 characters; a context of 4 needs at least 10 (one window to train on and one to test)")) {
            try TextTask.make("ab", context: 4, name: "t", source: "'ab'")
        }
        let task = try TextTask.make("abcabcabcabcabcabcabcabc", context: 4, name: "t", source: "s")
        #expect(task.causal && task.vocab == 3 && task.train.target(0) == [1, 2, 0, 1])
    }
}
