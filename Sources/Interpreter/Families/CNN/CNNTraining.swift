import Foundation
import Runtime

/// `train` for a CNN, with the original Network-Visualizers semantics (CNNTrainer): Adam,
/// shuffled mini-batches, a random subset of the validation set each epoch, early stopping
/// after `patience` epochs without a better validation loss, the best epoch's weights kept.
///
/// The dashboard (CNNLiveDashboard) redraws every `every` batches (default 10) as the pacing
/// allows; its last frame stays. Output: one line per epoch with the training and validation loss, accuracy, macro
/// precision and macro F1 (the same numbers for the same seed, so they can be compared and
/// tested), then the test accuracy. Everything that depends on the clock — the batch being
/// trained, images per second, the ETA, the total time — goes on the status line, which a
/// terminal redraws in place under the epoch lines (and prints once at the end when it
/// cannot). `train` returns the run's history (see `CNNModel.history`).
enum CNNTraining {
    static func train(_ args: inout Arguments) throws -> Value {
        let model = try args.model("model", as: CNNModel.self)
        guard args.has("data") else {
            throw args.error("data", "is needed for a cnn: train(m, mnist(size: 14), epochs: 3)")
        }
        let data = try args.images("data")
        let config = model.network.config
        let (epochs, every) = try args.schedule(epochs: config.epochs, every: 10)
        let batch = try args.count("batch", default: config.batchSize, limit: TrainingLimits.maximumBatch)
        let patience = try args.count("patience", default: config.patience, limit: TrainingLimits.maximumEpochs)
        // The trainer checks these too; here they come before anything changes or the progress line is drawn.
        try args.runtime {
            try model.network.checkFits(data.data)
            try model.network.checkBudget(batch: batch)
        }
        if args.has("lr") {
            let lr = try args.positiveNumber("lr", default: config.learningRate)
            model.optimizer.learningRate = Float(lr)
            model.network.config.learningRate = lr
        }
        let validation = try data.splits?.validation
            ?? ImageDataset(shape: data.data.shape, images: [], labels: [], classes: data.data.classes, name: "no validation")
        var trainer = CNNTrainer(epochs: epochs, patience: patience, batchSize: batch,
                                 validationSubsetRatio: config.validationSubsetRatio, optimizer: model.optimizer)
        let live = try args.liveTraining(total: epochs, firstEpoch: model.epochs.count, drawingShare: CNNLiveDashboard.drawingShare)
        let run = CNNRun(live: live, firstEpoch: model.epochs.count, images: data.data.count, batch: batch)
        let dashboard = CNNLiveDashboard(live: live, network: model.network, epochs: epochs, every: every,
                                         data: data.data, validation: validation, batchSize: batch)
        let observer = CNNTrainingObserver(onBatch: { run.batch($0); dashboard.batch($0) },
                                           onEpoch: { run.epoch($0); dashboard.epoch($0) },
                                           wantsDetail: { dashboard.wantsDetail(epoch: $0, batch: $1) }, probe: dashboard.probe)
        var rng = args.context.session.generator
        defer { args.context.session.generator = rng }
        model.trainData = data
        // Restored if the loss diverges before any epoch ended (the trainer then has no best weights).
        let before = model.network
        let display = args.context.display
        live.begin()
        let history: CNNHistory
        do {
            history = try trainer.train(&model.network, on: data.data, validation: validation, rng: &rng,
                                        stop: live.stopFlag, observer: observer)
        } catch {
            model.optimizer = trainer.optimizer
            live.fail(status: run.status(finished: true))
            guard let error = error as? RuntimeError else { throw error }
            if run.bestEpoch == 0 { model.network = before }
            let kept = run.bestEpoch > 0 ? "the weights of epoch \(run.bestEpoch) are kept" : "the weights from before this call are kept"
            let message = error.message.hasPrefix("train:") ? error.message : "train: \(error.message)"
            throw BuiltinError("\(message); \(kept)")
        }
        model.optimizer = trainer.optimizer
        let offset = model.epochs.count
        model.epochs += history.epochs.map { record in
            var shifted = record
            shifted.epoch += offset
            return shifted
        }
        if history.bestEpoch > 0 { model.bestEpoch = offset + history.bestEpoch }
        live.finish(status: run.status(finished: true), frame: dashboard.finalFrame(&model.network))
        let last = offset + history.epochs.count
        let kept = model.bestEpoch > 0 ? "the weights of epoch \(model.bestEpoch) are kept" : "the weights are kept as they are"
        if live.stopReason != nil {
            live.writeStopMessage(at: "in epoch \(run.epochInProgress)", kept: kept)
        } else if history.reason.hasPrefix("early stop") {
            display.write("early stop after epoch \(last): no better validation loss for \(patience) epoch\(patience == 1 ? "" : "s"); \(kept)\n")
        }
        model.testAccuracy = nil
        if let test = data.splits?.test, test.count > 0 {
            let result = try args.runtime { try Runtime.evaluate(&model.network, on: test) }
            model.testAccuracy = result.metrics.accuracy
            display.write("test accuracy \(TrainingProgress.percent(result.metrics.accuracy)) on \(test.count) images\n")
        }
        return CNNModel.history(Array(model.epochs.suffix(history.epochs.count)), bestEpoch: model.bestEpoch,
                                reason: history.reason, testAccuracy: model.testAccuracy)
    }
}

/// The state one CNN `train` call shares with its observer callbacks: the epoch lines and the
/// status text (`LiveTraining` shows them). CNNTrainer calls them on the training thread, one
/// at a time, so no lock is needed; they are `@Sendable` only because the Runtime observer
/// type says so.
final class CNNRun: @unchecked Sendable {
    let live: LiveTraining
    /// Epochs the model had before this call (epoch numbers continue from there).
    let firstEpoch: Int
    let batchesPerEpoch: Int
    private var batchesDone = 0
    private var lastBatch: CNNBatchSnapshot?
    /// This call's best epoch (counted over all calls), 0 before one ended.
    private(set) var bestEpoch = 0

    init(live: LiveTraining, firstEpoch: Int, images: Int, batch: Int) {
        self.live = live
        self.firstEpoch = firstEpoch
        batchesPerEpoch = (images + batch - 1) / batch
    }

    private var progress: TrainingProgress { live.progress }

    /// The epoch being trained (counted over all calls), 0 before the first batch.
    var epochInProgress: Int { lastBatch.map { firstEpoch + $0.epoch } ?? 0 }

    /// After each batch: checks for q / Ctrl-C and refreshes the status line.
    func batch(_ snapshot: CNNBatchSnapshot) {
        batchesDone += 1
        lastBatch = snapshot
        live.check { status(finished: false) }
    }

    /// After each epoch: the epoch's line (held under a live picture until it ends).
    func epoch(_ record: CNNEpochRecord) {
        if record.isBest { bestEpoch = firstEpoch + record.epoch }
        live.line(line(record))
    }

    /// `epoch 2/10  train loss 0.3120 acc 90.6% prec 90.7% f1 90.5%  val loss ... best`.
    func line(_ r: CNNEpochRecord) -> String {
        func figures(_ loss: Double, _ accuracy: Double, _ precision: Double, _ f1: Double) -> String {
            "loss \(TrainingProgress.number(loss)) acc \(TrainingProgress.percent(accuracy)) prec \(TrainingProgress.percent(precision)) f1 \(TrainingProgress.percent(f1))"
        }
        var text = "epoch \(firstEpoch + r.epoch)/\(firstEpoch + progress.total)  train "
            + figures(r.trainLoss, r.trainAccuracy, r.trainPrecision, r.trainF1)
        if r.validationLoss.isFinite {
            text += "  val " + figures(r.validationLoss, r.validationAccuracy, r.validationPrecision, r.validationF1)
        }
        return text + (r.isBest ? "  best" : "") + "\n"
    }

    /// `epoch 2/10 ▕████░░░░▏ batch 37/125  loss 0.2345  acc 93.8%  1.2k img/s  ETA 12 s`: the
    /// loss and accuracy are the epoch's running figures, not the last batch's (one batch of 32
    /// jumps by 3% per image).
    func status(finished: Bool) -> String {
        let total = progress.total * batchesPerEpoch
        let cells = 20
        let filled = total > 0 ? min(cells, batchesDone * cells / total) : cells
        let bar = "▕" + String(repeating: "█", count: filled) + String(repeating: "░", count: cells - filled) + "▏"
        var line = "epoch \(epochInProgress)/\(firstEpoch + progress.total) \(bar)"
        if let b = lastBatch {
            if !finished { line += " batch \(b.batch)/\(b.batchesPerEpoch)" }
            line += "  loss \(TrainingProgress.number(Double(b.epochLoss)))  acc \(TrainingProgress.percent(Double(b.epochAccuracy)))"
        }
        let seconds = progress.elapsed
        if seconds > 0, batchesDone > 0 {
            let rate = Double(batchesDone) / seconds
            let images = Double(batchesDone * (lastBatch?.labels.count ?? 1)) / seconds
            line += "  \(TrainingProgress.rate(images)) img/s"
            let waiting = live.waitingShare
            if finished {
                line += "  done in \(TrainingProgress.seconds(seconds))"
                if waiting != nil { line += " (" + TrainingProgress.waitingNote(waiting, finished: true).dropFirst(2) + ")" }
            } else if batchesDone < total {
                line += "  ETA \(TrainingProgress.seconds(Double(total - batchesDone) / rate))"
                    + TrainingProgress.waitingNote(waiting, finished: false)
            }
        }
        return line
    }
}
