import Foundation
import Plots
import Runtime

/// What the live CNN dashboard costs, to plan the 15% budget: the default network on
/// the shipped 14x14 digits, timed per batch without an observer, with a detail copied every
/// batch (the worst case), and the dashboard's render and encodes at full and 80-column sizes.
/// The overhead of a refresh every N batches is then (detail + render + encode) / (N · batch).
enum CNNDashboardBenchmark {
    static func run(runs: Int) throws {
        let data = try MNIST.load(directory: MNIST.locateDirectory(), size: 14, trainFraction: 1, validationFraction: 0.2, seed: 123)
        let train = data.train.subset(Array(0..<1600))
        let batches = train.count / 32
        func trainRun(detailEvery: Int?) throws -> (ms: Double, state: CNNTrainingState) {
            var model = try CNN(config: .standard, seed: 1)
            var trainer = CNNTrainer(epochs: 1, patience: 1, batchSize: 32, validationSubsetRatio: 0)
            var rng = SeededGenerator(seed: 2)
            let box = BenchStateBox(CNNTrainingState(model: model, epochs: 1, probeLabel: data.validation.labels[0]))
            let observer = detailEvery.map { every in
                CNNTrainingObserver(onBatch: { s in box.mutate { $0.record(s) } }, onEpoch: { e in box.mutate { $0.record(e) } },
                                    wantsDetail: { _, b in b % every == 0 }, probe: data.validation.image(0).data)
            } ?? CNNTrainingObserver()
            let start = ContinuousClock.now
            _ = try trainer.train(&model, on: train, validation: data.validation.subset([]), rng: &rng, observer: observer)
            let elapsed = ContinuousClock.now - start
            return (Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) / 1e15, box.value)
        }
        _ = try trainRun(detailEvery: nil)
        var plain: [Double] = [], recordOnly: [Double] = [], everyBatch: [Double] = [], state: CNNTrainingState?
        for _ in 0..<5 {
            plain.append(try trainRun(detailEvery: nil).ms)
            recordOnly.append(try trainRun(detailEvery: Int.max).ms)
            let run = try trainRun(detailEvery: 1)
            everyBatch.append(run.ms)
            state = run.state
        }
        let batchMs = plain.sorted()[2] / Double(batches)
        let recordMs = (recordOnly.sorted()[2] - plain.sorted()[2]) / Double(batches)
        let detailMs = (everyBatch.sorted()[2] - plain.sorted()[2]) / Double(batches)
        print("== CNN dashboard: default network, \(batches) batches of 32 at 14x14 ==")
        print(String(format: "training, no observer          %8.3f ms per batch", batchMs))
        print(String(format: "record numbers every batch     %8.3f ms per batch extra", recordMs))
        print(String(format: "record + detail every batch    %8.3f ms per batch extra", detailMs))
        guard let state else { return }
        let figure = CNNViews.dashboard(state)
        print("path".padding(toLength: 40, withPad: " ", startingAt: 0), "wall ms   min ms   cpu ms      bytes")
        measure("dashboard render 1280x800") { figure.render().pixels.count }
        measure("dashboard render + kitty 1280x800") { KittyEncoder.encode(figure.render()).count }
        measure("dashboard render + sixel 1280x800") { SixelEncoder.encode(figure.render()).count }
        measure("dashboard render 632x395 + blocks 79") {
            HalfBlockEncoder.encode(figure.render(width: 632, height: 395), columns: 79).reduce(0) { $0 + $1.utf8.count + 1 }
        }
        _ = runs
    }
}

/// The state a training observer fills from the training thread.
final class BenchStateBox: @unchecked Sendable {
    private let lock = NSLock()
    private var state: CNNTrainingState
    init(_ state: CNNTrainingState) { self.state = state }
    var value: CNNTrainingState { lock.withLock { state } }
    func mutate(_ body: (inout CNNTrainingState) -> Void) { lock.withLock { body(&state) } }
}
