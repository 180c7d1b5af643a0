import Foundation
import Plots
import Runtime

/// `train` for an attention model: Adam on shuffled batches of the task's training split,
/// through the shared live-training driver. Every `every` steps (and at each epoch's end) the
/// held-out probe sequence is run and the dashboard offered; the status line counts steps.
enum AttentionTraining {
    static func train(_ args: inout Arguments) throws -> Value {
        let object = try args.model("model", as: AttentionModelObject.self)
        guard args.has("task") else {
            throw args.error("task", "is needed: train(m, reverse(length: 8), epochs: 1), with a task from reverse, copy, sort, add or text")
        }
        let task = try AttentionTaskBuiltins.task(args, "task")
        let (epochs, every) = try args.schedule(epochs: 1, every: 25)
        let batch = try args.count("batch", default: 64, limit: 4096)
        if args.has("lr") { object.adam.learningRate = Float(try args.positiveNumber("lr", default: 0.003)) }
        if object.causalGiven && !object.shape.causal && task.causal {
            throw args.error("task", "\(task.name) predicts the next character, which a model that sees the whole sequence would read off; build it with attention(causal: true) or without causal:")
        }
        guard task.length <= object.shape.context else {
            throw args.error("task", "has sequences of \(task.length) tokens, longer than the model's context of \(object.shape.context); build it with attention(context: \(task.length))")
        }
        try args.runtime { try object.build(vocab: task.vocab, causal: task.causal, tokens: task.tokens) }
        try args.runtime { try object.model!.checkFits(task) }
        if object.task?.name != task.name || object.state == nil {
            object.state = AttentionTrainingState(taskName: task.name, tokens: task.tokens, epochs: epochs,
                                                  stepsPerEpoch: max(1, task.train.count / min(batch, task.train.count)))
        }
        object.task = task
        var state = object.state!
        state.epochs = object.epoch + epochs
        let probeInput = task.test.input(0), probeTarget = task.test.target(0)
        let stepsPerEpoch = max(1, task.train.count / min(batch, task.train.count))
        let run = try args.liveTraining(total: epochs * stepsPerEpoch, firstEpoch: 0)
        let session = args.context.session
        var rng = session.generator
        defer { session.generator = rng }
        var model = object.model!
        var adam = object.adam
        let startSteps = object.steps
        func frame(_ m: inout AttentionModel) -> Figure {
            state.probe = m.probe(probeInput, targets: probeTarget)
            state.embedding = m.embeddingPCA
            return AttentionViews.dashboard(state, layers: m.config.layers, heads: m.config.heads)
        }
        run.begin()
        let completed: Int
        do {
            completed = try model.train(on: task, epochs: epochs, batch: batch, every: every, startEpoch: object.epoch, startStep: object.steps,
                                        adam: &adam, rng: &rng, stop: run.stopFlag) { m, p in
                state.batchLosses.append(Double(p.batchLoss))
                state.step = p.totalSteps
                state.epoch = p.epoch
                object.losses.append(Double(p.batchLoss))
                let status = { "epoch \(p.epoch) · step \(p.totalSteps) · loss \(TrainingProgress.number(Double(p.batchLoss)))" + (state.records.last.map { String(format: " · test %.1f%% sequences right", 100 * $0.testAccuracy) } ?? "") }
                if let train = p.train, let test = p.test {
                    let probe = m.probe(probeInput, targets: probeTarget)
                    let entropy = (0..<m.config.layers).map { l in (0..<m.config.heads).map { probe.entropy(layer: l, head: $0) } }
                    state.records.append(AttentionRecord(step: p.totalSteps, epoch: p.epoch, trainLoss: Double(train.loss), testLoss: Double(test.loss),
                                                         trainAccuracy: train.sequenceAccuracy, testAccuracy: test.sequenceAccuracy, entropy: entropy))
                    run.report(status: status, frame: { frame(&m) })
                } else {
                    run.check(status: status)
                }
            }
        } catch {
            object.model = model
            object.adam = adam
            object.steps = state.step
            object.state = state
            run.fail(status: nil)
            guard let error = error as? RuntimeError else { throw error }
            throw BuiltinError("train: \(error.message)")
        }
        object.epoch += completed
        object.steps = state.step
        let final = frame(&model)
        object.model = model
        object.adam = adam
        object.state = state
        let test = model.evaluate(task.test)
        run.finish(status: "epoch \(object.epoch) · step \(object.steps) · loss \(TrainingProgress.number(object.losses.last ?? .nan)) · done", frame: final)
        if object.steps - startSteps < epochs * stepsPerEpoch { run.writeStopMessage(at: "at step \(object.steps)") }
        args.context.session.display.write(String(format: "held-out: %.1f%% of %d sequences entirely right, %.1f%% of tokens\n",
                                                  100 * test.sequenceAccuracy, test.count, 100 * test.tokenAccuracy))
        return .null
    }
}
