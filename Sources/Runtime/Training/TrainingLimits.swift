/// Upper bounds on user-chosen sizes, so that a huge value gets a message instead of
/// exhausting memory.
public enum TrainingLimits {
    /// The most epochs one `train` call accepts: every epoch keeps its loss in the model's
    /// history, and 10 million of them (80 MB for XOR) is already far past any lesson.
    public static let maximumEpochs = 10_000_000

    /// The most samples per side of a grid field (decision field, loss surface, thumbnails).
    public static let maximumGridResolution = 2048

    /// The most samples per CNN mini-batch (a config's `batch_size`, `train`'s `batch:`).
    public static let maximumBatch = 1 << 16
}
