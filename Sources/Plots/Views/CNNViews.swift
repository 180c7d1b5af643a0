import Foundation
import Runtime

/// The pictures of a CNN: the live training dashboard, inference cards, saliency maps, the
/// mistakes gallery and the model summary. Each takes plain values (a training state, probes,
/// saliency results) and draws when rendered.
public enum CNNViews {
    /// Below this width (text modes render about 8 px per column) the dashboard drops to its
    /// compact 2 x 3 layout with larger panels.
    static let compactWidth = 760

    /// The live training dashboard: loss and accuracy curves, the current batch with its
    /// predictions, the first conv's filters and their gradients, the probe digit's feature maps,
    /// dense activations and probabilities, the validation confusion matrix and per-layer
    /// gradient norms, under a title with epoch, batch, loss and validation accuracy.
    /// At text-mode sizes (narrower than 760 px) the filters' gradients, the gradient norms and
    /// the accuracy curve are left out and the batch shows 16 digits.
    public static func dashboard(_ state: CNNTrainingState, width: Int = 1280, height: Int = 800) -> Figure {
        let (w, h) = Figure.clampedSize(width: width, height: height)
        return Figure.built(preferredWidth: w, preferredHeight: h) { width, height in
            let compact = width < compactWidth
            let panels = compact ? compactPanels(state) : dashboardPanels(state)
            return Figure.grid(rows: compact ? 2 : 3, columns: compact ? 3 : 4, panels: panels, title: title(state),
                               width: width, height: height)
        }
    }

    /// The full dashboard's panels in a 3 x 4 grid.
    static func dashboardPanels(_ state: CNNTrainingState) -> [Panel] {
        return [
            Panel(CNNPanels.loss(state), title: "loss", row: 0, column: 0),
            Panel(CNNPanels.accuracy(state), title: "accuracy", row: 0, column: 1),
            Panel(CNNPanels.batch(state), title: "batch: predicted (wrong framed)", row: 0, column: 2, columnSpan: 2),
            Panel(CNNPanels.filters(state.filters, empty: "no convolution"), title: "conv 1 filters", row: 1, column: 0),
            Panel(CNNPanels.filters(state.filterGradients, empty: "no convolution"), title: "filter gradients", row: 1, column: 1),
            Panel(CNNPanels.featureMaps(state.probe, layerNames: state.layerNames), title: "probe: feature maps", row: 1, column: 2, rowSpan: 2),
            Panel(CNNPanels.denseAndProbabilities(state.probe, layerNames: state.layerNames, label: state.probeLabel),
                  title: "probe: dense, P(class)", row: 1, column: 3, rowSpan: 2),
            Panel(CNNPanels.confusion(state.confusion), title: "validation confusion", row: 2, column: 0),
            Panel(CNNPanels.gradientNorms(state), title: "gradient norms", row: 2, column: 1),
        ]
    }

    /// The compact dashboard's panels in a 2 x 3 grid.
    static func compactPanels(_ state: CNNTrainingState) -> [Panel] {
        let probe: any Chart = state.probe.map {
            ProbabilityColumns(probabilities: $0.probabilities.map(Double.init), predicted: $0.predicted, label: state.probeLabel)
        } ?? MessageChart("no probe yet")
        return [
            Panel(CNNPanels.loss(state, lineScale: 2.5), title: "loss"),
            Panel(CNNPanels.batch(state, limit: 8), title: "batch"),
            Panel(CNNPanels.featureMaps(state.probe, layerNames: state.layerNames, layers: 1), title: "probe maps"),
            Panel(CNNPanels.filters(state.filters, empty: "no convolution"), title: "filters"),
            Panel(CNNPanels.confusion(state.confusion), title: "confusion"),
            Panel(probe, title: "probe P(class)"),
        ]
    }

    /// "CNN · epoch 3/10 · batch 120/300 · loss 0.2100 · val acc 96.2%".
    static func title(_ state: CNNTrainingState) -> String {
        var text = "CNN · epoch \(state.epoch)/\(state.epochs) · batch \(state.batch)/\(state.batchesPerEpoch)"
        if let loss = state.batchLosses.last { text += " · loss \(ViewFormat.value(CNNTrainingState.smoothed(state.batchLosses).last ?? loss))" }
        if let last = state.epochRecords.last { text += String(format: " · val acc %.1f%%", 100 * last.validationAccuracy) }
        return text
    }
}

extension CNNViews {
    /// Inference of several digits, one row each: the input, a card per layer (type, output
    /// shape, parameters, activation maps or values), the top-3 probabilities and the true
    /// label. `labels` may be shorter than `probes` (unknown labels). Narrower than 760 px, only
    /// conv, pool and dense layers get cards.
    public static func inference(_ probes: [CNNProbe], labels: [Int?], layers: [CNNLayerSummary],
                                 width: Int = 1400, height: Int? = nil) -> Figure {
        let (w, h) = Figure.clampedSize(width: width, height: height ?? (60 + 220 * max(1, probes.count)))
        let right = zip(probes, labels).filter { $0.0.predicted == $0.1 }.count
        let known = labels.prefix(probes.count).compactMap { $0 }.count
        let title = "inference · \(probes.count) digit\(probes.count == 1 ? "" : "s")" + (known > 0 ? " · \(right) of \(known) right" : "")
        return Figure.built(preferredWidth: w, preferredHeight: h) { width, height in
            guard !probes.isEmpty else {
                return Figure.single(MessageChart("no digits to show"), title: title, width: width, height: height)
            }
            let compact = width < compactWidth
            let panels = probes.enumerated().map { i, probe in
                Panel(InferenceRow(probe: probe, label: i < labels.count ? labels[i] : nil, layers: layers, compact: compact))
            }
            return Figure.grid(rows: probes.count, columns: 1, panels: panels, title: title, width: width, height: height)
        }
    }

    /// Which pixels drove the decision: the digit, the signed gradient of the class score with
    /// respect to each pixel (red raises the score, blue lowers it), and the gradient's
    /// magnitude laid over the digit.
    public static func saliency(_ result: CNNSaliency, label: Int? = nil, width: Int = 960, height: Int = 380) -> Figure {
        let (w, h) = Figure.clampedSize(width: width, height: height)
        let p = result.classIndex < result.probabilities.count ? result.probabilities[result.classIndex] : .nan
        let title = "saliency of class \(result.classIndex) (p = \(String(format: "%.2f", p)))"
            + (label.map { " · true \($0)" } ?? "")
        return Figure.built(preferredWidth: w, preferredHeight: h) { width, height in
            let shape = result.input.shape
            guard shape.count == 3, result.gradient.shape == shape else {
                return Figure.single(MessageChart("no image"), title: title, width: width, height: height)
            }
            let plane = shape[1] * shape[2]
            // Channels are summed: one map per pixel position.
            var gradient = [Float](repeating: 0, count: plane), image = [Float](repeating: 0, count: plane)
            for c in 0..<shape[0] {
                for i in 0..<plane {
                    gradient[i] += result.gradient.data[c * plane + i]
                    image[i] += result.input.data[c * plane + i] / Float(shape[0])
                }
            }
            let tile = { (values: [Float]) in ImageGrid.Tile(width: shape[2], height: shape[1], values: values) }
            return Figure.grid(rows: 1, columns: 3, panels: [
                Panel(ImageGrid(image: tile(image), normalization: .fixed(low: 0, high: 1)), title: "input"),
                Panel(ImageGrid(image: tile(gradient), normalization: .signed), title: "∂score/∂pixel"),
                Panel(SaliencyOverlay(image: image, saliency: gradient.map(abs), width: shape[2], height: shape[1]), title: "|∂score/∂pixel| on the digit"),
            ], title: title, width: width, height: height)
        }
    }

    /// A gallery of misclassified digits, each captioned "true→predicted", with how many of how
    /// many were wrong in the title. `images` is `[count, C, H, W]`; at most `limit` are shown
    /// (15 at text-mode sizes, narrower than 760 px).
    public static func mistakes(images: [Float], shape: [Int], labels: [Int], predictions: [Int], total: Int,
                                limit: Int = 48, width: Int = 1000, height: Int = 640) -> Figure {
        let (w, h) = Figure.clampedSize(width: width, height: height)
        let size = shape.reduce(1, *)
        let wrong = labels.indices.filter { $0 < predictions.count && labels[$0] != predictions[$0] }
        let count = wrong.count
        let title = total > 0
            ? "mistakes · \(count) of \(ViewFormat.count(total)) digits wrong (\(String(format: "%.1f", 100 * Double(total - count) / Double(total)))% right)"
            : "mistakes"
        let tiles = shape.count == 3 && size > 0 ? wrong.prefix(limit).compactMap { i -> ImageGrid.Tile? in
            guard (i + 1) * size <= images.count else { return nil }
            return ImageGrid.Tile(width: shape[2], height: shape[1], values: Array(images[(i * size)..<(i * size + shape[1] * shape[2])]),
                                  caption: "\(labels[i])→\(predictions[i])", correct: false)
        } : []
        return Figure.built(preferredWidth: w, preferredHeight: h) { width, height in
            // Text modes get fewer, larger digits: 48 would be a few cells each.
            let shown = width < compactWidth ? Array(tiles.prefix(15)) : tiles
            let chart: any Chart = shown.isEmpty ? MessageChart(count == 0 ? "no mistakes: every digit is right" : "no images") : ImageGrid(tiles: shown, normalization: .fixed(low: 0, high: 1), gap: 6)
            let more = count > shown.count ? " · first \(shown.count) shown" : ""
            return Figure.single(chart, title: title + more + " · caption: true→predicted", width: width, height: height)
        }
    }

    /// The model summary as a picture: one row per layer with its output shape and parameters,
    /// a bar for each layer's share of the parameters, and the total.
    public static func summary(_ layers: [CNNLayerSummary], inputShape: [Int], width: Int = 760, height: Int? = nil) -> Figure {
        let total = layers.reduce(0) { $0 + $1.parameters }
        let (w, h) = Figure.clampedSize(width: width, height: height ?? (90 + 22 * (layers.count + 1)))
        let labels = ["input"] + layers.enumerated().map { "\($0.offset)  \($0.element.name)" }
        let values = [0.0] + layers.map { Double($0.parameters) }
        let shapes = [inputShape] + layers.map(\.outputShape)
        return Figure.built(preferredWidth: w, preferredHeight: h) { width, height in
            let names = zip(labels, shapes).map { "\($0)  →  \(CNNPanels.shapeText($1))" }
            return Figure.single(BarChart(labels: names, values: values, color: ClassPalette.color(0), xLabel: "parameters", decimals: 0),
                                 title: "CNN · \(ViewFormat.count(total)) parameters", width: width, height: height)
        }
    }
}
