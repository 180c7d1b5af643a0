import Testing
@testable import Plots
import Runtime

/// `infer` at every width keeps its answer: the prediction, its probability and the top 3 get
/// their room first, and no layer card is too narrow to read.
@Suite struct InferenceLayoutTests {
    @Test(arguments: [640, 800, 960, 1400])
    func everyWidthShowsTheAnswerAndTheTopThree(_ width: Int) throws {
        let model = try CNNFixtures.shared.get().model
        let layers = model.layerSummaries
        // The row's width inside the figure's margins.
        let rowWidth = Double(width) - 2 * GridLayout.margin
        let plan = InferenceRow.plan(width: rowWidth, height: 120, layers: layers, outputCount: layers.count,
                                     compact: width < CNNViews.compactWidth)
        let used = plan.inputWidth + InferenceRow.answerWidth + InferenceRow.topWidth
            + Double(plan.cards.count) * plan.cardWidth + InferenceRow.gap * Double(plan.cards.count + 3)
        #expect(used <= rowWidth + 0.5, "the cards need \(used) of \(rowWidth) px")
        #expect(plan.cards.isEmpty || plan.cardWidth >= InferenceRow.minimumCard)
        let softmax = plan.cards.contains { layers[$0].kind == "softmax" }
        #expect(!softmax || plan.cardWidth >= InferenceRow.softmaxWidth)
        #expect(plan.cards.contains { layers[$0].kind == "conv" }, "at least the first convolution is shown")
    }

    /// Drawn, the answer card holds the predicted digit in the large font's colour.
    @Test(arguments: [640, 800, 960])
    func theAnswerCardIsDrawn(_ width: Int) throws {
        let f = try CNNFixtures.shared.get()
        var model = f.model
        let two = f.test.subset([0, 1])
        let probes = try model.probes(images: two.images, count: 2, shape: two.shape)
        let figure = CNNViews.inference(probes, labels: two.labels, layers: model.layerSummaries)
        let height = width * figure.preferredHeight / figure.preferredWidth
        let raster = figure.render(width: width, height: height)
        let grid = GridLayout(width: width, height: height, rows: 2, columns: 1,
                              panels: [Panel(nil), Panel(nil)], hasTitle: true)
        for slot in grid.slots {
            let plan = InferenceRow.plan(width: slot.chartArea.width, height: slot.chartArea.height,
                                         layers: model.layerSummaries, outputCount: model.layerSummaries.count,
                                         compact: width < CNNViews.compactWidth)
            let x0 = slot.chartArea.minX + plan.inputWidth + InferenceRow.gap
            let answer = Rect(x: x0, y: slot.chartArea.minY + 30, width: InferenceRow.answerWidth,
                              height: slot.chartArea.height - 34)
            var dark = 0
            for y in Int(answer.minY)..<Int(answer.maxY) {
                for x in Int(answer.minX)..<Int(answer.maxX) where raster[x, y].r < 120 { dark += 1 }
            }
            #expect(dark > 40, "the answer card of row \(slot.panelIndex) holds text (\(dark) dark pixels)")
        }
    }
}
