import Foundation
import Testing
@testable import Runtime

/// The two-half split of batches (`CNN.computeGradients`, `CNN.run`): the same numbers as one
/// pass over the whole batch, up to summation order, and the same on every call.
@Suite("CNN batch halves")
struct CNNShardTests {
    static let specs: [CNNLayerSpec] = [.conv(filters: 4, size: 3, stride: 1, padding: 1), .relu, .maxpool(size: 2, stride: 2),
                                        .conv(filters: 6, size: 3, stride: 1, padding: 0), .relu, .avgpool(size: 2, stride: 1),
                                        .flatten, .dense(outputs: 12), .tanh, .dense(outputs: 5), .softmax]

    static func data(count: Int, seed: UInt64) throws -> ImageDataset {
        var rng = SeededGenerator(seed: seed)
        return try ImageDataset(shape: [1, 10, 10], images: (0..<(count * 100)).map { _ in Float(rng.uniform()) },
                                labels: (0..<count).map { $0 % 5 }, classes: 5, name: "random")
    }

    static func gradients(_ model: inout CNN) -> [Float] {
        model.layers.indices.flatMap { i in
            (0..<model.layers[i].parameterCount).flatMap { p in model.layers[i].withParameter(p) { _, g in Array(g) } }
        }
    }

    /// Halves (9 and 10 samples, odd on purpose) give the whole batch's mean loss, predictions
    /// and gradients; gradients of the halves are weighted by their sizes, not averaged.
    @Test func halvesMatchTheWholeBatch() throws {
        let data = try Self.data(count: 19, seed: 4)
        var whole = try CNN(layers: Self.specs, inputShape: [1, 10, 10], classes: 5, seed: 2)
        var split = whole
        var p1: [Int] = [], p2: [Int] = []
        let indices = Array(0..<19)[...]
        let l1 = whole.computeGradients(data, indices: indices, predictions: &p1, shards: 1)
        let l2 = split.computeGradients(data, indices: indices, predictions: &p2, shards: 2)
        #expect(abs(l1 - l2) < 1e-5 * abs(l1))
        #expect(p1 == p2 && p1.count == 19)
        let (g1, g2) = (Self.gradients(&whole), Self.gradients(&split))
        let scale = g1.map(abs).max()!
        #expect(scale > 0)
        #expect(zip(g1, g2).allSatisfy { abs($0 - $1) <= 1e-5 * scale })
    }

    /// Training with split batches is deterministic: two runs from the same seed end with the
    /// same weights bit for bit, and the replica's weights follow the network's.
    @Test func splitTrainingIsDeterministic() throws {
        let data = try Self.data(count: 64, seed: 5)
        func run() throws -> [Float] {
            var model = try CNN(layers: Self.specs, inputShape: [1, 10, 10], classes: 5, seed: 9)
            var adam = CNNAdam()
            for b in 0..<4 { _ = model.trainStep(data, indices: Array(0..<64)[(b * 16)..<((b + 1) * 16)], optimizer: &adam) }
            return model.parameterValues().flatMap { $0.flatMap(\.data) }
        }
        let (a, b) = (try run(), try run())
        #expect(a == b)
    }

    /// Inference in chunks and halves gives each image exactly its own batch-of-one output.
    @Test func predictionsDoNotDependOnTheBatch() throws {
        let data = try Self.data(count: 70, seed: 6)
        var model = try CNN(layers: Self.specs, inputShape: [1, 10, 10], classes: 5, seed: 3)
        let all = try model.predict(data)
        for i in [0, 1, 16, 34, 35, 69] {
            let one = try model.predict(data.subset([i]))
            #expect(Array(all.data[(i * 5)..<((i + 1) * 5)]) == one.data)
        }
    }

    /// The direct inference convolution (no columns matrix) gives exactly the im2col + GEMM
    /// values of training, for output rows of 4 (paired), 8, 11 and 12 and filter counts that
    /// use the 8-, 4- and 1-filter tiles.
    @Test(arguments: [(1, 14, 8), (8, 6, 16), (3, 13, 13), (2, 10, 5), (4, 14, 1), (2, 6, 12)])
    func directConvolutionMatchesTheGEMMPath(channels: Int, size: Int, filters: Int) {
        var rng = SeededGenerator(seed: UInt64(channels * 100 + size))
        var layer = Conv2D(filters: filters, size: 3, stride: 1, padding: 0, inputShape: [channels, size, size], rng: &rng)
        layer.withParameter(1) { b, _ in for i in b.indices { b[i] = Float(i) * 0.1 - 0.3 } }
        let x = Tensor(shape: [3, channels, size, size], data: (0..<(3 * channels * size * size)).map { _ in Float(rng.normal()) })
        let out = [filters, size - 2, size - 2]
        let trained = layer.forward(x, outputShape: out, training: true)
        let inferred = layer.forward(x, outputShape: out, training: false)
        #expect(trained.data == inferred.data)
        #expect(trained.data.contains { $0 != 0 })
    }
}

/// Adam's eight-lane square root against the correctly rounded one.
@Suite("CNN Adam square root")
struct CNNAdamSquareRootTests {
    @Test func withinTwoUlpOfTheRoundedRoot() {
        var rng = SeededGenerator(seed: 11)
        var values: [Float] = [0, 1, 4, 1e-30, 1e-12, 2.5e-8, 0.5, 1e12, 3e30, 1e-40, Float.leastNonzeroMagnitude, Float.greatestFiniteMagnitude]
        for _ in 0..<4000 { values.append(Float(pow(10, rng.uniform() * 82 - 44))) }
        for start in stride(from: 0, to: values.count - 8, by: 8) {
            let x = SIMD8<Float>(values[start..<(start + 8)])
            let root = AdamRule.squareRoot(x)
            for lane in 0..<8 {
                let exact = x[lane].squareRoot()
                #expect(abs(root[lane] - exact) <= 2 * exact.ulp, "√\(x[lane]) = \(exact), got \(root[lane])")
            }
        }
        #expect(AdamRule.squareRoot(SIMD8<Float>(repeating: 0)) == SIMD8<Float>(repeating: 0))
    }
}

/// The vectorised 2×2 max pool against the rule written out: each output is its window's
/// maximum and its gradient goes to the first maximum in row-major order — with many ties.
@Suite("CNN max pool 2x2")
struct CNNMaxPoolTests {
    @Test(arguments: [(4, 4), (4, 6), (6, 6), (12, 12), (11, 11), (26, 26), (9, 14)])
    func matchesTheFirstMaximumRule(height: Int, width: Int) {
        var rng = SeededGenerator(seed: UInt64(height * 31 + width))
        let planes = 3
        let x = Tensor(shape: [1, planes, height, width], data: (0..<(planes * height * width)).map { _ in Float(Int(rng.uniform() * 3)) })
        var pool = Pool2D(max: true, size: 2, stride: 2, inputShape: [planes, height, width])
        let (oh, ow) = (height / 2, width / 2)
        let y = pool.forward(x, outputShape: [planes, oh, ow])
        let dy = Tensor(shape: y.shape, data: (0..<y.data.count).map { Float($0 + 1) })
        let dx = pool.backward(input: x, output: y, outputGradient: dy)
        var expectedY: [Float] = [], expectedDX = [Float](repeating: 0, count: x.data.count)
        for c in 0..<planes {
            for oy in 0..<oh {
                for ox in 0..<ow {
                    let window = [(0, 0), (0, 1), (1, 0), (1, 1)].map { c * height * width + (2 * oy + $0.0) * width + 2 * ox + $0.1 }
                    var at = window[0]
                    for i in window.dropFirst() where x.data[i] > x.data[at] { at = i }
                    expectedY.append(x.data[at])
                    expectedDX[at] += dy.data[expectedY.count - 1]
                }
            }
        }
        #expect(y.data == expectedY)
        #expect(dx.data == expectedDX)
    }
}
