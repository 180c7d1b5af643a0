import Foundation
import Runtime

/// The pictures of k-nearest neighbours: the live dashboard as training points arrive, a
/// query with its neighbours and their vote, a digit beside its nearest training digits, and
/// accuracy against k.
public enum KNNViews {
    /// The dashboard under a title line: the decision regions of the model on the first `shown`
    /// training points (2D data; other data is drawn projected, without regions) with the test
    /// points as rings, over two thirds of the width; beside it accuracy against the number of
    /// training points and the training points per class.
    public static func dashboard(_ model: KNNClassifier?, picture: KNNPicture, shown: Int, progress: KNNProgress,
                                 width: Int = 1200, height: Int = 720) -> Figure {
        let (w, h) = Figure.clampedSize(width: width, height: height)
        return Figure.built(preferredWidth: w, preferredHeight: h) { width, height in
            let title = status(model, picture: picture, shown: shown, progress: progress)
            let mapTitle = model?.d == 2 ? "decision regions · \(ViewFormat.count(shown)) training points"
                                         : "training points (\(picture.projection.axisNames(nil).0 == "PC 1" ? "PCA projection" : "two features")); regions need 2 features"
            let main = Panel(picture.imageSize == nil ? KNNPanels.map(model, picture, shown: shown)
                                                      : MessageChart("image data: see neighbours(m, digit)"),
                             title: mapTitle, row: 0, column: 0, rowSpan: 2, columnSpan: 2)
            guard width >= 560 else {
                let panels = width < 280 ? [main] : [main, Panel(KNNPanels.progress(progress), title: "accuracy")]
                return Figure.grid(rows: 1, columns: panels.count, panels: panels.map { Panel($0.chart, title: $0.title) },
                                   title: title, width: width, height: height)
            }
            let classes = model?.classes ?? ((picture.trainLabels.max() ?? 0) + 1)
            return Figure.grid(rows: 2, columns: 3, panels: [
                main,
                Panel(KNNPanels.progress(progress), title: "accuracy", row: 0, column: 2),
                Panel(KNNPanels.classCounts(picture, shown: shown, classes: classes), title: "training points per class",
                      row: 1, column: 2),
            ], title: title, width: width, height: height)
        }
    }

    /// The title line: k, weights, metric, points so far and the accuracies.
    public static func status(_ model: KNNClassifier?, picture: KNNPicture, shown: Int, progress: KNNProgress) -> String {
        guard let model else { return "kNN · no training points yet" }
        var parts = ["kNN", "k = \(model.k)", model.weights.rawValue, model.metric.rawValue]
        if model.scaler != nil { parts.append("scaled") }
        parts.append("\(ViewFormat.count(shown)) of \(ViewFormat.count(picture.trainLabels.count)) points")
        if let a = progress.trainAccuracy.last { parts.append(String(format: "train %.1f%%", 100 * a)) }
        if let a = progress.testAccuracy.last { parts.append(String(format: "test %.1f%%", 100 * a)) }
        return parts.joined(separator: " · ")
    }

    /// A query `[d]` on the map with lines to its k nearest training points, beside the vote bars.
    public static func query(_ model: KNNClassifier, picture: KNNPicture, point: [Float],
                             width: Int = 1000, height: Int = 560) -> Figure {
        Figure.built(preferredWidth: width, preferredHeight: height) { w, h in
            let p = (try? model.probabilities(point)) ?? []
            let winner = p.isEmpty ? 0 : model.predictions(from: p)[0]
            let title = "kNN · k = \(model.k) · query → \(picture.className(winner))"
            let map = Panel(KNNPanels.map(model, picture, shown: picture.trainLabels.count, query: point),
                            title: model.d == 2 ? "query, its \(model.k) nearest neighbours, regions" : "query and its \(model.k) nearest neighbours (projected)",
                            row: 0, column: 0, columnSpan: 2)
            let votes = Panel(KNNPanels.votes(model, picture, query: point), title: "the vote", row: 0, column: 2)
            guard w >= 560 else {
                return Figure.grid(rows: 2, columns: 1, panels: [Panel(map.chart, title: map.title), Panel(votes.chart, title: votes.title)],
                                   title: title, width: w, height: h)
            }
            return Figure.grid(rows: 1, columns: 3, panels: [map, votes], title: title, width: w, height: h)
        }
    }

    /// An image query beside its k nearest training images, each captioned with its label and
    /// distance (green when its label is the vote's winner, orange otherwise), and the vote.
    public static func neighbours(_ model: KNNClassifier, picture: KNNPicture, image: [Float],
                                  width: Int = 1000, height: Int = 420) -> Figure {
        Figure.built(preferredWidth: width, preferredHeight: height) { w, h in
            guard let size = picture.imageSize, let nb = try? model.neighbours(image) else {
                return Figure.single(MessageChart("neighbours: needs image data and a query of \(model.d) values"), width: w, height: h)
            }
            let p = model.probabilities(nb)
            let winner = model.predictions(from: p)[0]
            var tiles = [ImageGrid.Tile(width: size.width, height: size.height, values: image, caption: "query")]
            for r in 0..<nb.k {
                let j = nb.indices[r]
                let label = model.labels[j]
                tiles.append(ImageGrid.Tile(width: size.width, height: size.height,
                                            values: Array(picture.train[j * model.d ..< (j + 1) * model.d]),
                                            caption: "\(picture.className(label)) d=\(String(format: "%.2f", nb.distances[r]))",
                                            correct: label == winner))
            }
            let grid = ImageGrid(tiles: tiles, normalization: .fixed(low: 0, high: 1), columns: min(tiles.count, 8))
            let title = "kNN · the \(nb.k) nearest training digits · vote → \(picture.className(winner))"
            guard w >= 560 else { return Figure.single(grid, title: title, width: w, height: h) }
            return Figure.grid(rows: 1, columns: 3, panels: [
                Panel(grid, title: "query and neighbours", row: 0, column: 0, columnSpan: 2),
                Panel(KNNPanels.votes(model, picture, query: image), title: "the vote", row: 0, column: 2),
            ], title: title, width: w, height: h)
        }
    }

    /// Train and test accuracy against k: small k follows every point (train high, test lower),
    /// large k smooths towards the majority class.
    public static func kSweep(ks: [Int], train: [Double], test: [Double], width: Int = 640, height: Int = 420) -> Figure {
        Figure.built(preferredWidth: width, preferredHeight: height) { w, h in
            let xs = ks.map(Double.init)
            var series = [LineSeries(train, xs: Array(xs.prefix(train.count)), label: "train", width: 2)]
            if !test.isEmpty { series.append(LineSeries(test, xs: Array(xs.prefix(test.count)), label: "test", width: 2, dash: [6, 3])) }
            let best = test.indices.max { test[$0] < test[$1] }
            let title = "accuracy against k" + (best.map { " · best test at k = \(ks[$0]) (\(String(format: "%.1f%%", 100 * test[$0])))" } ?? "")
            let chart: any Chart = ks.isEmpty ? MessageChart("no k tried")
                : Axes([LineChart(series)], xLabel: "k (neighbours)", yLabel: "accuracy", legend: .above)
            return Figure.single(chart, title: title, width: w, height: h)
        }
    }
}
