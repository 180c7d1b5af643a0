import Foundation
@testable import Plots
import Runtime

/// A default CNN trained briefly on the shipped digits with fixed seeds, and what its views
/// draw: built once and shared by the CNN view tests.
struct CNNFixtures: Sendable {
    var model: CNN
    var state: CNNTrainingState
    var test: ImageDataset

    static let shared: Result<CNNFixtures, any Error> = Result { try CNNFixtures() }

    /// 1,200 training digits (14x14), one epoch plus a little, a detail every 10 batches.
    init() throws {
        let data = try MNIST.load(directory: MNIST.locateDirectory(), size: 14, trainFraction: 1,
                                  validationFraction: 0.2, testFraction: 0.05, seed: 123)
        let train = data.train.subset(Array(0..<1200)), validation = data.validation.subset(Array(0..<300))
        var model = try CNN(config: .standard, seed: 7)
        var trainer = CNNTrainer(epochs: 2, patience: 2, batchSize: 32, validationSubsetRatio: 1)
        let probe = data.validation.image(0).data
        let box = StateBox(CNNTrainingState(model: model, epochs: 2, probeLabel: data.validation.labels[0]))
        let observer = CNNTrainingObserver(onBatch: { s in box.mutate { $0.record(s) } },
                                           onEpoch: { e in box.mutate { $0.record(e) } },
                                           wantsDetail: { _, b in b % 10 == 0 }, probe: probe)
        var rng = SeededGenerator(seed: 8)
        _ = try trainer.train(&model, on: train, validation: validation, rng: &rng, observer: observer)
        self.model = model
        self.state = box.value
        self.test = data.test
    }
}

/// The state a training observer fills from the training thread.
final class StateBox: @unchecked Sendable {
    private let lock = NSLock()
    private var state: CNNTrainingState
    init(_ state: CNNTrainingState) { self.state = state }
    var value: CNNTrainingState { lock.withLock { state } }
    func mutate(_ body: (inout CNNTrainingState) -> Void) { lock.withLock { body(&state) } }
}
