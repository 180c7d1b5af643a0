import Foundation
@testable import Plots
import Runtime

/// The charts the golden and behaviour tests draw: fixed data from a fixed seed.
enum ChartFixtures {
    /// A training-loss-like curve and its validation twin, with a NaN gap in the second.
    static func lossCurves() -> Axes {
        var rng = SeededGenerator(seed: 7)
        let train = (0..<120).map { i in 2.3 * exp(-Double(i) / 25) + 0.05 + 0.04 * rng.uniform() }
        var valid = (0..<120).map { i in 2.4 * exp(-Double(i) / 30) + 0.12 + 0.06 * rng.uniform() }
        for i in 60..<66 { valid[i] = .nan }
        return Axes([LineChart([LineSeries(train, label: "train"),
                                LineSeries(valid, label: "validation", dash: [6, 3])])],
                    xLabel: "epoch", yLabel: "loss")
    }

    static func logLoss() -> Axes {
        let ys = (0..<200).map { i in 3 * exp(-Double(i) / 20) + 1e-4 }
        return Axes([LineChart([LineSeries(ys, label: "loss")])], xLabel: "step", yLabel: "loss", logY: true)
    }

    /// Three Gaussian blobs, coloured by class.
    static func blobs() -> (xs: [Double], ys: [Double], classes: [Int]) {
        var rng = SeededGenerator(seed: 3)
        var xs: [Double] = [], ys: [Double] = [], classes: [Int] = []
        let centres = [(-1.0, -0.5), (1.2, 0.3), (0.0, 1.4)]
        for (k, c) in centres.enumerated() {
            for _ in 0..<40 {
                xs.append(c.0 + 0.45 * gaussian(&rng)); ys.append(c.1 + 0.45 * gaussian(&rng)); classes.append(k)
            }
        }
        return (xs, ys, classes)
    }

    static func gaussian(_ rng: inout SeededGenerator) -> Double {
        let u = max(rng.uniform(), 1e-12), v = rng.uniform()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }

    static func scatter() -> Axes {
        let b = blobs()
        return Axes([ScatterChart(xs: b.xs, ys: b.ys, classes: b.classes, classNames: ["cat", "dog", "bird"])],
                    xLabel: "x₁", yLabel: "x₂")
    }

    /// A probability field p(class 1) of a logistic boundary with points on top.
    static func decisionBoundary() -> Axes {
        let columns = 48, rows = 36
        var field: [Double] = []
        for r in 0..<rows {
            for c in 0..<columns {
                let x = -2.5 + 5 * (Double(c) + 0.5) / Double(columns)
                let y = -2 + 4 * (Double(r) + 0.5) / Double(rows)
                field.append(1 / (1 + exp(-(2 * x + 3 * sin(y * 1.5)))))
            }
        }
        var rng = SeededGenerator(seed: 11)
        var xs: [Double] = [], ys: [Double] = [], classes: [Int] = []
        for _ in 0..<60 {
            let x = -2.3 + 4.6 * rng.uniform(), y = -1.8 + 3.6 * rng.uniform()
            xs.append(x); ys.append(y); classes.append(2 * x + 3 * sin(y * 1.5) > 0 ? 1 : 0)
        }
        return Axes([Heatmap(values: field, columns: columns, rows: rows, x: -2.5...2.5, y: -2...2,
                             colormap: .diverging, range: 0...1, label: "p(class 1)"),
                     ScatterChart(xs: xs, ys: ys, classes: classes)],
                    xLabel: "x₁", yLabel: "x₂", legend: nil)
    }

    static func bars() -> BarChart {
        let probabilities = [0.02, 0.01, 0.05, 0.71, 0.0, 0.12, 0.01, 0.03, 0.04, 0.01]
        return BarChart(labels: (0..<10).map { "digit \($0)" }, values: probabilities,
                        highlight: 3, range: 0...1, xLabel: "probability")
    }

    static func histogram() -> Axes {
        var rng = SeededGenerator(seed: 5)
        let weights = (0..<500).map { _ in 0.3 * gaussian(&rng) }
        return Axes([Histogram(values: weights, label: "layer 1 weights")], xLabel: "weight", yLabel: "count")
    }

    /// The 4-panel dashboard shape a training view draws.
    static func dashboard(width: Int = 1200, height: Int = 700) -> Figure {
        Figure.grid(rows: 2, columns: 2, panels: [
            Panel(lossCurves(), title: "Loss"),
            Panel(decisionBoundary(), title: "Decision boundary"),
            Panel(histogram(), title: "Weights"),
            Panel(bars(), title: "Prediction for sample #3"),
        ], title: "xor(hidden: 2) — epoch 4000", width: width, height: height)
    }
}
