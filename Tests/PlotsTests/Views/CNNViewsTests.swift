import Foundation
import Testing
@testable import Plots
import Runtime

/// The CNN views draw from a briefly trained default network: every figure has ink at full and
/// text-mode sizes, the panels show what they claim, and the pictures go to `$NV_LOOK_DIR`.
@Suite struct CNNViewsTests {
    static func fixtures() throws -> CNNFixtures { try CNNFixtures.shared.get() }

    /// The figures a person looks at, by name, at their design size.
    static func figures() throws -> [(String, Figure)] {
        let f = try fixtures()
        var model = f.model
        let predictions = try evaluate(&model, on: f.test).predictions
        // Three classes' first digits and the first mistake.
        let byClass = f.test.indicesByClass()
        let mistake = f.test.labels.indices.first { f.test.labels[$0] != predictions[$0] } ?? 0
        let four = f.test.subset([byClass[7][0], byClass[2][0], byClass[4][0], mistake])
        let probes = try model.probes(images: four.images, count: 4, shape: four.shape)
        let saliency = try model.saliency(four.image(0).data, classIndex: probes[0].predicted)
        return [
            ("cnn-dashboard", CNNViews.dashboard(f.state)),
            ("cnn-inference", CNNViews.inference(probes, labels: four.labels, layers: model.layerSummaries)),
            ("cnn-saliency", CNNViews.saliency(saliency, label: four.labels[0])),
            ("cnn-mistakes", CNNViews.mistakes(images: f.test.images, shape: f.test.shape, labels: f.test.labels,
                                               predictions: predictions, total: f.test.count)),
            ("cnn-summary", CNNViews.summary(model.layerSummaries, inputShape: model.inputShape)),
        ]
    }

    /// Each figure at its design size and at the size `--graphics blocks` renders for 80
    /// columns (8 px per column) has ink; the text version is saved for a person to read.
    @Test func everyViewDrawsAtFullAndTextSizes() throws {
        for (name, figure) in try Self.figures() {
            let full = figure.render()
            #expect(ViewFixtures.hasInk(full), "\(name) is blank")
            LookAt.save(full, name)
            let width = 79 * 8, height = Int(Double(width) * Double(figure.preferredHeight) / Double(figure.preferredWidth))
            let small = figure.render(width: width, height: height)
            #expect(small.width == width && ViewFixtures.hasInk(small))
            LookAt.save(small, name + "-text")
            LookAt.saveBlocks(small, name + "-blocks", columns: 79)
        }
    }

    /// The training state holds what training reported: one loss per batch, a detail's batch,
    /// the probe, a confusion per epoch summing to the validation size.
    @Test func stateRecordsTheRun() throws {
        let state = try Self.fixtures().state
        #expect(state.batchLosses.count == 2 * 38 && state.gradientNorms.count == 76)
        #expect(state.gradientNorms[0].count == 4 && state.parameterLayers == [0, 3, 7, 9])
        #expect(state.batchImages.count == 32 * 196 && state.batchPredictions.count == 32)
        #expect(state.probe?.outputs.count == 11 && state.filters?.shape == [8, 1, 3, 3])
        #expect(state.confusion?.flatMap { $0 }.reduce(0, +) == 300)
        #expect(CNNTrainingState.smoothed([4, 4, 4]) == [4, 4, 4])
    }

    /// Mistakes are exactly the wrong predictions: captions name true→predicted.
    @Test func mistakesShowOnlyWrongDigits() throws {
        let images = [Float](repeating: 0.5, count: 4 * 4)
        let figure = CNNViews.mistakes(images: images, shape: [1, 2, 2], labels: [1, 2, 3, 4], predictions: [1, 0, 3, 0], total: 4)
        #expect(ViewFixtures.hasInk(figure.render()))
        let none = CNNViews.mistakes(images: images, shape: [1, 2, 2], labels: [1, 2], predictions: [1, 2], total: 2)
        #expect(ViewFixtures.hasInk(none.render()))
    }
}
