import Runtime

/// One evaluation during training: step, epoch, losses and sequence accuracies on the training
/// and test splits, and each head's mean attention entropy on the probe, `[layers][heads]`.
public struct AttentionRecord: Sendable, Equatable {
    public var step: Int, epoch: Int
    public var trainLoss: Double, testLoss: Double
    public var trainAccuracy: Double, testAccuracy: Double
    public var entropy: [[Double]]

    public init(step: Int, epoch: Int, trainLoss: Double, testLoss: Double, trainAccuracy: Double, testAccuracy: Double,
                entropy: [[Double]]) {
        self.step = step; self.epoch = epoch; self.trainLoss = trainLoss; self.testLoss = testLoss
        self.trainAccuracy = trainAccuracy; self.testAccuracy = testAccuracy; self.entropy = entropy
    }
}

/// Everything the live attention dashboard draws, as plain values: the run's records, the probe
/// sequence through the model at the last frame, and the embeddings' projection.
public struct AttentionTrainingState: Sendable {
    /// The task's name and its token names.
    public var taskName: String
    public var tokens: [String]
    public var epochs: Int, stepsPerEpoch: Int
    public var epoch = 0, step = 0
    /// Every training batch's loss.
    public var batchLosses: [Double] = []
    public var records: [AttentionRecord] = []
    /// The probe sequence at the last frame.
    public var probe: AttentionProbe?
    /// Token embeddings on their first two principal axes `[vocab, 2]` and the variance shares.
    public var embedding: (points: [Double], explained: [Double])?

    public init(taskName: String, tokens: [String], epochs: Int, stepsPerEpoch: Int) {
        self.taskName = taskName; self.tokens = tokens; self.epochs = epochs; self.stepsPerEpoch = stepsPerEpoch
    }

    /// The name of token id t, made visible (␣ for a space).
    public func name(_ t: Int32) -> String {
        t >= 0 && Int(t) < tokens.count ? SequenceTask.shown(tokens[Int(t)]) : "?"
    }
}
