import Runtime

/// Everything the live CNN dashboard draws, accumulated from a training run's reports: plain
/// values, so a frame can be drawn from a copy while training goes on.
///
/// `record(_:)` takes every batch snapshot (cheap: a few numbers); the pictures' data (batch
/// images, filters, probe) is replaced only by the snapshots that carry a detail, which the
/// trainer copies only when a frame is due.
public struct CNNTrainingState: Sendable {
    /// The layer list as nv writes it (`conv(8, size: 3)`, ...), for labels.
    public var layerNames: [String]
    /// Per-sample output shape of every layer.
    public var layerShapes: [[Int]]
    /// Planned epochs.
    public var epochs: Int
    /// Classes of the task.
    public var classes: Int
    /// The latest epoch, batch and batches per epoch (1-based; 0 before the first batch).
    public var epoch = 0, batch = 0, batchesPerEpoch = 1
    /// Loss and accuracy of every batch so far.
    public var batchLosses: [Double] = [], batchAccuracies: [Double] = []
    /// Per batch, the gradient norm of each layer with parameters (in `parameterLayers` order).
    public var gradientNorms: [[Double]] = []
    /// Indices of the layers that have parameters (the gradient-norm series).
    public var parameterLayers: [Int]
    /// Every finished epoch's figures.
    public var epochRecords: [CNNEpochRecord] = []
    /// The last batch's images `[batch, C, H, W]`, predictions and labels (from the last detail).
    public var batchImages: [Float] = [], batchPredictions: [Int] = [], batchLabels: [Int] = []
    /// Per-sample image shape `[C, H, W]`.
    public var imageShape: [Int]
    /// The first convolution's weights and gradients `[OC, C, k, k]`, from the last detail.
    public var filters: Tensor?, filterGradients: Tensor?
    /// The probe digit through the network, from the last detail, and its true label.
    public var probe: CNNProbe?
    public var probeLabel: Int?

    /// An empty state for a network with these layers, training for `epochs` epochs.
    public init(layerNames: [String], layerShapes: [[Int]], parameterLayers: [Int], imageShape: [Int],
                classes: Int, epochs: Int, probeLabel: Int? = nil) {
        self.layerNames = layerNames; self.layerShapes = layerShapes; self.parameterLayers = parameterLayers
        self.imageShape = imageShape; self.classes = classes; self.epochs = epochs; self.probeLabel = probeLabel
    }

    /// An empty state for `model`.
    public init(model: CNN, epochs: Int, probeLabel: Int? = nil) {
        let summaries = model.layerSummaries
        self.init(layerNames: summaries.map(\.name), layerShapes: summaries.map(\.outputShape),
                  parameterLayers: summaries.indices.filter { summaries[$0].parameters > 0 },
                  imageShape: model.inputShape, classes: model.classes, epochs: epochs, probeLabel: probeLabel)
    }

    /// Takes one batch report.
    public mutating func record(_ snapshot: CNNBatchSnapshot) {
        epoch = snapshot.epoch; batch = snapshot.batch; batchesPerEpoch = max(1, snapshot.batchesPerEpoch)
        batchLosses.append(Double(snapshot.loss))
        batchAccuracies.append(Double(snapshot.accuracy))
        if !snapshot.gradientNorms.isEmpty {
            gradientNorms.append(parameterLayers.map { $0 < snapshot.gradientNorms.count ? Double(snapshot.gradientNorms[$0]) : .nan })
        }
        if let detail = snapshot.detail {
            batchImages = detail.images; imageShape = detail.imageShape
            batchPredictions = snapshot.predictions; batchLabels = snapshot.labels
            filters = detail.filters; filterGradients = detail.filterGradients
            if let probe = detail.probe { self.probe = probe }
        }
    }

    /// Takes one epoch's validation report.
    public mutating func record(_ epoch: CNNEpochRecord) { epochRecords.append(epoch) }

    /// The validation confusion counts of the last epoch, nil before the first.
    public var confusion: [[Int]]? { epochRecords.last.map(\.validationConfusion).flatMap { $0.isEmpty ? nil : $0 } }

    /// `values` smoothed by an exponential moving average with the given weight of the past,
    /// bias-corrected as TensorBoard does, so the first points are not pulled towards 0.
    public static func smoothed(_ values: [Double], weight: Double = 0.9) -> [Double] {
        var average = 0.0, correction = 1.0
        return values.map { v in
            guard v.isFinite else { return v }
            average = weight * average + (1 - weight) * v
            correction *= weight
            return average / (1 - correction)
        }
    }
}
