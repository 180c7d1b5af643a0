import Foundation
import Testing
@testable import Runtime

/// What the CNN pictures read from a network: probes, saliency (checked against central
/// differences), the first conv's filters, and the dashboard's detail snapshots.
@Suite("CNN view data")
struct CNNViewDataTests {
    static let specs: [CNNLayerSpec] = [.conv(filters: 3, size: 3, stride: 1, padding: 1), .tanh, .avgpool(size: 2, stride: 2),
                                        .flatten, .dense(outputs: 6), .sigmoid, .dense(outputs: 4), .softmax]

    static func image(seed: UInt64, count: Int = 36) -> [Float] {
        var rng = SeededGenerator(seed: seed)
        return (0..<count).map { _ in Float(rng.uniform()) }
    }

    /// Saliency is ∂logit/∂pixel: compared with central differences of the logit (Double).
    /// Smooth layers only (tanh, avg-pool, sigmoid), so a ±ε step crosses no kink.
    @Test(arguments: [0, 3])
    func saliencyIsTheInputGradient(classIndex: Int) throws {
        var model = try CNN(layers: Self.specs, inputShape: [1, 6, 6], classes: 4, seed: 11)
        let x = Self.image(seed: 2)
        let result = try model.saliency(x, classIndex: classIndex)
        #expect(result.gradient.shape == [1, 6, 6])
        let eps: Float = 1e-2
        var worst = 0.0
        for i in x.indices {
            var plus = x, minus = x
            plus[i] += eps; minus[i] -= eps
            let up = try model.logits(ImageDataset(shape: [1, 6, 6], images: plus, labels: [0], classes: 4, name: "p")).data[classIndex]
            let down = try model.logits(ImageDataset(shape: [1, 6, 6], images: minus, labels: [0], classes: 4, name: "m")).data[classIndex]
            let numeric = (Double(up) - Double(down)) / Double(2 * eps)
            worst = max(worst, abs(numeric - Double(result.gradient.data[i])) / max(1e-3, abs(numeric)))
        }
        #expect(worst < 2e-2, "largest relative error \(worst)")
        #expect(result.gradient.data.contains { $0 != 0 })
        // Saliency leaves no parameter gradient behind.
        #expect(model.gradientNorms().allSatisfy { $0 == 0 })
    }

    /// A probe's last output and probabilities are what `predict` gives; every layer's output
    /// has the inferred shape.
    @Test func probesMatchPredict() throws {
        var model = try CNN(layers: Self.specs, inputShape: [1, 6, 6], classes: 4, seed: 11)
        let images = Self.image(seed: 5, count: 3 * 36)
        let probes = try model.probes(images: images, count: 3, shape: [1, 6, 6])
        let predicted = try model.predict(images: images, count: 3, shape: [1, 6, 6])
        for (i, probe) in probes.enumerated() {
            #expect(probe.outputs.map(\.shape) == model.shapes)
            #expect(probe.probabilities == Array(predicted.data[(i * 4)..<(i * 4 + 4)]))
            #expect(probe.top(2).first?.label == probe.predicted)
        }
        #expect(throws: RuntimeError.self) { try model.probe([1, 2, 3]) }
        #expect(throws: RuntimeError.self) { try model.saliency(Self.image(seed: 1), classIndex: 4) }
        #expect(model.firstConvFilters?.weights.shape == [3, 1, 3, 3])
        #expect(model.layerSummaries.map(\.parameters) == [30, 0, 0, 0, 168, 0, 28, 0])
    }

    /// Details (batch images, filters, gradients, probe) come only for the batches asked for;
    /// every epoch carries its validation confusion.
    @Test func detailOnlyWhenAsked() throws {
        var rng = SeededGenerator(seed: 4)
        let count = 96
        let images = (0..<(count * 36)).map { _ in Float(rng.uniform()) }
        let labels = (0..<count).map { $0 % 4 }
        let data = try ImageDataset(shape: [1, 6, 6], images: images, labels: labels, classes: 4, name: "noise")
        var model = try CNN(layers: Self.specs, inputShape: [1, 6, 6], classes: 4, seed: 11)
        var trainer = CNNTrainer(epochs: 2, patience: 5, batchSize: 16, validationSubsetRatio: 1)
        let details = Counter(), batches = Counter(), epochs = Counter()
        let probe = Array(images[0..<36])
        let observer = CNNTrainingObserver(onBatch: { s in
            _ = batches.increment()
            if let d = s.detail {
                _ = details.increment()
                #expect(s.batch % 3 == 0)
                #expect(d.images.count == 16 * 36 && d.imageShape == [1, 6, 6])
                #expect(d.filters?.shape == [3, 1, 3, 3] && d.filterGradients?.shape == [3, 1, 3, 3])
                #expect(d.filterGradients?.data.contains { $0 != 0 } == true)
                #expect(d.probe?.outputs.count == 8)
            } else {
                #expect(s.batch % 3 != 0)
            }
        }, onEpoch: { e in
            _ = epochs.increment()
            #expect(e.validationConfusion.flatMap { $0 }.reduce(0, +) == 32)
        }, wantsDetail: { _, batch in batch % 3 == 0 }, probe: probe)
        var split = SeededGenerator(seed: 9)
        _ = try trainer.train(&model, on: data.subset(Array(0..<64)), validation: data.subset(Array(64..<96)), rng: &split, observer: observer)
        #expect(batches.increment() == 9 && details.increment() == 3 && epochs.increment() == 3)
    }
}
