import Foundation
import Testing
@testable import Runtime

/// Learning on real digits, stopping, evaluation, checkpoints.
@Suite("CNN training and checkpoints")
struct CNNTrainingTests {
    static func splits() throws -> MNIST.Splits {
        try MNIST.load(directory: MNIST.locateDirectory(), size: 14, trainFraction: 1, validationFraction: 0.2,
                       testFraction: 0.2, seed: 123)
    }

    /// Two epochs of the default network on 4,000 14×14 digits must classify 2,000 unseen
    /// official test digits (a stratified fifth of them) at better than 85%.
    @Test func learnsRealDigits() throws {
        let data = try Self.splits()
        var model = try CNN(config: .standard, seed: 7)
        var trainer = CNNTrainer(epochs: 2, patience: 2, batchSize: 32, validationSubsetRatio: 0.5)
        var rng = SeededGenerator(seed: 8)
        let history = try trainer.train(&model, on: data.train, validation: data.validation, rng: &rng)
        #expect(history.epochs.count == 2)
        #expect(history.epochs[1].trainLoss < history.epochs[0].trainLoss)
        let result = try evaluate(&model, on: data.test)
        #expect(data.test.count == 2000)
        #expect(result.metrics.accuracy > 0.85, "test accuracy \(result.metrics.accuracy)")
        #expect(result.metrics.confusion.reduce(0) { $0 + $1.reduce(0, +) } == 2000)
    }

    /// A raised stop flag ends training at the next batch; batch snapshots carry predictions
    /// and one gradient norm per layer.
    @Test func stopsCleanly() throws {
        let data = try Self.splits()
        var model = try CNN(config: .standard, seed: 7)
        var trainer = CNNTrainer(epochs: 5)
        var rng = SeededGenerator(seed: 8)
        let stop = StopFlag()
        let seen = Counter()
        let observer = CNNTrainingObserver(onBatch: { s in
            #expect(s.predictions.count == 32 && s.labels.count == 32)
            #expect(s.gradientNorms.count == 11 && s.gradientNorms[0] > 0 && s.gradientNorms[1] == 0)
            if seen.increment() == 10 { stop.raise() }
        })
        let history = try trainer.train(&model, on: data.train, validation: data.validation, rng: &rng, stop: stop, observer: observer)
        #expect(history.reason == "stopped by user")
        #expect(history.imagesSeen == 320)
        #expect(history.epochs.isEmpty)
    }

    /// A batch snapshot's epoch accuracy is the share right over every image of the epoch so
    /// far (what the status line shows), not the batch's own; after the last batch of an epoch
    /// it is the epoch's train accuracy.
    @Test func batchSnapshotsCarryTheEpochsRunningAccuracy() throws {
        let data = try Self.splits()
        var model = try CNN(config: .standard, seed: 7)
        var trainer = CNNTrainer(epochs: 1, batchSize: 32)
        var rng = SeededGenerator(seed: 8)
        let snapshots = Snapshots()
        let observer = CNNTrainingObserver(onBatch: { s in snapshots.append(s) })
        let history = try trainer.train(&model, on: data.train, validation: data.validation, rng: &rng, observer: observer)
        let all = snapshots.all
        #expect(all.count == (data.train.count + 31) / 32)
        var right = 0, seen = 0
        var differsFromTheBatch = false
        for s in all {
            right += zip(s.predictions, s.labels).filter { $0 == $1 }.count
            seen += s.labels.count
            #expect(abs(Double(s.epochAccuracy) - Double(right) / Double(seen)) < 1e-6, "batch \(s.batch)")
            if abs(s.epochAccuracy - s.accuracy) > 1e-6 { differsFromTheBatch = true }
        }
        #expect(differsFromTheBatch)
        #expect(abs(Double(all.last!.epochAccuracy) - history.epochs[0].trainAccuracy) < 1e-6)
    }

    /// Saved and loaded, a model predicts identically; names and shapes are PyTorch's.
    @Test func checkpointRoundTrip() throws {
        let data = try Self.splits()
        var model = try CNN(config: .standard, seed: 3)
        var adam = CNNAdam()
        for b in 0..<20 { _ = model.trainStep(data.train, indices: Array(0..<4000)[(b * 32)..<((b + 1) * 32)], optimizer: &adam) }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nv-cnn-\(getpid())/m.safetensors").path
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path) }
        try model.save(path: path, metrics: ["test_accuracy": 0.5])
        var loaded = try CNN.load(path: path)
        let sample = data.test.subset(Array(0..<100))
        #expect(try loaded.predict(sample) == model.predict(sample))
        let file = try SafeTensors.read(path: path)
        #expect(file.tensors["layers.0.weight"]?.shape == [8, 1, 3, 3])
        #expect(file.tensors["layers.3.weight"]?.shape == [16, 8, 3, 3])
        #expect(file.tensors["layers.7.weight"]?.shape == [128, 64])
        #expect(file.tensors["layers.9.bias"]?.shape == [10])
        #expect(file.metadata["format"] == "nv-cnn")
        #expect(file.metadata["metrics"] == #"{"test_accuracy":0.5}"#)
    }

    /// A checkpoint whose tensors do not fit its config is refused, naming the tensor and shapes.
    @Test func refusesCheckpointOfAnotherShape() throws {
        let model = try CNN(config: .standard, seed: 3)
        var other = CNNConfig.standard
        other.layers[0] = .conv(filters: 6, size: 3, stride: 1, padding: 0)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nv-bad-\(getpid()).safetensors").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try SafeTensors.write(tensors: model.stateDict, metadata: ["config": other.json], to: path)
        do {
            _ = try CNN.load(path: path)
            Issue.record("loaded a checkpoint of another shape")
        } catch let e as RuntimeError {
            #expect(e.message.contains("'layers.0.weight' has shape [8, 1, 3, 3]"), "\(e.message)")
            #expect(e.message.contains("needs [6, 1, 3, 3]"), "\(e.message)")
        }
    }

    /// A learning rate far too large makes the loss NaN or infinite; training says so.
    @Test func divergenceIsReported() throws {
        let data = try Self.splits()
        var model = try CNN(config: .standard, seed: 3)
        var trainer = CNNTrainer(epochs: 3, optimizer: CNNAdam(lr: 1e30))
        var rng = SeededGenerator(seed: 1)
        #expect(throws: RuntimeError.self) {
            _ = try trainer.train(&model, on: data.train, validation: data.validation, rng: &rng)
        }
    }

    /// The blocked GEMM kernels against a naive product, on ragged sizes.
    @Test(arguments: [(1, 1, 1), (5, 17, 3), (4, 16, 9), (13, 35, 72), (33, 100, 20)])
    func gemmMatchesNaive(_ size: (Int, Int, Int)) {
        let (m, n, k) = size
        var rng = SeededGenerator(seed: UInt64(m * 1000 + n))
        let a = (0..<(m * k)).map { _ in Float(rng.normal()) }
        let b = (0..<(k * n)).map { _ in Float(rng.normal()) }
        let bt = (0..<(n * k)).map { i in b[(i % k) * n + i / k] }   // bᵀ [n, k]
        var naive = [Float](repeating: 0, count: m * n)
        for i in 0..<m { for j in 0..<n { for p in 0..<k { naive[i * n + j] += a[i * k + p] * b[p * n + j] } } }
        var c1 = [Float](repeating: 1, count: m * n), c2 = c1
        GEMM.multiply(m: m, n: n, k: k, a: a, lda: k, b: b, ldb: n, c: &c1, ldc: n, accumulate: false)
        GEMM.multiplyTransposed(m: m, n: n, k: k, a: a, lda: k, b: bt, ldb: k, c: &c2, ldc: n, accumulate: true)
        for i in 0..<(m * n) {
            #expect(abs(c1[i] - naive[i]) < 1e-4 * Float(k))
            #expect(abs(c2[i] - 1 - naive[i]) < 1e-4 * Float(k))
        }
    }
}

/// A thread-safe counter for observer callbacks.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}

/// Batch snapshots collected from the training thread.
final class Snapshots: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [CNNBatchSnapshot] = []
    func append(_ snapshot: CNNBatchSnapshot) {
        lock.lock()
        defer { lock.unlock() }
        items.append(snapshot)
    }
    var all: [CNNBatchSnapshot] {
        lock.lock()
        defer { lock.unlock() }
        return items
    }
}
