import Testing
@testable import Runtime

/// Finite-difference checks of every CNN layer's backward pass and of the fused
/// softmax/cross-entropy loss through a whole network.
///
/// Each layer check uses L = Σ r ⊙ y for a fixed random r, so ∂L/∂y = r; the analytic ∂L/∂x and
/// ∂L/∂θ from `backward` are compared with central differences of L computed in Double.
@Suite("CNN gradients")
struct CNNGradientTests {
    /// A layer, its per-sample input shape, and how to draw inputs away from kinks (relu's 0,
    /// max-pool ties) so that a ±ε step never crosses one.
    struct Case: CustomTestStringConvertible, Sendable {
        let spec: CNNLayerSpec
        let input: [Int]
        let awayFromKinks: Bool
        var testDescription: String { "\(spec.description) on \(input)" }
    }

    static let cases: [Case] = [
        Case(spec: .conv(filters: 3, size: 3, stride: 1, padding: 0), input: [2, 5, 5], awayFromKinks: false),
        Case(spec: .conv(filters: 2, size: 3, stride: 2, padding: 1), input: [3, 6, 5], awayFromKinks: false),
        Case(spec: .conv(filters: 4, size: 1, stride: 1, padding: 0), input: [2, 3, 3], awayFromKinks: false),
        Case(spec: .dense(outputs: 5), input: [7], awayFromKinks: false),
        Case(spec: .dense(outputs: 20), input: [19], awayFromKinks: false),
        Case(spec: .maxpool(size: 2, stride: 2), input: [2, 4, 4], awayFromKinks: true),
        Case(spec: .maxpool(size: 3, stride: 1), input: [1, 5, 5], awayFromKinks: true),
        Case(spec: .avgpool(size: 2, stride: 2), input: [2, 4, 6], awayFromKinks: false),
        Case(spec: .relu, input: [2, 3, 3], awayFromKinks: true),
        Case(spec: .sigmoid, input: [6], awayFromKinks: false),
        Case(spec: .tanh, input: [2, 2, 2], awayFromKinks: false),
        Case(spec: .flatten, input: [2, 3, 2], awayFromKinks: false),
        Case(spec: .softmax, input: [6], awayFromKinks: false),
    ]

    static func makeLayer(_ spec: CNNLayerSpec, input: [Int], rng: inout SeededGenerator) -> any CNNLayer {
        switch spec {
        case let .conv(f, k, s, p): Conv2D(filters: f, size: k, stride: s, padding: p, inputShape: input, rng: &rng)
        case let .dense(n): DenseLayer(inputs: input[0], outputs: n, rng: &rng)
        case let .maxpool(k, s): Pool2D(max: true, size: k, stride: s, inputShape: input)
        case let .avgpool(k, s): Pool2D(max: false, size: k, stride: s, inputShape: input)
        case .softmax: SoftmaxLayer(classes: input[0])
        case let .dropout(r): DropoutLayer(rate: r, inputShape: input, seed: 1)
        default: ElementwiseLayer(spec, inputShape: input)
        }
    }

    /// Σ r ⊙ layer(x), in Double.
    static func weightedSum(_ layer: any CNNLayer, _ x: Tensor, outputShape: [Int], _ r: [Float]) -> Double {
        var copy = layer
        let y = copy.forward(x, outputShape: outputShape)
        return zip(y.data, r).reduce(0) { $0 + Double($1.0) * Double($1.1) }
    }

    @Test(arguments: cases)
    func layerGradients(_ c: Case) throws {
        var rng = SeededGenerator(seed: 42)
        let batch = 2
        let outShape = try c.spec.outputShape(for: c.input, index: 1)
        let inCount = batch * c.input.reduce(1, *)
        var xs: [Float]
        if c.awayFromKinks {
            // Distinct values spaced 0.05 apart, none within 0.025 of zero.
            xs = (0..<inCount).map { Float($0) * 0.05 - Float(inCount / 2) * 0.05 + 0.025 }
            xs.shuffle(using: &rng)
        } else {
            xs = (0..<inCount).map { _ in Float(rng.normal()) }
        }
        let x = Tensor(shape: [batch] + c.input, data: xs)
        let r = (0..<(batch * outShape.reduce(1, *))).map { _ in Float(rng.normal()) }
        var layer = Self.makeLayer(c.spec, input: c.input, rng: &rng)
        let y = layer.forward(x, outputShape: outShape)
        let dx = layer.backward(input: x, output: y, outputGradient: Tensor(shape: y.shape, data: r))
        let eps: Float = 1e-2

        // ∂L/∂x
        for k in 0..<inCount {
            var plus = x, minus = x
            plus.data[k] += eps
            minus.data[k] -= eps
            let numeric = (Self.weightedSum(layer, plus, outputShape: outShape, r) - Self.weightedSum(layer, minus, outputShape: outShape, r)) / Double(2 * eps)
            #expect(abs(numeric - Double(dx.data[k])) < 2e-3 * max(1, abs(numeric)), "dx[\(k)] numeric \(numeric) analytic \(dx.data[k])")
        }
        // ∂L/∂θ
        let params = layer.parameters
        for p in params.indices {
            for k in 0..<params[p].value.count {
                var plus = layer, minus = layer
                var pp = params, pm = params
                pp[p].value.data[k] += eps
                pm[p].value.data[k] -= eps
                plus.parameters = pp
                minus.parameters = pm
                let numeric = (Self.weightedSum(plus, x, outputShape: outShape, r) - Self.weightedSum(minus, x, outputShape: outShape, r)) / Double(2 * eps)
                let analytic = Double(params[p].gradient.data[k])
                #expect(abs(numeric - analytic) < 2e-3 * max(1, abs(numeric)), "\(params[p].name)[\(k)] numeric \(numeric) analytic \(analytic)")
            }
        }
    }

    /// Dropout: identity at inference; in training a kept value is scaled by 1/(1−rate), and
    /// backward multiplies by the same mask (the derivative of a fixed-mask linear map).
    @Test func dropoutMasksAndScales() {
        let rate: Float = 0.25
        var layer = DropoutLayer(rate: rate, inputShape: [1000], seed: 9)
        let x = Tensor(shape: [2, 1000], data: (0..<2000).map { Float($0 % 17) + 1 })
        #expect(layer.forward(x, outputShape: [1000], training: false) == x)
        let y = layer.forward(x, outputShape: [1000], training: true)
        let kept = zip(x.data, y.data).filter { $1 != 0 }
        #expect(kept.allSatisfy { abs($1 - $0 / (1 - rate)) < 1e-4 })
        let keptFraction = Double(kept.count) / 2000
        #expect(abs(keptFraction - 0.75) < 0.04, "kept \(keptFraction)")
        let dy = Tensor(shape: [2, 1000], repeating: 1)
        let dx = layer.backward(input: x, output: y, outputGradient: dy)
        for k in 0..<2000 { #expect(dx.data[k] == (y.data[k] == 0 ? 0 : 1 / (1 - rate))) }
    }

    /// The fused softmax + cross-entropy gradient through a whole small network (conv, relu,
    /// max-pool, avg-pool, flatten, dense, tanh, dense, softmax): the batch-mean loss's gradient
    /// for every parameter against central differences.
    @Test func wholeNetworkLoss() throws {
        let specs: [CNNLayerSpec] = [.conv(filters: 3, size: 3, stride: 1, padding: 1), .relu, .maxpool(size: 2, stride: 2),
                                     .avgpool(size: 2, stride: 1), .flatten, .dense(outputs: 6), .tanh, .dense(outputs: 4), .softmax]
        var model = try CNN(layers: specs, inputShape: [1, 6, 6], classes: 4, seed: 3)
        var rng = SeededGenerator(seed: 5)
        let data = try ImageDataset(shape: [1, 6, 6], images: (0..<(5 * 36)).map { _ in Float(rng.uniform()) },
                                    labels: [0, 1, 2, 3, 1], classes: 4, name: "random")
        var predictions: [Int] = []
        _ = model.computeGradients(data, indices: Array(data.labels.indices)[...], predictions: &predictions)
        let analytic = model.layers.map { $0.parameters }
        func loss(_ m: CNN) -> Double {
            var copy = m
            return try! evaluate(&copy, on: data).loss
        }
        let eps: Float = 5e-3
        var checked = 0
        for i in model.layers.indices {
            for p in analytic[i].indices {
                for k in stride(from: 0, to: analytic[i][p].value.count, by: 3) {
                    var plus = model, minus = model
                    var pp = analytic[i], pm = analytic[i]
                    pp[p].value.data[k] += eps
                    pm[p].value.data[k] -= eps
                    plus.layers[i].parameters = pp
                    minus.layers[i].parameters = pm
                    let numeric = (loss(plus) - loss(minus)) / Double(2 * eps)
                    let a = Double(analytic[i][p].gradient.data[k])
                    #expect(abs(numeric - a) < 1e-3 + 1e-2 * abs(numeric), "layer \(i) \(analytic[i][p].name)[\(k)]: numeric \(numeric) analytic \(a)")
                    checked += 1
                }
            }
        }
        #expect(checked > 30)
    }
}
