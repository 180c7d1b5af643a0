import Foundation
import Runtime

/// The pictures of a random forest: the live dashboard as trees arrive, and importances.
public enum ForestViews {
    /// The dashboard under a title line (trees so far, accuracies): the tree thumbnails (newest
    /// framed), the ensemble's vote over the plane on two features (else the importances),
    /// train / out-of-bag / test accuracy against the number of trees, and every tree's vote
    /// for `probe` (default: the first training row) as a stacked bar.
    public static func dashboard(_ grower: ForestGrower, probe: [Float]? = nil, width: Int = 1200, height: Int = 720) -> Figure {
        let (w, h) = Figure.clampedSize(width: width, height: height)
        return Figure.built(preferredWidth: w, preferredHeight: h) { width, height in
            let forest = grower.forest, table = grower.table
            let twoD = table.features == 2
            let plane = twoD ? TreeViews.plane(table) : nil
            let thumbnails = Panel(TreeThumbnails(trees: forest.trees, plane: plane.map { (x: $0.0, y: $0.1) }),
                                   title: "trees (\(forest.trees.count) of \(forest.settings.trees))")
            let row = probe ?? Array(table.row(0))
            let field: Panel
            if let plane, !forest.trees.isEmpty {
                var axes = TreeViews.regions(forest.trees[0], table: table, newest: nil)
                axes.layers[0] = VoteField(forest: forest, x: plane.0, y: plane.1)
                axes.layers.append(RingScatter(xs: [Double(row[0])], ys: [Double(row[1])], classes: [forest.predict(row)[0]],
                                               radius: 7, label: "probe"))
                field = Panel(axes, title: "ensemble vote")
            } else if let side = imageSide(forest.features) {
                field = Panel(TreeViews.importanceImage(forest.importances, side: side), title: "importance of each pixel")
            } else {
                let values = forest.importances
                let order = values.indices.sorted { values[$0] > values[$1] }.prefix(12)
                field = Panel(BarChart(labels: order.map { table.featureNames[$0] }, values: order.map { values[$0] },
                                       highlight: order.first, decimals: 3), title: "importance")
            }
            let curves = Panel(accuracy(grower), title: "accuracy against trees")
            let votes = forest.trees.map { Int($0.predict(row)[0]) }
            let bar = Panel(VoteBar(votes: votes, probabilities: forest.probabilities(row), classNames: table.classNames),
                            title: "votes for " + probeText(row, table: table))
            let title = status(grower)
            guard width >= 560 else {
                return Figure.grid(rows: 2, columns: 1, panels: [field, curves], title: title, width: width, height: height)
            }
            return Figure.grid(rows: 2, columns: 4, panels: [
                Panel(thumbnails.chart, title: thumbnails.title, row: 0, column: 0, rowSpan: 1, columnSpan: 2),
                Panel(field.chart, title: field.title, row: 0, column: 2, rowSpan: 2, columnSpan: 2),
                Panel(curves.chart, title: curves.title, row: 1, column: 0),
                Panel(bar.chart, title: bar.title, row: 1, column: 1),
            ], title: title, width: width, height: height)
        }
    }

    /// Train, out-of-bag and test accuracy after each tree.
    static func accuracy(_ grower: ForestGrower) -> any Chart {
        guard !grower.trainAccuracy.isEmpty else { return MessageChart("accuracy appears\nwith the first tree") }
        let xs = (1...grower.trainAccuracy.count).map(Double.init)
        var series = [LineSeries(grower.trainAccuracy, xs: xs, label: "train", width: 2)]
        if !grower.oobAccuracy.isEmpty {
            series.append(LineSeries(grower.oobAccuracy, xs: xs, label: "out of bag", width: 2, dash: [6, 3]))
        }
        if !grower.testAccuracy.isEmpty {
            series.append(LineSeries(grower.testAccuracy, xs: xs, label: "test", width: 2))
        }
        let all = (grower.trainAccuracy + grower.oobAccuracy + grower.testAccuracy).filter(\.isFinite)
        let lo = max(0, min(all.min() ?? 0, 0.95) - 0.02)
        return Axes([LineChart(series)], xLabel: "trees", yLabel: "accuracy", yRange: lo...1.0, legend: .above)
    }

    /// "forest · 12 of 25 trees · train 100% · out of bag 94.0% · test 95.6%".
    static func status(_ grower: ForestGrower) -> String {
        var text = "forest · \(grower.forest.trees.count) of \(grower.forest.settings.trees) trees"
        func pct(_ v: Double?) -> String { v.map { $0.isFinite ? String(format: "%.1f%%", 100 * $0) : "–" } ?? "–" }
        if let t = grower.trainAccuracy.last { text += " · train \(pct(t))" }
        if let o = grower.oobAccuracy.last { text += " · out of bag \(pct(o))" }
        if let t = grower.testAccuracy.last { text += " · test \(pct(t))" }
        return text
    }

    /// "(5.1, 3.5, 1.4, 0.2)", cut for many features.
    static func probeText(_ row: [Float], table: TreeTable) -> String {
        let shown = row.prefix(4).map { TreeNumber.text(Double($0), digits: 2) }.joined(separator: ", ")
        return "(" + shown + (row.count > 4 ? ", …" : "") + ")"
    }

    /// A forest's importances: bars, or a heatmap for square images (MNIST's 14 × 14).
    public static func importances(_ forest: RandomForest) -> Figure {
        TreeViews.importances(forest.importances, names: forest.featureNames, imageSide: imageSide(forest.features))
    }

    /// The side of a square image of `features` pixels (at least 7 × 7), else nil.
    static func imageSide(_ features: Int) -> Int? {
        let side = Int(Double(features).squareRoot())
        return features >= 49 && side * side == features ? side : nil
    }
}
