/// What a CNN training run reports after each mini-batch: plain values for a live dashboard.
public struct CNNBatchSnapshot: Sendable {
    /// 1-based epoch and batch within it.
    public var epoch: Int, batch: Int
    /// Batches in this epoch.
    public var batchesPerEpoch: Int
    /// This batch's mean loss and accuracy.
    public var loss: Float, accuracy: Float
    /// The running mean loss of the epoch so far.
    public var epochLoss: Float
    /// The running accuracy of the epoch so far: right predictions over images seen this epoch.
    public var epochAccuracy: Float
    /// Predicted and true class of each sample in the batch.
    public var predictions: [Int], labels: [Int]
    /// The L2 norm of each layer's parameter gradients (0 for layers without parameters).
    public var gradientNorms: [Float]
    /// The pictures' data, present only for batches the observer's `wantsDetail` asked for.
    public var detail: CNNTrainingDetail? = nil
}

/// What a live CNN dashboard draws beyond the numbers, copied out of the network only when a
/// frame is due (`CNNTrainingObserver.wantsDetail`), so training without a display pays nothing.
public struct CNNTrainingDetail: Sendable {
    /// The batch's images `[batch, C, H, W]`, in the order of the snapshot's predictions.
    public var images: [Float]
    /// Per-sample image shape `[C, H, W]`.
    public var imageShape: [Int]
    /// The first convolution's weights `[OC, C, k, k]` after this batch's update, nil without one.
    public var filters: Tensor?
    /// Their gradient from this batch `[OC, C, k, k]`.
    public var filterGradients: Tensor?
    /// The observer's probe image through the updated network, nil without a probe.
    public var probe: CNNProbe?
}

/// One epoch's figures, as the original prints them.
public struct CNNEpochRecord: Sendable, Equatable {
    /// 1-based epoch.
    public var epoch: Int
    /// Mean training loss over the epoch's batches.
    public var trainLoss: Double
    /// Training accuracy, macro precision and macro F1 over the epoch's predictions.
    public var trainAccuracy: Double, trainPrecision: Double, trainF1: Double
    /// Mean loss over this epoch's random validation subset.
    public var validationLoss: Double
    /// Validation accuracy, macro precision and macro F1 on that subset.
    public var validationAccuracy: Double, validationPrecision: Double, validationF1: Double
    /// Wall-clock seconds of the epoch (training and validation).
    public var seconds: Double
    /// True when this epoch's validation loss was the best so far (its weights are kept).
    public var isBest: Bool
    /// The validation subset's confusion counts [true class][predicted class].
    public var validationConfusion: [[Int]] = []
}

/// The outcome of `CNNTrainer.train`.
public struct CNNHistory: Sendable, Equatable {
    /// Every completed epoch.
    public var epochs: [CNNEpochRecord] = []
    /// The epoch whose weights the model holds at the end (best validation loss), 0 if none.
    public var bestEpoch = 0
    /// Why training ended: "completed", "early stop (patience N)" or "stopped by user".
    public var reason = "completed"
    /// Training images processed.
    public var imagesSeen = 0
    /// Total wall-clock seconds.
    public var seconds = 0.0
}

/// Observers of a training run; any may be nil. They are called on the training thread.
public struct CNNTrainingObserver: Sendable {
    /// After every mini-batch.
    public var onBatch: (@Sendable (CNNBatchSnapshot) -> Void)?
    /// After every epoch's validation.
    public var onEpoch: (@Sendable (CNNEpochRecord) -> Void)?

    /// Asked after every mini-batch (epoch, batch, both 1-based) when `onBatch` is set: true
    /// makes that batch's snapshot carry a `CNNTrainingDetail`. Ask only when a frame is due.
    public var wantsDetail: (@Sendable (_ epoch: Int, _ batch: Int) -> Bool)?
    /// The image `[C, H, W]` whose layer outputs a detail carries (a fixed probe digit).
    public var probe: [Float]?

    /// An observer with the given callbacks.
    public init(onBatch: (@Sendable (CNNBatchSnapshot) -> Void)? = nil, onEpoch: (@Sendable (CNNEpochRecord) -> Void)? = nil,
                wantsDetail: (@Sendable (_ epoch: Int, _ batch: Int) -> Bool)? = nil, probe: [Float]? = nil) {
        self.onBatch = onBatch
        self.onEpoch = onEpoch
        self.wantsDetail = wantsDetail
        self.probe = probe
    }
}

/// The evaluation of a model on a labelled set.
public struct CNNEvaluation: Sendable, Equatable {
    /// Mean cross-entropy loss.
    public var loss: Double
    /// Accuracy, per-class figures and the confusion matrix.
    public var metrics: ClassificationMetrics
    /// The predicted class of every sample.
    public var predictions: [Int]
}
