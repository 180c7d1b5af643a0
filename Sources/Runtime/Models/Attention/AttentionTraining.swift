/// Where a training run is, as `AttentionModel.train` reports it after every step.
public struct AttentionProgress: Sendable {
    /// The epoch being run (1-based, counted over the model's life) and its step.
    public var epoch: Int, step: Int
    /// Steps taken by the model over its life, and per epoch.
    public var totalSteps: Int, stepsPerEpoch: Int
    /// This step's batch loss.
    public var batchLoss: Float
    /// Set on evaluation steps (every `every` steps and at the end of each epoch): loss and
    /// accuracies on up to `evaluationLimit` sequences of each split.
    public var train: SequenceMetrics?, test: SequenceMetrics?
}

extension AttentionModel {
    /// Sequences of each split scored at an evaluation step.
    public static let evaluationLimit = 500

    /// Trains for `epochs` passes over `task.train` in shuffled batches of `batch`, calling
    /// `report` after every step with the model (to probe it) and the progress; evaluates every
    /// `every` steps and after each epoch. Stops early when `stop` is raised.
    /// - Returns: the epochs completed.
    /// - Throws: `RuntimeError` when the loss stops being a finite number (the weights are
    ///   then restored to the last good step).
    @discardableResult
    public mutating func train(on task: SequenceTask, epochs: Int, batch: Int, every: Int, startEpoch: Int, startStep: Int,
                               adam: inout AttentionAdam, rng: inout SeededGenerator, stop: StopFlag?,
                               report: (inout AttentionModel, AttentionProgress) -> Void) throws -> Int {
        let batch = min(batch, task.train.count)
        let perEpoch = max(1, task.train.count / batch)
        var order = Array(0..<task.train.count)
        var tokens: [Int32] = [], targets: [Int32] = []
        var step = startStep
        for e in 0..<epochs {
            order.shuffle(using: &rng)
            for s in 0..<perEpoch {
                if stop?.isRaised == true { return e }
                let saved = values
                let savedAdam = adam
                let loss = trainStep(task.train, rows: order[(s * batch)..<((s + 1) * batch)], adam: &adam, tokens: &tokens, targets: &targets)
                step += 1
                guard loss.isFinite, values.allSatisfy(\.isFinite) else {
                    values = saved
                    adam = savedAdam
                    let what = loss.isNaN ? "the loss became NaN" : loss.isInfinite ? "the loss became infinite" : "the weights overflowed"
                    throw RuntimeError("\(what) at epoch \(startEpoch + e + 1), step \(step); the learning rate \(adam.learningRate) is too large (the weights of the last good step are kept)")
                }
                var progress = AttentionProgress(epoch: startEpoch + e + 1, step: s + 1, totalSteps: step, stepsPerEpoch: perEpoch,
                                                 batchLoss: loss)
                if step % every == 0 || s == perEpoch - 1 {
                    progress.train = evaluate(task.train, limit: Self.evaluationLimit)
                    progress.test = evaluate(task.test, limit: Self.evaluationLimit)
                }
                report(&self, progress)
            }
        }
        return epochs
    }
}
