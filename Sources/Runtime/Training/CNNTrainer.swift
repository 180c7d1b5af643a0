import Foundation

/// Trains a `CNN` with the original Network-Visualizers semantics: Adam, mini-batches over a
/// reshuffled training set each epoch (the last batch may be smaller), then the loss and metrics
/// on a fresh random `validationSubsetRatio` of the validation set; early stopping after
/// `patience` epochs without a better validation loss. Unlike the original, the model ends
/// with the weights of the best epoch (as the issue asks), and a raised `StopFlag` ends the
/// run between batches, also keeping the best weights (or the current ones if no epoch ended).
public struct CNNTrainer: Sendable {
    /// Maximum epochs.
    public var epochs: Int
    /// Epochs without improvement before stopping.
    public var patience: Int
    /// Samples per batch.
    public var batchSize: Int
    /// Fraction of the validation set used each epoch.
    public var validationSubsetRatio: Double
    /// The optimizer (its state carries over between `train` calls of this trainer).
    public var optimizer: CNNAdam

    /// A trainer with the given settings.
    public init(epochs: Int = 10, patience: Int = 2, batchSize: Int = 32, validationSubsetRatio: Double = 0.5,
                optimizer: CNNAdam = CNNAdam()) {
        self.epochs = epochs
        self.patience = patience
        self.batchSize = batchSize
        self.validationSubsetRatio = validationSubsetRatio
        self.optimizer = optimizer
    }

    /// A trainer with a config's settings.
    public init(config: CNNConfig) {
        self.init(epochs: config.epochs, patience: config.patience, batchSize: config.batchSize,
                  validationSubsetRatio: config.validationSubsetRatio, optimizer: CNNAdam(lr: Float(config.learningRate)))
    }

    /// Trains `model` on `train`, validating on `validation`.
    /// - Throws: `RuntimeError` when the data does not fit the model or the loss stops being finite
    ///   (the model then keeps its best weights so far).
    public mutating func train(_ model: inout CNN, on train: ImageDataset, validation: ImageDataset,
                               rng: inout SeededGenerator, stop: StopFlag? = nil,
                               observer: CNNTrainingObserver = CNNTrainingObserver()) throws -> CNNHistory {
        try model.checkFits(train)
        if validation.count > 0 { try model.checkFits(validation) }
        guard train.count > 0 else { throw RuntimeError("the training set is empty") }
        try model.checkBudget(batch: batchSize)
        let start = Date()
        var history = CNNHistory()
        var best: (loss: Double, weights: [[Tensor]])?
        var sinceBest = 0
        var order = Array(0..<train.count)
        var predictions: [Int] = []
        var epochPredictions: [Int] = [], epochLabels: [Int] = []
        let batchesPerEpoch = (train.count + batchSize - 1) / batchSize
        defer { if let best { model.restoreParameterValues(best.weights) } }
        epochLoop: for epoch in 1...max(epochs, 1) {
            let epochStart = Date()
            order.shuffle(using: &rng)
            epochPredictions.removeAll(keepingCapacity: true)
            epochLabels.removeAll(keepingCapacity: true)
            var lossSum = 0.0
            var epochCorrect = 0
            for b in 0..<batchesPerEpoch {
                if stop?.isRaised == true {
                    history.reason = "stopped by user"
                    break epochLoop
                }
                let indices = order[(b * batchSize)..<min(train.count, (b + 1) * batchSize)]
                let loss = model.computeGradients(train, indices: indices, predictions: &predictions)
                guard loss.isFinite else {
                    throw RuntimeError.diverged(loss: loss, epoch: epoch, learningRate: optimizer.learningRate)
                }
                let norms = observer.onBatch == nil ? [] : model.gradientNorms()
                let wantsDetail = observer.onBatch != nil && observer.wantsDetail?(epoch, b + 1) == true
                let gradients = wantsDetail ? model.firstConvFilters?.gradients : nil
                optimizer.step(&model)
                lossSum += Double(loss)
                history.imagesSeen += indices.count
                let labels = indices.map { train.labels[$0] }
                epochPredictions += predictions
                epochLabels += labels
                if let onBatch = observer.onBatch {
                    let correct = zip(predictions, labels).filter { $0 == $1 }.count
                    epochCorrect += correct
                    var snapshot = CNNBatchSnapshot(epoch: epoch, batch: b + 1, batchesPerEpoch: batchesPerEpoch, loss: loss,
                                                    accuracy: Float(correct) / Float(indices.count),
                                                    epochLoss: Float(lossSum / Double(b + 1)),
                                                    epochAccuracy: Float(epochCorrect) / Float(epochLabels.count),
                                                    predictions: predictions, labels: labels, gradientNorms: norms)
                    if wantsDetail {
                        snapshot.detail = try detail(&model, train: train, indices: indices,
                                                     filterGradients: gradients, probe: observer.probe)
                    }
                    onBatch(snapshot)
                }
            }
            let trainMetrics = ClassificationMetrics(predicted: epochPredictions, truth: epochLabels, classes: model.classes)
            let subsetSize = min(validation.count, max(1, Int(validationSubsetRatio * Double(validation.count))))
            var validationIndices = Array(0..<validation.count)
            validationIndices.shuffle(using: &rng)
            let subset = validation.subset(Array(validationIndices.prefix(subsetSize)))
            let evaluation = try evaluate(&model, on: subset)
            // Without a validation set there is nothing to stop early on: every epoch counts as best.
            let improved = validation.count == 0 || evaluation.loss < (best?.loss ?? .infinity)
            if improved {
                best = (evaluation.loss, model.parameterValues())
                history.bestEpoch = epoch
                sinceBest = 0
            } else {
                sinceBest += 1
            }
            var record = CNNEpochRecord(
                epoch: epoch, trainLoss: lossSum / Double(batchesPerEpoch), trainAccuracy: trainMetrics.accuracy,
                trainPrecision: trainMetrics.macroPrecision, trainF1: trainMetrics.macroF1,
                validationLoss: evaluation.loss, validationAccuracy: evaluation.metrics.accuracy,
                validationPrecision: evaluation.metrics.macroPrecision, validationF1: evaluation.metrics.macroF1,
                seconds: Date().timeIntervalSince(epochStart), isBest: improved)
            record.validationConfusion = evaluation.metrics.confusion
            history.epochs.append(record)
            observer.onEpoch?(record)
            if validation.count > 0 && sinceBest >= patience && epoch < epochs {
                history.reason = "early stop (patience \(patience))"
                break
            }
        }
        history.seconds = Date().timeIntervalSince(start)
        return history
    }

    /// The pictures' copy of one batch: its images, the first conv's filters (after the update)
    /// with this batch's gradient, and the probe through the updated network.
    private func detail(_ model: inout CNN, train: ImageDataset, indices: ArraySlice<Int>,
                        filterGradients: Tensor?, probe: [Float]?) throws -> CNNTrainingDetail {
        let size = train.sampleSize
        var images = [Float]()
        images.reserveCapacity(indices.count * size)
        for i in indices { images += train.images[(i * size)..<((i + 1) * size)] }
        return CNNTrainingDetail(images: images, imageShape: train.shape, filters: model.firstConvFilters?.weights,
                                 filterGradients: filterGradients, probe: try probe.map { try model.probe($0) })
    }
}

/// Evaluates `model` on `data`: mean loss, metrics, predictions. An empty set gives loss ∞.
/// - Throws: `RuntimeError` when the images do not fit the network (`CNN.checkFits`).
public func evaluate(_ model: inout CNN, on data: ImageDataset) throws -> CNNEvaluation {
    try model.checkFits(data)
    let probs = try model.predict(data)
    var loss = 0.0
    var predicted: [Int] = []
    predicted.reserveCapacity(data.count)
    let k = model.classes
    for i in 0..<data.count {
        let row = probs.data[(i * k)..<((i + 1) * k)]
        loss -= log(Double(max(row[i * k + data.labels[i]], 1e-30)))
        predicted.append((row.indices.max { row[$0] < row[$1] } ?? i * k) - i * k)
    }
    return CNNEvaluation(loss: data.count == 0 ? .infinity : loss / Double(data.count),
                         metrics: ClassificationMetrics(predicted: predicted, truth: data.labels, classes: k),
                         predictions: predicted)
}
