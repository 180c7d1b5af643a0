import Foundation
import Testing
@testable import Runtime

#if DEBUG
private let optimizedBuild = false
#else
private let optimizedBuild = true
#endif

/// What the new heads learn: the iris classes with a softmax, Playground's regression sets with
/// a linear output.
@Suite struct MLPLearningTests {
    @Test(arguments: RegressionData.Kind.allCases)
    func regressionSetsAreDeterministicAndInRange(kind: RegressionData.Kind) throws {
        var a = SeededGenerator(seed: 31), b = SeededGenerator(seed: 31)
        let one = try RegressionData.make(kind, n: 200, noise: 0, rng: &a)
        #expect(one == (try RegressionData.make(kind, n: 200, noise: 0, rng: &b)))
        #expect(one.count == 200 && one.points.count == 400)
        #expect(one.isRegression && one.points.allSatisfy { abs($0) <= 6 } && one.targets!.allSatisfy { abs($0) <= 1.2 })
        for i in 0..<one.count {
            let x = Double(one.points[2 * i]), y = Double(one.points[2 * i + 1])
            #expect(abs(Double(one.targets![i]) - RegressionData.target(kind, x: x, y: y)) < 1e-6)
        }
        #expect(throws: RuntimeError("\(kind.rawValue): the noise must be between 0 and 1, got 2.0")) {
            try RegressionData.make(kind, n: 10, noise: 2, rng: &a)
        }
    }

    /// The Playground bar: a small network fits each regression set to a low loss (½ MSE below
    /// 0.01, the targets spanning −1...1) on points it did not train on.
    @Test(arguments: [(RegressionData.Kind.plane, [InputFeature.x, .y]), (.sine, [.x, .y, .sinX, .cosY])])
    func regressionTrainsToALowLoss(kind: RegressionData.Kind, features: [InputFeature]) throws {
        var rng = SeededGenerator(seed: 32)
        let (train, test) = try RegressionData.make(kind, n: 400, noise: 0, rng: &rng).split(trainFraction: 0.5, rng: &rng)
        var net = try MLP(layers: [features.count, 8, 1], activation: .tanh, loss: .meanSquaredError, head: .linear,
                          features: features, batchSize: 10, optimizer: Adam(lr: 0.01), rng: &rng)
        let before = net.loss(on: test)
        try net.train(on: train, test: test, epochs: 100, rng: &rng)
        #expect(net.loss(on: test) < 0.01, "\(kind): test loss \(net.loss(on: test)) (before \(before))")
        #expect(net.accuracy(on: test).isNaN)
    }

    /// Issue 13's bar: an mlp on iris at ≥ 95% test accuracy, the measurements as they are (the copy shipped in data/tabular),
    /// [4, 16, 3] tanh with softmax and cross-entropy, Adam 0.01, batch 10, a 70/30 split.
    @Test(.enabled(if: optimizedBuild))
    func irisReachesNinetyFivePercent() throws {
        var rng = SeededGenerator(seed: 1)
        let (train, test) = try TabularData.iris().split(trainFraction: 0.7, rng: &rng)
        var net = try MLP(layers: [4, 16, 3], activation: .tanh, loss: .crossEntropy, features: [],
                          batchSize: 10, optimizer: Adam(lr: 0.01), rng: &rng)
        try net.train(on: train, test: test, epochs: 200, rng: &rng)
        let accuracy = net.accuracy(on: test)
        print("iris: test accuracy \(accuracy) on \(test.count), train \(net.accuracy(on: train)), test loss \(net.loss(on: test))")
        #expect(accuracy >= 0.95)
    }
}
