import Foundation
import Runtime
@testable import Plots

/// Deterministic inputs for the diagram tests: synthetic digits, random filters, small networks.
enum DiagramSamples {
    /// A 28x28 "digit": a ring (even labels) or a slanted bar (odd labels), soft-edged like MNIST.
    static func digit(_ label: Int) -> [Float] {
        (0..<(28 * 28)).map { i in
            let x = Double(i % 28) - 13.5, y = Double(i / 28) - 13.5
            let distance: Double
            if label % 2 == 0 {
                let radius = 7.0 + Double(label) * 0.4
                distance = abs((x * x / 0.6 + y * y).squareRoot() - radius)
            } else {
                distance = abs(x - 0.25 * y - Double(label - 5))
                if abs(y) > 10 { return 0 }
            }
            return Float(max(0, min(1, 2.2 - distance)) / 1)
        }
    }

    /// `count` signed `side` x `side` filters drawn from a standard normal.
    static func filters(count: Int, side: Int, seed: UInt64) -> [[Float]] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in (0..<(side * side)).map { _ in Float(generator.normal()) } }
    }

    /// Standard-normal weights [out, in] for every layer of `sizes`.
    static func weights(_ sizes: [Int], seed: UInt64) -> [[[Double]]] {
        var generator = SeededGenerator(seed: seed)
        return zip(sizes, sizes.dropFirst()).map { (inputs, outputs) in
            (0..<outputs).map { _ in (0..<inputs).map { _ in generator.normal() } }
        }
    }

    /// Sigmoid activations of a forward pass on `input`, per layer (input values first).
    static func activations(_ weights: [[[Double]]], input: [Double]) -> [[Double]] {
        var layers = [input]
        for matrix in weights {
            let previous = layers[layers.count - 1]
            layers.append(matrix.map { row in
                1 / (1 + exp(-zip(row, previous).reduce(0) { $0 + $1.0 * $1.1 }))
            })
        }
        return layers
    }
}
