import Foundation
import Plots
import Runtime

/// The budget is for render plus encode of a real 4-panel 1200x700 figure, so this
/// builds one — loss curves, a decision boundary (heatmap under points), a histogram and
/// probability bars, the shapes a training dashboard draws — and times the whole path.
enum FigureBenchmark {
    static func dashboard() -> Figure {
        var rng = SeededGenerator(seed: 7)
        let train = (0..<400).map { i in 2.3 * exp(-Double(i) / 80) + 0.05 + 0.04 * rng.uniform() }
        let valid = (0..<400).map { i in 2.4 * exp(-Double(i) / 90) + 0.12 + 0.06 * rng.uniform() }
        let loss = Axes([LineChart([LineSeries(train, label: "train"),
                                    LineSeries(valid, label: "validation", dash: [6, 3])])],
                        xLabel: "epoch", yLabel: "loss")
        let (columns, rows) = (60, 40)
        var field: [Double] = []
        for r in 0..<rows {
            for c in 0..<columns {
                let x = -2.5 + 5 * (Double(c) + 0.5) / Double(columns)
                let y = -2 + 4 * (Double(r) + 0.5) / Double(rows)
                field.append(1 / (1 + exp(-(2 * x + 3 * sin(y * 1.5)))))
            }
        }
        var xs: [Double] = [], ys: [Double] = [], classes: [Int] = []
        for _ in 0..<200 {
            let x = -2.3 + 4.6 * rng.uniform(), y = -1.8 + 3.6 * rng.uniform()
            xs.append(x); ys.append(y); classes.append(2 * x + 3 * sin(y * 1.5) > 0 ? 1 : 0)
        }
        let boundary = Axes([Heatmap(values: field, columns: columns, rows: rows, x: -2.5...2.5, y: -2...2,
                                     colormap: .diverging, range: 0...1, label: "p(class 1)"),
                             ScatterChart(xs: xs, ys: ys, classes: classes)],
                            xLabel: "x₁", yLabel: "x₂", legend: nil)
        let weights = (0..<2000).map { _ in 0.3 * rng.normal() }
        let histogram = Axes([Histogram(values: weights, label: "layer 1 weights")], xLabel: "weight", yLabel: "count")
        let bars = BarChart(labels: (0..<10).map { "digit \($0)" },
                            values: [0.02, 0.01, 0.05, 0.71, 0.0, 0.12, 0.01, 0.03, 0.04, 0.01],
                            highlight: 3, range: 0...1, xLabel: "probability")
        return Figure.grid(rows: 2, columns: 2, panels: [
            Panel(loss, title: "Loss"), Panel(boundary, title: "Decision boundary"),
            Panel(histogram, title: "Weights"), Panel(bars, title: "Prediction"),
        ], title: "benchmark dashboard — epoch 400", width: 1200, height: 700)
    }

    /// Prints render-only and render+encode times for each terminal path.
    static func run(runs: Int) {
        let figure = dashboard()
        let raster = figure.render()
        print("== render + encode of a 4-panel \(raster.width)x\(raster.height) figure, median of \(runs) ==")
        print("path".padding(toLength: 40, withPad: " ", startingAt: 0), "wall ms   min ms   cpu ms      bytes")
        measure("render only") { figure.render().pixels.count }
        measure("render + kitty (default)") { KittyEncoder.encode(figure.render()).count }
        measure("render + sixel") { SixelEncoder.encode(figure.render()).count }
        measure("render + iterm2") { ITermEncoder.encode(figure.render()).count }
        measure("render + blocks, 120 columns") {
            HalfBlockEncoder.encode(figure.render(), columns: 120).reduce(0) { $0 + $1.utf8.count + 1 }
        }
    }
}
