import Foundation
import Testing
@testable import Runtime

/// The MLP beyond two classes: a softmax head with cross-entropy for K classes, a linear head
/// with MSE for regression, networks that take a table's columns as they are, and the cos x /
/// cos y features.
@Suite struct MLPHeadTests {
    @Test func softmaxGradientMatchesFiniteDifferences() {
        var rng = SeededGenerator(seed: 21)
        var layer = Softmax()
        let x = Tensor(shape: [3, 4], data: GradientCheck.normal(12, rng: &rng))
        let r = GradientCheck.normal(12, rng: &rng)
        let y = layer.forward(x)
        for row in 0..<3 { #expect(abs(y.data[(4 * row)..<(4 * row + 4)].reduce(0, +) - 1) < 1e-6) }
        let dx = layer.backward(Tensor(shape: [3, 4], data: r))
        let numeric = GradientCheck.numerical(x.data, epsilon: 1e-3) {
            LayerGradientTests.projected(layer, Tensor(shape: x.shape, data: $0), r)
        }
        #expect(GradientCheck.maxError(dx.data, numeric) < 2e-3)
    }

    @Test func crossEntropyMatchesTheDefinitionAndItsGradient() {
        var rng = SeededGenerator(seed: 22)
        let logits = Tensor(shape: [4, 3], data: GradientCheck.normal(12, rng: &rng))
        let classes = Tensor(shape: [4, 1], data: [2, 0, 1, 2])
        let (value, gradient) = Loss.crossEntropy.evaluate(prediction: logits, target: classes)
        let probabilities = Softmax().infer(logits).data
        let direct = (0..<4).map { -log(probabilities[3 * $0 + Int(classes.data[$0])]) }.reduce(0, +) / 4
        #expect(abs(value - direct) < 1e-5)
        let numeric = GradientCheck.numerical(logits.data, epsilon: 1e-3) {
            Loss.crossEntropy.evaluate(prediction: Tensor(shape: [4, 3], data: $0), target: classes).loss
        }
        #expect(GradientCheck.maxError(gradient.data, numeric) < 1e-3)
        let huge = Loss.crossEntropy.evaluate(prediction: Tensor(shape: [1, 2], data: [500, -500]), target: Tensor(shape: [1, 1], data: [1]))
        #expect(huge.loss.isFinite && abs(huge.loss - 1000) < 1e-2)
    }

    /// Every parameter of a softmax and of a linear network against finite differences of the
    /// batch loss plus the L2 penalty (the sigmoid heads are checked in LayerGradientTests).
    @Test(arguments: [(MLP.Head.softmax, Loss.crossEntropy, 3), (.linear, .meanSquaredError, 1), (.linear, .meanSquaredError, 2)])
    func mlpGradientsMatchFiniteDifferences(head: MLP.Head, loss: Loss, outputs: Int) throws {
        var rng = SeededGenerator(seed: 23)
        var net = try MLP(layers: [4, 5, outputs], activation: .tanh, loss: loss, head: head,
                          features: [.x, .y, .cosX, .cosY], regularization: .l2(rate: 0.05), rng: &rng)
        let targets: [Float] = head == .softmax ? [0, 2, 1, 1, 0, 2] : GradientCheck.normal(6 * outputs, rng: &rng)
        let x = Tensor(shape: [6, 4], data: InputFeature.matrix(net.features, points: GradientCheck.normal(12, rng: &rng)).data)
        let target = Tensor(shape: [6, head == .softmax ? 1 : outputs], data: targets)
        _ = net.accumulateGradients(x: x, target: target)
        for i in net.layers.indices {
            for p in net.layers[i].parameters.indices {
                let original = net.layers[i].parameters[p].value
                let numeric = GradientCheck.numerical(original.data, epsilon: 1e-2) { values in
                    var probe = net
                    probe.layers[i].parameters[p].value = Tensor(shape: original.shape, data: values)
                    var z = x
                    for layer in probe.layers[..<probe.fusedEnd] { z = layer.infer(z) }
                    return loss.evaluate(prediction: z, target: target).loss + probe.regularizationPenalty
                }
                #expect(GradientCheck.maxError(net.layers[i].parameters[p].gradient.data, numeric) < 3e-3,
                        "\(head) layers.\(i).\(net.layers[i].parameters[p].name)")
            }
        }
    }

    @Test func headsBuildTheirModulesAndRefuseWhatTheyCannotLearn() throws {
        var rng = SeededGenerator(seed: 24)
        let classes = try MLP(layers: [4, 8, 3], loss: .crossEntropy, features: [], rng: &rng)
        #expect(classes.head == .softmax && classes.inputDimension == 4)
        #expect(classes.layers.map(\.torchName) == ["Linear", "Tanh", "Linear", "Softmax"])
        let regression = try MLP(layers: [2, 8, 1], loss: .meanSquaredError, head: .linear, rng: &rng)
        #expect(regression.layers.map(\.torchName) == ["Linear", "Tanh", "Linear", "Identity"])
        let cases: [(Loss, MLP.Head?, [Int], String)] = [
            (.crossEntropy, nil, [2, 4, 1], "loss ce needs one output per class, 2 or more; the last layer has 1"),
            (.binaryCrossEntropy, nil, [2, 4, 3], "the last layer must have 1 output (a class-1 probability), got 3; K classes need loss ce"),
            (.meanSquaredError, .softmax, [2, 4, 3], "a softmax output of 3 classes trains with loss ce, not mse"),
            (.binaryCrossEntropy, .linear, [2, 4, 1], "a linear (regression) output trains with loss mse, not bce"),
        ]
        for (loss, head, widths, message) in cases {
            #expect(throws: RuntimeError(message)) { try MLP(layers: widths, loss: loss, head: head, rng: &rng) }
        }
    }

    @Test func dataThatDoesNotFitIsNamedNotCrashedOn() throws {
        var rng = SeededGenerator(seed: 25)
        let table = try Dataset(points: [1, 2, 3, 4, 5, 6, 7, 8, 9], labels: [0, 3, 1], featureNames: ["a", "b", "c"], name: "table")
        var net = try MLP(layers: [3, 4, 3], loss: .crossEntropy, features: [], rng: &rng)
        #expect(net.mismatch(table) == "'table' has 4 classes but the network has 3 outputs; its last layer needs one per class")
        #expect(net.loss(on: table).isNaN && net.accuracy(on: table).isNaN)
        #expect(throws: RuntimeError("'table' has 4 classes but the network has 3 outputs; its last layer needs one per class")) {
            try net.train(on: table, epochs: 1, rng: &rng)
        }
        let plane = try MLP(layers: [2, 4, 1], rng: &rng)
        #expect(plane.mismatch(table) == "'table' has 3 values per point, but the network takes 2: it computes its features (x, y) from 2D points")
        let three = try Dataset(points: [1, 2, 3, 4], labels: [0, 2], name: "three")
        #expect(plane.mismatch(three)?.hasPrefix("'three' point 2 has class 2 of 3; a sigmoid output learns classes 0 and 1") == true)
        let surface = try RegressionData.make(.plane, n: 10, noise: 0, rng: &rng)
        #expect(plane.mismatch(surface)?.hasPrefix("'plane(n: 10, noise: 0.0)' holds regression targets, not classes") == true)
        let regression = try MLP(layers: [2, 4, 1], loss: .meanSquaredError, head: .linear, rng: &rng)
        #expect(regression.mismatch(surface) == nil)
        #expect(regression.mismatch(three)?.hasPrefix("'three' holds classes, not regression targets") == true)
    }

    @Test func cosineFeaturesAreCosines() {
        let m = InputFeature.matrix([.cosX, .cosY, .sinX], points: [0, .pi, .pi / 2, 0])
        #expect(m.shape == [2, 3])
        #expect(abs(m.data[0] - 1) < 1e-6 && abs(m.data[1] + 1) < 1e-6 && abs(m.data[3]) < 1e-6 && abs(m.data[4] - 1) < 1e-6)
        #expect(InputFeature(rawValue: "cosx") == .cosX && InputFeature(rawValue: "cosy") == .cosY)
    }

    @Test func softmaxAndLinearCheckpointsPredictIdentically() throws {
        var rng = SeededGenerator(seed: 26)
        let nets = [try MLP(layers: [4, 6, 3], loss: .crossEntropy, features: [], optimizer: Adam(lr: 0.01), rng: &rng),
                    try MLP(layers: [3, 6, 1], loss: .meanSquaredError, head: .linear, features: [.x, .y, .cosY], rng: &rng)]
        for net in nets {
            let path = NSTemporaryDirectory() + "nv-mlp-head-\(net.head).safetensors"
            defer { try? FileManager.default.removeItem(atPath: path) }
            try net.save(to: path)
            let loaded = try MLP.load(path: path)
            let points = GradientCheck.normal(5 * net.inputDimension, rng: &rng)
            #expect(loaded.head == net.head && loaded.features == net.features && loaded.loss == net.loss)
            #expect(loaded.predict(points: points) == net.predict(points: points))
            #expect(try net.checkpointMetadata()["config"]?.contains("\"output\":\"\(net.head.rawValue)\"") == true)
        }
        // A two-class network's config has no "output" key, as before heads existed.
        #expect(try MLP(layers: [2, 3, 1], rng: &rng).checkpointMetadata()["config"]?.contains("output") == false)
    }

    @Test func outputFieldsSpanTwoColumnsAndHoldTheOthers() throws {
        var rng = SeededGenerator(seed: 27)
        let net = try MLP(layers: [4, 5, 3], loss: .crossEntropy, features: [], rng: &rng)
        let plane = InputPlane(xAxis: 2, yAxis: 3, xRange: 1...7, yRange: 0...2.5, base: [5.8, 3, 0, 0])
        let fields = try net.outputFields(resolution: 4, plane: plane)
        #expect(fields.count == 3 && fields[0].xRange == 1...7 && fields[0].yRange == 0...2.5)
        // Sample 6 is row 1 (y = 2.5/3), column 2 (x = 5).
        let p = net.predict(points: [5.8, 3, 5, 2.5 / 3])
        #expect((0..<3).allSatisfy { abs(fields[$0].values[6] - p[$0]) < 1e-6 })
        #expect((0..<16).allSatisfy { s in abs(fields.map { $0.values[s] }.reduce(0, +) - 1) < 1e-5 })
        #expect(throws: RuntimeError.self) {
            try net.outputFields(resolution: 4, plane: InputPlane(square: -1...1, dimension: 2))
        }
    }
}
