import Foundation
import Testing
@testable import Runtime

/// Finite-difference checks of every layer, activation, loss and regulariser. A layer is checked
/// through the scalar L = Σ r ⊙ layer(x) with a fixed random r, so ∂L/∂output = r.
@Suite struct LayerGradientTests {
    static func projected(_ layer: any Layer, _ input: Tensor, _ r: [Float]) -> Float {
        zip(layer.infer(input).data, r).reduce(0) { $0 + $1.0 * $1.1 }
    }

    @Test func denseGradientsMatchFiniteDifferences() {
        var rng = SeededGenerator(seed: 3)
        let batch = 4, n = 3, m = 5
        var dense = Dense(inputs: n, outputs: m, rng: &rng)
        dense.parameters[1].value = Tensor(shape: [m], data: GradientCheck.normal(m, rng: &rng))
        let x = Tensor(shape: [batch, n], data: GradientCheck.normal(batch * n, rng: &rng))
        let r = GradientCheck.normal(batch * m, rng: &rng)
        _ = dense.forward(x)
        let dx = dense.backward(Tensor(shape: [batch, m], data: r))

        let numericX = GradientCheck.numerical(x.data) { Self.projected(dense, Tensor(shape: x.shape, data: $0), r) }
        #expect(GradientCheck.maxError(dx.data, numericX) < 2e-3)
        for p in 0..<2 {
            let original = dense.parameters[p].value
            let numeric = GradientCheck.numerical(original.data) { values in
                var probe = dense
                probe.parameters[p].value = Tensor(shape: original.shape, data: values)
                return Self.projected(probe, x, r)
            }
            #expect(GradientCheck.maxError(dense.parameters[p].gradient.data, numeric) < 2e-3,
                    "parameter \(dense.parameters[p].name)")
        }
    }

    @Test func denseBackwardAccumulatesUntilZeroed() {
        var rng = SeededGenerator(seed: 4)
        var dense = Dense(inputs: 2, outputs: 2, rng: &rng)
        let x = Tensor(shape: [1, 2], data: [1, 2])
        let dy = Tensor(shape: [1, 2], data: [1, -1])
        _ = dense.forward(x); _ = dense.backward(dy)
        let once = dense.parameters[0].gradient.data
        _ = dense.forward(x); _ = dense.backward(dy)
        #expect(dense.parameters[0].gradient.data == once.map { 2 * $0 })
        dense.zeroGradients()
        #expect(dense.parameters[0].gradient.data.allSatisfy { $0 == 0 })
    }

    @Test(arguments: Activation.Kind.allCases)
    func activationGradientMatchesFiniteDifferences(kind: Activation.Kind) {
        var rng = SeededGenerator(seed: 5)
        var layer = Activation(kind)
        // Keep relu's inputs away from its kink at 0, where the derivative is undefined.
        let values = GradientCheck.normal(12, rng: &rng).map { kind == .relu && abs($0) < 0.1 ? $0 + 0.3 : $0 }
        let x = Tensor(shape: [3, 4], data: values)
        let r = GradientCheck.normal(12, rng: &rng)
        _ = layer.forward(x)
        let dx = layer.backward(Tensor(shape: [3, 4], data: r))
        let numeric = GradientCheck.numerical(x.data, epsilon: 1e-3) { Self.projected(layer, Tensor(shape: x.shape, data: $0), r) }
        #expect(GradientCheck.maxError(dx.data, numeric) < 2e-3)
    }

    /// The elementwise losses (cross-entropy over K classes: MLPHeadTests).
    @Test(arguments: [Loss.meanSquaredError, .binaryCrossEntropy])
    func lossGradientMatchesFiniteDifferences(loss: Loss) {
        var rng = SeededGenerator(seed: 6)
        let prediction = Tensor(shape: [6, 1], data: GradientCheck.normal(6, rng: &rng))
        let target = Tensor(shape: [6, 1], data: [0, 1, 1, 0, 1, 0])
        let analytic = loss.evaluate(prediction: prediction, target: target).gradient
        let numeric = GradientCheck.numerical(prediction.data, epsilon: 1e-3) {
            loss.evaluate(prediction: Tensor(shape: [6, 1], data: $0), target: target).loss
        }
        #expect(GradientCheck.maxError(analytic.data, numeric) < 1e-3)
    }

    @Test func bceMatchesTheDefinitionAndStaysFiniteForHugeLogits() {
        let z: [Float] = [-2, 0.5, 3]
        let y: [Float] = [0, 1, 1]
        let value = Loss.binaryCrossEntropy.evaluate(prediction: Tensor(shape: [3, 1], data: z), target: Tensor(shape: [3, 1], data: y)).loss
        let direct = zip(z, y).map { z, y -> Float in
            let p = 1 / (1 + exp(-z))
            return -(y * log(p) + (1 - y) * log(1 - p))
        }.reduce(0, +) / 3
        #expect(abs(value - direct) < 1e-5)
        let extreme = Loss.binaryCrossEntropy.evaluate(prediction: Tensor(shape: [2, 1], data: [200, -200]), target: Tensor(shape: [2, 1], data: [0, 1]))
        #expect(extreme.loss.isFinite && abs(extreme.loss - 200) < 1e-3)
    }

    @Test(arguments: [Regularization.l1(rate: 0.3), .l2(rate: 0.3)])
    func regularizerGradientMatchesFiniteDifferences(regularization: Regularization) {
        var rng = SeededGenerator(seed: 7)
        let w = GradientCheck.normal(10, rng: &rng).map { abs($0) < 0.05 ? $0 + 0.2 : $0 }
        var analytic = [Float](repeating: 0, count: w.count)
        regularization.addGradient(weights: w, to: &analytic)
        let numeric = GradientCheck.numerical(w, epsilon: 1e-3) { regularization.penalty($0) }
        #expect(GradientCheck.maxError(analytic, numeric) < 1e-3)
    }

    /// The whole MLP (features, dense, activations, fused BCE or MSE, L2): every parameter's
    /// accumulated gradient against finite differences of the batch loss plus penalty.
    @Test(arguments: [(Activation.Kind.tanh, Loss.binaryCrossEntropy), (.sigmoid, .meanSquaredError), (.linear, .binaryCrossEntropy)])
    func mlpGradientsMatchFiniteDifferences(activation: Activation.Kind, loss: Loss) throws {
        var rng = SeededGenerator(seed: 8)
        let features: [InputFeature] = [.x, .y, .xTimesY, .sinX]
        var net = try MLP(layers: [4, 5, 3, 1], activation: activation, loss: loss, features: features,
                          regularization: .l2(rate: 0.05), rng: &rng)
        let batch = try Dataset(points: GradientCheck.normal(12, rng: &rng), labels: [1, 0, 1, 1, 0, 0], name: "batch")
        _ = net.accumulateGradients(on: batch)
        for i in net.layers.indices {
            for p in net.layers[i].parameters.indices {
                let original = net.layers[i].parameters[p].value
                let numeric = GradientCheck.numerical(original.data, epsilon: 1e-2) { values in
                    var probe = net
                    probe.layers[i].parameters[p].value = Tensor(shape: original.shape, data: values)
                    return probe.loss(on: batch) + probe.regularizationPenalty
                }
                #expect(GradientCheck.maxError(net.layers[i].parameters[p].gradient.data, numeric) < 3e-3,
                        "layers.\(i).\(net.layers[i].parameters[p].name)")
            }
        }
    }
}
