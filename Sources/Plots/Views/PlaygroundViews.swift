import Foundation
import Runtime

/// The pictures of a playground `MLP` on 2D data: the live dashboard and its panels alone.
///
/// Like `XORViews`, every figure captures its values and computes fields and outputs only when
/// drawn.
public enum PlaygroundViews {
    /// The live dashboard under a title line (epoch, losses, accuracies), in a 2 x 4 grid: the
    /// architecture with neuron thumbnails (top left, two cells), the decision boundary with
    /// train dots and test rings (right, 2 x 2 cells), the loss curves and the hidden feature
    /// view of `featureNeurons` of dense layer `featureLayer` (bottom left). The plane framed
    /// is the square around all points. `lineScale` thickens curves and the boundary line for
    /// coarse outputs (about 3 for half blocks). A softmax network shows its K class regions in
    /// place of the boundary, a regression its fitted surface (and that surface in 3D in place
    /// of the hidden features). For a network that takes a table's columns, the plane spans
    /// columns `pair` (0 and 1 unless given) with the others held at the training means.
    public static func dashboard(_ model: MLP, train: Dataset, test: Dataset?, discretize: Bool = false,
                                 width: Int = 1200, height: Int = 720, featureLayer: Int = 0,
                                 featureNeurons: (Int, Int) = (0, 1), lineScale: Double = 1,
                                 pair: (Int, Int)? = nil) -> Figure {
        let (w, h) = Figure.clampedSize(width: width, height: height)
        return Figure.built(preferredWidth: w, preferredHeight: h) { width, height in
            let title = title(model, train: train, test: test)
            guard width >= narrowWidth else {
                return Figure.grid(rows: 1, columns: width < 280 ? 1 : 2,
                                   panels: narrowPanels(model, train: train, test: test, discretize: discretize,
                                                        width: width, lineScale: lineScale, pair: pair),
                                   title: title, width: width, height: height)
            }
            return Figure.grid(rows: 2, columns: 4,
                               panels: dashboardPanels(model, train: train, test: test, discretize: discretize,
                                                       featureLayer: featureLayer, featureNeurons: featureNeurons,
                                                       lineScale: lineScale, pair: pair),
                               title: title, width: width, height: height)
        }
    }

    /// Below this width (about 56 columns) the four panels would be too small to read: the
    /// dashboard shows the decision boundary and the loss side by side (the boundary alone
    /// below 280 px) rather than empty frames.
    static let narrowWidth = 560

    /// The panels of a dashboard narrower than `narrowWidth`, most important first.
    static func narrowPanels(_ model: MLP, train: Dataset, test: Dataset?, discretize: Bool,
                             width: Int, lineScale: Double, pair: (Int, Int)? = nil) -> [Panel] {
        let plane = PlaygroundPanels.plane(model, [train] + (test.map { [$0] } ?? []), pair: pair)
        let boundary = Panel(PlaygroundPanels.boundary(model, train: train, test: test, discretize: discretize,
                                                      plane: plane, lineScale: lineScale),
                             title: boundaryTitle(model, discretize: discretize))
        guard width >= 280 else { return [boundary] }
        return [boundary, Panel(PlaygroundPanels.loss(model, lineScale: lineScale), title: "loss")]
    }

    /// The panels of `dashboard`, placed in its 2 x 4 grid (built when drawn).
    static func dashboardPanels(_ model: MLP, train: Dataset, test: Dataset?, discretize: Bool,
                                featureLayer: Int, featureNeurons: (Int, Int), lineScale: Double = 1,
                                pair: (Int, Int)? = nil) -> [Panel] {
        let plane = PlaygroundPanels.plane(model, [train] + (test.map { [$0] } ?? []), pair: pair)
        let neurons = defaultNeurons(model, layer: featureLayer, asked: featureNeurons)
        return [
            Panel(PlaygroundPanels.architecture(model, plane: plane), title: "architecture · neuron outputs",
                  row: 0, column: 0, columnSpan: 2),
            Panel(PlaygroundPanels.boundary(model, train: train, test: test, discretize: discretize, plane: plane,
                                           lineScale: lineScale),
                  title: boundaryTitle(model, discretize: discretize),
                  row: 0, column: 2, rowSpan: 2, columnSpan: 2),
            Panel(PlaygroundPanels.loss(model, lineScale: lineScale), title: "loss", row: 1, column: 0),
            model.head == .linear
                ? Panel(PlaygroundPanels.surface3D(model, train: train, test: test, plane: plane),
                        title: "fitted surface · 3D", row: 1, column: 1)
                : Panel(PlaygroundPanels.features(model, data: train, layer: featureLayer, neurons: neurons),
                        title: "features · layer \(featureLayer)", row: 1, column: 1),
        ]
    }

    /// The network diagram with a thumbnail of each neuron's output over Playground's −6...6
    /// plane and weight-coloured edges.
    public static func architecture(_ model: MLP) -> Figure {
        Figure.built(preferredWidth: 720, preferredHeight: 420) { w, h in
            Figure.single(PlaygroundPanels.architecture(model, plane: InputPlane(square: PlaygroundPanels.defaultRange,
                                                                                 dimension: model.inputDimension)),
                          title: "architecture · neuron outputs", width: w, height: h)
        }
    }

    /// The output probability over the plane around the points (hard regions with
    /// `discretize`), with train points as dots and test points as rings.
    public static func boundary(_ model: MLP, train: Dataset, test: Dataset?, discretize: Bool = false,
                                pair: (Int, Int)? = nil) -> Figure {
        Figure.built(preferredWidth: 560, preferredHeight: 480) { w, h in
            let plane = PlaygroundPanels.plane(model, [train] + (test.map { [$0] } ?? []), pair: pair)
            return Figure.single(PlaygroundPanels.boundary(model, train: train, test: test, discretize: discretize, plane: plane),
                                 title: boundaryTitle(model, discretize: discretize), width: w, height: h)
        }
    }

    /// The points of `data` placed by the outputs of two neurons of dense layer `layer`
    /// (0-based, the output layer last); a message when the layer or neurons do not exist.
    public static func features(_ model: MLP, data: Dataset, layer: Int, neurons: (Int, Int)) -> Figure {
        Figure.built(preferredWidth: 520, preferredHeight: 460) { w, h in
            Figure.single(PlaygroundPanels.features(model, data: data, layer: layer, neurons: neurons),
                          title: "hidden features (layer \(layer))", width: w, height: h)
        }
    }

    /// The loss curves alone (train solid, test dashed).
    public static func loss(_ model: MLP) -> Figure {
        Figure.built(preferredWidth: 560, preferredHeight: 360) { w, h in
            Figure.single(PlaygroundPanels.loss(model), title: "loss", width: w, height: h)
        }
    }

    /// The big panel's title: the decision boundary (regions when discretized), the class
    /// regions of a softmax network, a regression's fitted surface.
    static func boundaryTitle(_ model: MLP, discretize: Bool) -> String {
        switch model.head {
        case .sigmoid: discretize ? "decision regions" : "decision boundary"
        case .softmax: "class regions"
        case .linear: "fitted surface"
        }
    }

    /// `asked` when the layer has those neurons; for a one-neuron layer (0, 0), so the default
    /// still draws something.
    static func defaultNeurons(_ model: MLP, layer: Int, asked: (Int, Int)) -> (Int, Int) {
        let dense = model.denseLayers
        guard dense.indices.contains(layer), dense[layer].layer.weight.shape[0] == 1, asked == (0, 1) else { return asked }
        return (0, 0)
    }

    /// "MLP 2-8-8-1 tanh · epoch 300 · train 0.0810 (97.0%) · test 0.0940 (95.0%)": loss and
    /// accuracy of each set, computed afresh for the weights drawn (after an edit to a weight the
    /// last recorded losses describe other weights).
    static func title(_ model: MLP, train: Dataset, test: Dataset?) -> String {
        let shape = model.widths.map(String.init).joined(separator: "-")
        var text = "MLP \(shape) \(model.activation.rawValue) · epoch \(ViewFormat.count(model.epoch))"
        let trainLoss = train.count > 0 ? Double(model.loss(on: train)) : .nan
        let testCount = test?.count ?? 0
        // A regression has no accuracy: its title gives the losses alone.
        let classifies = model.head.classifies
        text += " · train \(ViewFormat.value(trainLoss))"
        if train.count > 0, classifies { text += " (\(percent(model.accuracy(on: train))))" }
        if testCount > 0, let test {
            let testLoss = Double(model.loss(on: test))
            text += " · test \(ViewFormat.value(testLoss))"
            if classifies { text += " (\(percent(model.accuracy(on: test))))" }
        }
        return text
    }

    static func percent(_ value: Float) -> String {
        value.isFinite ? String(format: "%.1f%%", 100 * value) : "–"
    }
}
