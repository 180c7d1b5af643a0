import Foundation
import Testing
@testable import Plots
import Runtime

/// The attention pictures drawn from a real short run on reverse(length: 8): the dashboard at
/// a wide and a text-mode width, `attend` and the embeddings, as pixels and as text; the
/// pictures go to `$NV_LOOK_DIR` (PNG and the text forms at 80 and 200 columns).
@Suite struct AttentionViewsTests {
    /// A model trained 200 steps on reverse, its task, and a dashboard state with records.
    static func trained() throws -> (AttentionModel, SequenceTask, AttentionTrainingState) {
        let task = try SequenceTasks.reverse(length: 8, vocab: 10, n: 4000, seed: 2)
        var model = try AttentionModel(config: AttentionConfig(vocab: 10, dim: 32, heads: 2, layers: 1, context: 8), seed: 1)
        var adam = AttentionAdam()
        var tokens: [Int32] = [], targets: [Int32] = []
        var state = AttentionTrainingState(taskName: task.name, tokens: task.tokens, epochs: 4, stepsPerEpoch: 50)
        for step in 1...200 {
            let at = ((step - 1) * 64) % (task.train.count - 64)
            let loss = model.trainStep(task.train, rows: Array(at..<(at + 64))[...], adam: &adam, tokens: &tokens, targets: &targets)
            state.batchLosses.append(Double(loss))
            state.step = step
            state.epoch = (step - 1) / 50 + 1
            if step % 50 == 0 {
                let train = model.evaluate(task.train, limit: 500), test = model.evaluate(task.test, limit: 500)
                let probe = model.probe(task.test.input(0), targets: task.test.target(0))
                state.records.append(AttentionRecord(step: step, epoch: state.epoch, trainLoss: Double(train.loss), testLoss: Double(test.loss),
                                                     trainAccuracy: train.sequenceAccuracy, testAccuracy: test.sequenceAccuracy,
                                                     entropy: [(0..<2).map { probe.entropy(layer: 0, head: $0) }]))
            }
        }
        state.probe = model.probe(task.test.input(0), targets: task.test.target(0))
        state.embedding = model.embeddingPCA
        return (model, task, state)
    }

    static func lookText(_ figure: Figure, _ name: String, columns: Int, rows: Int) -> String {
        let text = figure.renderText(columns: columns, rows: rows, style: .monochrome).plainText
        if let dir = ProcessInfo.processInfo.environment["NV_LOOK_DIR"] {
            try? text.write(to: URL(fileURLWithPath: dir).appendingPathComponent("\(name)-\(columns).txt"), atomically: true, encoding: .utf8)
            let ansi = figure.renderText(columns: columns, rows: rows, style: .color).lines(colors: .trueColor).joined(separator: "\n")
            try? ansi.write(to: URL(fileURLWithPath: dir).appendingPathComponent("\(name)-\(columns).ansi"), atomically: true, encoding: .utf8)
        }
        return text
    }

    @Test func dashboardShowsTheMapsCurvesAndPredictions() throws {
        let (_, task, state) = try Self.trained()
        let figure = AttentionViews.dashboard(state, layers: 1, heads: 2)
        let wide = figure.render()
        LookAt.save(wide, "attention-dashboard")
        #expect(ViewFixtures.hasInk(wide))
        LookAt.save(figure.render(width: 640, height: 560), "attention-dashboard-640")
        let text200 = Self.lookText(figure, "attention-dashboard", columns: 200, rows: 56)
        for word in ["H1 weights", "H2 scores before softmax", "token to token", "probe: predicted", "sequence accuracy", "head entropy", "token embeddings", task.name] {
            #expect(text200.contains(word), "no '\(word)' at 200 columns:\n\(text200)")
        }
        let text80 = Self.lookText(figure, "attention-dashboard", columns: 80, rows: 40)
        for word in ["H1 weights", "probe: predicted", "loss"] {
            #expect(text80.contains(word), "no '\(word)' at 80 columns:\n\(text80)")
        }
        // The probe's tokens label the maps' rows and columns: the first token's name, e.g. "7 ".
        let first = state.name(state.probe!.tokens[0])
        #expect(text80.contains(first))
    }

    @Test func reverseLearnsTheAntiDiagonal() throws {
        let (_, _, state) = try Self.trained()
        let probe = try #require(state.probe)
        let T = probe.length
        // After 200 steps one head puts most of each query's weight on key T − 1 − i.
        let best = (0..<2).map { h in (0..<T).map { i in Double(probe.weights[0][h][i * T + (T - 1 - i)]) }.reduce(0, +) / Double(T) }.max()!
        #expect(best > 0.6, "anti-diagonal mass \(best)")
    }

    @Test func attendAndEmbeddingsDraw() throws {
        var (model, task, _) = try Self.trained()
        let tokens = try task.encode("3 1 4 1 5 9 2 6")
        model.headOff[0][1] = true
        let probe = model.probe(tokens)
        let figure = AttentionViews.attend(probe, tokens: task.tokens)
        LookAt.save(figure.render(), "attention-attend")
        let text = Self.lookText(figure, "attention-attend", columns: 200, rows: 40)
        #expect(text.contains("head off"))
        #expect(text.contains("attend · 3 1 4 1 5 9 2 6"))
        _ = Self.lookText(figure, "attention-attend", columns: 80, rows: 40)
        let pca = model.embeddingPCA
        let embeddings = AttentionViews.embeddings(points: pca.points, explained: pca.explained, tokens: task.tokens)
        LookAt.save(embeddings.render(), "attention-embeddings")
        let etext = Self.lookText(embeddings, "attention-embeddings", columns: 80, rows: 24)
        #expect(etext.contains("PC1"))
        #expect(pca.explained[0] >= pca.explained[1] && pca.explained[0] + pca.explained[1] <= 1.0001)
    }
}
