import Foundation
import Runtime

/// The pictures of one decision tree: the live growth dashboard, the diagram, a sample's path,
/// a regression tree's step function and feature importances. Figures capture their values and
/// lay themselves out only when drawn.
public enum TreeViews {
    /// The growth dashboard: on two features the plane with its cuts and regions beside the
    /// diagram, otherwise the diagram alone; the title says the order, the newest split and
    /// its impurity before → after (the children's weighted mean).
    public static func growth(_ tree: DecisionTree, table: TreeTable, open: Set<Int> = [], newest: Int? = nil,
                              width: Int = 1200, height: Int = 620) -> Figure {
        let (w, h) = Figure.clampedSize(width: width, height: height)
        return Figure.built(preferredWidth: w, preferredHeight: h) { width, height in
            let title = status(tree, newest: newest, finished: open.isEmpty)
            let diagram = Panel(TreeDiagram(tree: tree, open: open, newest: newest), title: "tree")
            guard table.features == 2, width >= 560 else {
                return Figure.grid(rows: 1, columns: 1, panels: [diagram], title: title, width: width, height: height)
            }
            let plane = Panel(regions(tree, table: table, newest: newest), title: "cuts and regions")
            return Figure.grid(rows: 1, columns: 5, panels: [
                Panel(plane.chart, title: plane.title, row: 0, column: 0, columnSpan: 2),
                Panel(diagram.chart, title: diagram.title, row: 0, column: 2, columnSpan: 3),
            ], title: title, width: width, height: height)
        }
    }

    /// The diagram alone, with an optional path (root first) drawn thick.
    public static func diagram(_ tree: DecisionTree, path: [Int] = [], title: String? = nil) -> Figure {
        let side = max(640, min(1600, 150 * TreeLayout(tree, maxDepth: tree.depth).slots))
        return Figure.built(preferredWidth: side, preferredHeight: max(320, min(900, 90 * (tree.depth + 1) + 60))) { w, h in
            Figure.single(TreeDiagram(tree: tree, path: path), title: title ?? summary(tree), width: w, height: h)
        }
    }

    /// The way `row` takes from the root to its leaf, and where it ends: the diagram with the
    /// path, and on two features the point on the plane.
    public static func path(_ tree: DecisionTree, row: [Float], table: TreeTable?) -> Figure {
        let way = tree.path(row)
        let leaf = way.last!
        let outcome = tree.classes > 0 ? tree.classNames[Int(tree.prediction(at: leaf))]
                                       : TreeNumber.text(tree.values[leaf], digits: 3)
        let steps = way.dropLast().map { i -> String in
            let n = tree.nodes[i]
            let goesLeft = Double(row[n.feature]) <= n.threshold
            return "\(tree.featureNames[n.feature]) \(TreeNumber.text(Double(row[n.feature]), digits: 3)) \(goesLeft ? "≤" : ">") \(TreeNumber.text(n.threshold, digits: 2))"
        }
        let title = (steps.isEmpty ? "the root is a leaf" : steps.joined(separator: " → ")) + " ⇒ \(outcome)"
        guard let table, table.features == 2 else { return diagram(tree, path: way, title: title) }
        return Figure.built(preferredWidth: 1200, preferredHeight: 620) { w, h in
            var axes = regions(tree, table: table, newest: nil)
            axes.layers.append(RingScatter(xs: [Double(row[0])], ys: [Double(row[1])], classes: [Int(tree.prediction(at: leaf))],
                                           radius: 7, label: "the sample"))
            return Figure.grid(rows: 1, columns: 5, panels: [
                Panel(axes, title: "the sample", row: 0, column: 0, columnSpan: 2),
                Panel(TreeDiagram(tree: tree, path: way), title: "its path", row: 0, column: 2, columnSpan: 3),
            ], title: title, width: w, height: h)
        }
    }

    /// A regression tree on one feature: the training points and the tree's step function
    /// (on two features, the plane's boxes shaded by their mean).
    public static func regression(_ tree: DecisionTree, table: TreeTable) -> Figure {
        Figure.built(preferredWidth: 1200, preferredHeight: 560) { w, h in
            let chart: any Chart
            if table.features == 2 {
                chart = regions(tree, table: table, newest: nil)
            } else {
                chart = steps(tree, table: table)
            }
            return Figure.grid(rows: 1, columns: 5, panels: [
                Panel(chart, title: table.features == 2 ? "mean target per box" : "step function", row: 0, column: 0, columnSpan: 2),
                Panel(TreeDiagram(tree: tree), title: "tree", row: 0, column: 2, columnSpan: 3),
            ], title: summary(tree), width: w, height: h)
        }
    }

    /// Importances as bars by feature name, or as a `side` × `side` heatmap for image pixels.
    public static func importances(_ values: [Double], names: [String], imageSide: Int? = nil, title: String = "feature importance (mean decrease in impurity)") -> Figure {
        if let side = imageSide, side * side == values.count {
            return Figure.built(preferredWidth: 560, preferredHeight: 520) { w, h in
                Figure.single(importanceImage(values, side: side), title: title, width: w, height: h)
            }
        }
        let order = values.indices.sorted { values[$0] > values[$1] }
        return Figure.built(preferredWidth: 640, preferredHeight: max(240, min(900, 24 * values.count + 80))) { w, h in
            Figure.single(BarChart(labels: order.map { names[$0] }, values: order.map { values[$0] }, highlight: order.first,
                                   range: 0...max(values.max() ?? 1, 1e-9), decimals: 3),
                          title: title, width: w, height: h)
        }
    }

    // MARK: pieces

    /// Importances of `side` × `side` pixels as an image, row 0 at the top as the digits are.
    static func importanceImage(_ values: [Double], side: Int) -> Axes {
        let s = Double(side)
        let flipped = (0..<values.count).map { values[(side - 1 - $0 / side) * side + $0 % side] }
        let heat = Heatmap(values: flipped, columns: side, rows: side, x: 0...s, y: 0...s, colormap: .viridis,
                           interpolation: .nearest, label: "importance")
        let marks = stride(from: 0, to: side, by: max(1, side / 4))
        var axes = Axes([heat], xLabel: "pixel column", yLabel: "pixel row", grid: false, legend: nil,
                        customXTicks: marks.map { Axes.AxisTick(Double($0) + 0.5, "\($0)") },
                        customYTicks: marks.map { Axes.AxisTick(s - Double($0) - 0.5, "\($0)") })
        axes.equalAspect = true
        return axes
    }

    /// The plane of a two-feature table: regions, cuts, points.
    static func regions(_ tree: DecisionTree, table: TreeTable, newest: Int?) -> Axes {
        let (xr, yr) = plane(table)
        var layers: [any PlotLayer] = [TreeRegions(tree: tree, newest: newest, x: xr, y: yr)]
        let xs = (0..<table.count).map { Double(table.x[2 * $0]) }, ys = (0..<table.count).map { Double(table.x[2 * $0 + 1]) }
        if table.isClassification {
            layers.append(ScatterChart(xs: xs, ys: ys, classes: table.y.map { Int($0) }, classNames: table.classNames, radius: 3))
        } else {
            layers.append(ScatterChart(xs: xs, ys: ys, color: RGBA(60, 60, 60), radius: 2.5))
        }
        return Axes(layers, xLabel: table.featureNames[0], yLabel: table.featureNames[1], xRange: xr, yRange: yr,
                    grid: false, legend: table.isClassification ? .above : nil)
    }

    /// Each feature's data range with a 5% margin.
    static func plane(_ table: TreeTable) -> (ClosedRange<Double>, ClosedRange<Double>) {
        func range(_ f: Int) -> ClosedRange<Double> {
            let column = (0..<table.count).map { Double(table.x[$0 * table.features + f]) }
            let lo = column.min() ?? 0, hi = column.max() ?? 1
            let pad = hi > lo ? (hi - lo) * 0.05 : 1
            return (lo - pad)...(hi + pad)
        }
        return (range(0), range(min(1, table.features - 1)))
    }

    /// Points and the step function of a one-feature regression tree.
    static func steps(_ tree: DecisionTree, table: TreeTable) -> Axes {
        let xs = (0..<table.count).map { Double(table.x[$0 * table.features]) }
        let (xr, _) = plane(table)
        let samples = 600
        var px = [Double](), py = [Double]()
        for k in 0...samples {
            let v = xr.lowerBound + (xr.upperBound - xr.lowerBound) * Double(k) / Double(samples)
            var row = [Float](repeating: 0, count: tree.features)
            row[0] = Float(v)
            px.append(v)
            py.append(tree.predict(row)[0])
        }
        return Axes([ScatterChart(xs: xs, ys: table.y, color: RGBA(90, 90, 90), radius: 2.5, label: "data"),
                     LineChart([LineSeries(py, xs: px, label: "tree", color: ClassPalette.color(1), width: 2.5)])],
                    xLabel: table.featureNames[0], yLabel: "target", xRange: xr, legend: .above)
    }

    /// "tree · gini · depth 3 · 5 leaves · 9 nodes".
    static func summary(_ tree: DecisionTree) -> String {
        "tree · \(tree.settings.criterion.rawValue) · depth \(tree.depth) · \(tree.leafCount) leaves · \(tree.nodes.count) nodes"
    }

    /// The live title: order, split count, the newest rule with impurity before → after.
    static func status(_ tree: DecisionTree, newest: Int?, finished: Bool) -> String {
        var text = "tree · \(tree.settings.order.rawValue) · split \(tree.splitCount)"
        if let i = newest, !tree.nodes[i].isLeaf {
            let n = tree.nodes[i], l = tree.nodes[n.left], r = tree.nodes[n.right]
            let after = (l.weightedSamples * l.impurity + r.weightedSamples * r.impurity) / n.weightedSamples
            text += " · \(tree.rule(i, digits: 2)): \(tree.settings.criterion.rawValue) \(TreeNumber.text(n.impurity, digits: 3)) → \(TreeNumber.text(after, digits: 3))"
        }
        text += " · depth \(tree.depth) · \(tree.leafCount) leaves"
        if finished { text += " · done" }
        return text
    }
}
