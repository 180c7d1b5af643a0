import Foundation
import Runtime

/// The charts of the kNN pictures, built from a model and its picture when drawn.
enum KNNPanels {
    /// Cells per side of the decision regions.
    static let regionResolution = 150

    /// The square plane around all points (and an optional query), with a 5% margin.
    static func plane(_ picture: KNNPicture, extra: [Double] = []) -> ClosedRange<Double> {
        let values = (picture.trainXY + picture.testXY + extra).filter(\.isFinite)
        guard let lo = values.min(), let hi = values.max(), lo < hi else { return -1...1 }
        let pad = (hi - lo) * 0.05
        return (lo - pad)...(hi + pad)
    }

    /// The class the model predicts at every cell of the plane (2D models only).
    static func regions(_ model: KNNClassifier, range: ClosedRange<Double>) -> ClassCells? {
        guard model.d == 2 else { return nil }
        let r = regionResolution
        let step = (range.upperBound - range.lowerBound) / Double(r)
        var grid: [Float] = []
        grid.reserveCapacity(2 * r * r)
        for row in 0..<r {
            for col in 0..<r {
                grid.append(Float(range.lowerBound + (Double(col) + 0.5) * step))
                grid.append(Float(range.lowerBound + (Double(row) + 0.5) * step))
            }
        }
        guard let predicted = try? model.predict(grid) else { return nil }
        return ClassCells(classes: predicted, columns: r, rows: r, x: range, y: range)
    }

    /// Decision regions (2D), the first `shown` training points as dots, the test points as rings,
    /// and an optional query with links to its neighbours.
    static func map(_ model: KNNClassifier?, _ picture: KNNPicture, shown: Int, query: [Float]? = nil) -> any Chart {
        var queryXY: [Double] = []
        if let query { queryXY = picture.projection.project(query.map(Double.init)) }
        let range = plane(picture, extra: queryXY)
        var layers: [any PlotLayer] = []
        if let model, let regions = regions(model, range: range) { layers.append(regions) }
        let n = min(shown, picture.trainLabels.count)
        let names = (0..<(max(picture.trainLabels.max() ?? 0, (picture.classNames?.count ?? 1) - 1) + 1)).map(picture.className)
        let radius = n > 2000 ? 1.5 : n > 500 ? 2.5 : 3.5
        layers.append(ScatterChart(xs: (0..<n).map { picture.trainXY[2 * $0] }, ys: (0..<n).map { picture.trainXY[2 * $0 + 1] },
                                   classes: Array(picture.trainLabels.prefix(n)), classNames: names, radius: radius))
        let m = picture.testLabels.count
        if m > 0 && picture.testXY.count == 2 * m {
            layers.append(RingScatter(xs: (0..<m).map { picture.testXY[2 * $0] }, ys: (0..<m).map { picture.testXY[2 * $0 + 1] },
                                      classes: picture.testLabels, radius: radius + 0.5, label: "test (rings)"))
        }
        if let model, let query, let links = links(model, picture, query: query, queryXY: queryXY) {
            layers.append(links)
        }
        let (xName, yName) = picture.projection.axisNames(picture.featureNames)
        return Axes(layers, xLabel: xName, yLabel: yName, xRange: range, yRange: range, grid: false, legend: .above)
    }

    static func links(_ model: KNNClassifier, _ picture: KNNPicture, query: [Float], queryXY: [Double]) -> NeighbourLinks? {
        guard let nb = try? model.neighbours(query), queryXY.count >= 2 else { return nil }
        let predicted = model.predictions(from: model.probabilities(nb)).first ?? 0
        let neighbours = nb.indices.prefix(nb.k).map { j -> (x: Double, y: Double, label: Int) in
            (picture.trainXY[2 * j], picture.trainXY[2 * j + 1], model.labels[j])
        }
        return NeighbourLinks(query: (queryXY[0], queryXY[1]), neighbours: neighbours, predicted: predicted)
    }

    /// The vote: each class's (weighted) share among the k neighbours, the winner highlighted.
    static func votes(_ model: KNNClassifier, _ picture: KNNPicture, query: [Float]) -> any Chart {
        guard let p = try? model.probabilities(query) else { return MessageChart("no vote") }
        let winner = model.predictions(from: p).first ?? 0
        var chart = BarChart(labels: (0..<model.classes).map(picture.className), values: p, highlight: winner,
                             range: 0...1, xLabel: model.weights == .uniform ? "share of the \(model.k) votes" : "share of the weighted vote",
                             decimals: 2)
        chart.barColors = (0..<model.classes).map(ClassPalette.color)
        return chart
    }

    /// Accuracy against the number of training points so far.
    static func progress(_ progress: KNNProgress) -> any Chart {
        guard !progress.shown.isEmpty else { return MessageChart("accuracy appears\nas points are added") }
        let xs = progress.shown.map(Double.init)
        var series = [LineSeries(progress.trainAccuracy, xs: xs, label: "train", width: 1.5)]
        if progress.testAccuracy.count == xs.count {
            series.append(LineSeries(progress.testAccuracy, xs: xs, label: "test", width: 1.5, dash: [6, 3]))
        }
        return Axes([LineChart(series)], xLabel: "training points", yLabel: "accuracy", yRange: 0...1, legend: .above)
    }

    /// Training points per class among those shown.
    static func classCounts(_ picture: KNNPicture, shown: Int, classes: Int) -> any Chart {
        var counts = [Double](repeating: 0, count: classes)
        for l in picture.trainLabels.prefix(shown) where l >= 0 && l < classes { counts[l] += 1 }
        var chart = BarChart(labels: (0..<classes).map(picture.className), values: counts, decimals: 0)
        chart.barColors = (0..<classes).map(ClassPalette.color)
        return chart
    }
}
