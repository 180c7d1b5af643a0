import Foundation
import Plots
import Runtime

/// The live dashboard of one CNN `train` call: takes every batch report into a
/// `CNNTrainingState`, asks the trainer for the pictures' data (batch images, filters, the probe
/// digit) only when a frame is due, and offers that frame to the display.
///
/// A frame is due every `every` batches. On a terminal that animates, each one is shown and
/// training waits for its turn, as the pacing of `TrainingProgress` says for every model family
/// (at most `fps` a second, drawing at most a fifth of the time): three epochs on the shipped
/// digits used to pass in half a second with three frames. Otherwise (`--frames` without a
/// terminal) training is never slowed: frames are offered at most 30 a second and, after a frame
/// that cost d, not before 11.5·d has passed, so drawing takes at most about 8% of the run;
/// the rest are dropped. The last batch of every epoch is copied too, without a frame, so the
/// final frame shows the last batch even when a short run offered no frame at all. Called on the
/// training thread, one call at a time.
final class CNNLiveDashboard: @unchecked Sendable {
    /// The largest share of the run's time spent drawing frames when nobody watches.
    static let drawingShare = 0.08
    private let live: LiveTraining
    private let every: Int
    private var batches = 0
    /// Batches per epoch, as the trainer cuts the training images.
    private let batchesPerEpoch: Int
    /// Whether the detail being copied is for a frame (and not only the epoch's last batch).
    private var frameWanted = false
    /// What the frames draw.
    private(set) var state: CNNTrainingState
    /// The probe digit `[C, H, W]` (the first validation image, else the first training image).
    let probe: [Float]?

    init(live: LiveTraining, network: CNN, epochs: Int, every: Int, data: ImageDataset, validation: ImageDataset, batchSize: Int) {
        self.live = live
        self.every = max(1, every)
        batchesPerEpoch = (data.count + max(1, batchSize) - 1) / max(1, batchSize)
        let source = validation.count > 0 ? validation : data
        probe = source.count > 0 ? source.image(0).data : nil
        state = CNNTrainingState(model: network, epochs: epochs, probeLabel: source.count > 0 ? source.labels[0] : nil)
    }

    /// Asked by the trainer after each batch's backward pass: copy the pictures' data now?
    func wantsDetail(epoch: Int, batch: Int) -> Bool {
        guard live.live else { return false }
        frameWanted = (batches + 1) % every == 0 && live.frameDue()
        return frameWanted || batch == batchesPerEpoch
    }

    /// After each batch: record it, and draw a frame when it carries a detail.
    func batch(_ snapshot: CNNBatchSnapshot) {
        batches += 1
        state.record(snapshot)
        guard snapshot.detail != nil, frameWanted else { return }
        live.offer { CNNViews.dashboard(state) }
    }

    /// After each epoch: the validation figures and confusion matrix.
    func epoch(_ record: CNNEpochRecord) { state.record(record) }

    /// The last frame, from the network as training left it (its best weights).
    func finalFrame(_ network: inout CNN) -> Figure {
        if let probe, let result = try? network.probe(probe) { state.probe = result }
        if let filters = network.firstConvFilters {
            state.filters = filters.weights
            state.filterGradients = filters.gradients
        }
        return CNNViews.dashboard(state)
    }
}
