import Testing
@testable import Runtime

@Suite struct MLPTests {
    @Test func modulesFollowSequentialOrderAndNames() throws {
        var rng = SeededGenerator(seed: 1)
        let net = try MLP(layers: [2, 8, 4, 1], activation: .relu, rng: &rng)
        #expect(net.layers.map(\.torchName) == ["Linear", "ReLU", "Linear", "ReLU", "Linear", "Sigmoid"])
        #expect(net.stateDict.map(\.name) == ["layers.0.weight", "layers.0.bias", "layers.2.weight",
                                              "layers.2.bias", "layers.4.weight", "layers.4.bias"])
        #expect(net.stateDict.map(\.tensor.shape) == [[8, 2], [8], [4, 8], [4], [1, 4], [1]])
        #expect(net.summary.map(\.outputShape) == [[8], [8], [4], [4], [1], [1]])
        #expect(net.summary.map(\.parameters) == [24, 0, 36, 0, 5, 0])
    }

    @Test(arguments: [
        ([2], "at least an input and an output"),
        ([2, 0, 1], "layer 1 has width 0"),
        ([2, 1_000_000, 1], "layer 1 has width 1000000; every width must be 1 to 4096"),
        ([3, 4, 1], "layers[0] is 3 but 2 input features"),
        ([2, 4, 2], "the last layer must have 1 output"),
    ])
    func badShapesAreExplained(widths: [Int], message: String) {
        var rng = SeededGenerator(seed: 1)
        #expect { try MLP(layers: widths, rng: &rng) } throws: { error in
            (error as? RuntimeError)?.message.contains(message) == true
        }
    }

    @Test(arguments: [
        (PlaygroundData.Kind.circle, [InputFeature.x, .y], Float(0.9)),
        (.gaussian, [.x, .y], 0.95),
        (.quadrants, [.x, .y, .xTimesY], 0.9),
        (.moons, [.x, .y], 0.9),
    ])
    func learnsPlaygroundSets(kind: PlaygroundData.Kind, features: [InputFeature], accuracy: Float) throws {
        var rng = SeededGenerator(seed: 2)
        let (train, test) = try PlaygroundData.make(kind, n: 200, noise: 0.05, rng: &rng).split(trainFraction: 0.5, rng: &rng)
        var net = try MLP(layers: [features.count, 6, 1], activation: .tanh, features: features,
                          batchSize: 10, optimizer: Adam(lr: 0.02), rng: &rng)
        let before = net.loss(on: train)
        try net.train(on: train, test: test, epochs: 60, rng: &rng)
        #expect(net.trainLosses.count == 60 && net.testLosses.count == 60)
        #expect(net.trainLosses.last! < before)
        #expect(net.accuracy(on: test) >= accuracy, "\(kind): test accuracy \(net.accuracy(on: test))")
    }

    @Test(arguments: [("sgd", Float(0.1)), ("momentum", 0.05), ("adam", 0.01)])
    func everyOptimizerLowersTheLoss(name: String, lr: Float) throws {
        var rng = SeededGenerator(seed: 4)
        let data = try PlaygroundData.make(.gaussian, n: 100, noise: 0.1, rng: &rng)
        let optimizer: any Optimizer
        switch name {
        case "sgd": optimizer = SGD(lr: lr)
        case "momentum": optimizer = Momentum(lr: lr, beta: 0.9)
        default: optimizer = Adam(lr: lr)
        }
        var net = try MLP(layers: [2, 4, 1], activation: .sigmoid, loss: .meanSquaredError, optimizer: optimizer, rng: &rng)
        let before = net.loss(on: data)
        try net.train(on: data, epochs: 20, rng: &rng)
        #expect(net.loss(on: data) < 0.8 * before)
    }

    @Test func l1RegularisationShrinksWeights() throws {
        var rng = SeededGenerator(seed: 5)
        let data = try PlaygroundData.make(.gaussian, n: 100, noise: 0.1, rng: &rng)
        var plain = try MLP(layers: [2, 8, 1], optimizer: SGD(lr: 0.05), rng: &rng)
        var sparse = plain
        sparse.regularization = .l1(rate: 0.01)
        var r1 = SeededGenerator(seed: 6), r2 = SeededGenerator(seed: 6)
        try plain.train(on: data, epochs: 50, rng: &r1)
        try sparse.train(on: data, epochs: 50, rng: &r2)
        let l1 = { (net: MLP) in net.weights.reduce(Float(0)) { $0 + $1.data.reduce(0) { $0 + abs($1) } } }
        #expect(l1(sparse) < l1(plain))
    }

    @Test func editingAWeightChangesThePredictionAndBadIndicesAreNamed() throws {
        var rng = SeededGenerator(seed: 7)
        var net = try MLP(layers: [2, 3, 1], rng: &rng)
        let before = net.predict(points: [1, 1])
        try net.setWeight(layer: 1, row: 0, column: 2, to: 10)
        #expect(net.weights[1].data[2] == 10)
        #expect(net.predict(points: [1, 1]) != before)
        #expect(throws: RuntimeError("layers[1].weight[0][3]: the weight is 1 x 3")) {
            try net.setWeight(layer: 1, row: 0, column: 3, to: 0)
        }
        #expect(throws: RuntimeError.self) { try net.setWeight(layer: 2, row: 0, column: 0, to: 0) }
    }

    @Test func neuronOutputsMatchTheForwardPass() throws {
        var rng = SeededGenerator(seed: 8)
        let net = try MLP(layers: [3, 4, 2, 1], features: [.x, .y, .sinX], rng: &rng)
        let fields = try net.neuronOutputs(resolution: 5, range: -2...2)
        #expect(fields.map(\.count) == [3, 4, 2, 1])
        // Sample 7 is row 1 (y = −1), column 2 (x = 0).
        #expect(fields[0][1].values[7] == -1)
        #expect(abs(fields[3][0].values[7] - net.predict(points: [0, -1])[0]) < 1e-6)
        let hidden = try net.layerOutputs(layer: 0, points: [0, -1])
        #expect((0..<4).allSatisfy { abs(hidden.data[$0] - fields[1][$0].values[7]) < 1e-6 })
        #expect(try net.decisionField(resolution: 5, range: -2...2).values == fields[3][0].values)
        #expect(throws: RuntimeError.self) { try net.layerOutputs(layer: 3, points: [0, 0]) }
    }

    @Test func trainingReportsAndStops() throws {
        var rng = SeededGenerator(seed: 9)
        let data = try PlaygroundData.make(.circle, n: 60, noise: 0, rng: &rng)
        var net = try MLP(layers: [2, 4, 1], rng: &rng)
        var epochs: [Int] = []
        let stop = StopFlag()
        let run = try net.train(on: data, epochs: 50, every: 5, rng: &rng, stop: stop) { snapshot in
            epochs.append(snapshot.epoch)
            #expect(snapshot.network.epoch == snapshot.epoch)
            if snapshot.epoch == 15 { stop.raise() }
        }
        #expect(run == 15 && epochs == [0, 5, 10, 15, 15])
        #expect { try net.train(on: data, epochs: -1, rng: &rng) } throws: { ($0 as? RuntimeError)?.message.contains("epoch count") == true }
        #expect { try net.train(on: data, epochs: 1, every: 0, rng: &rng) } throws: { ($0 as? RuntimeError)?.message.contains("report interval") == true }
        net.optimizer.learningRate = -1
        #expect { try net.train(on: data, epochs: 1, rng: &rng) } throws: { ($0 as? RuntimeError)?.message.contains("learning rate must be a positive number") == true }
    }

    @Test func hugeLearningRateReportsNaNInsteadOfCrashing() throws {
        var rng = SeededGenerator(seed: 10)
        let data = try PlaygroundData.make(.gaussian, n: 50, noise: 0.1, rng: &rng)
        var net = try MLP(layers: [2, 8, 8, 1], activation: .relu, loss: .meanSquaredError,
                          optimizer: Momentum(lr: 1e30, beta: 0.9), rng: &rng)
        #expect { try net.train(on: data, epochs: 100, rng: &rng) } throws: { error in
            (error as? RuntimeError)?.message.contains("learning rate 1e+30 may be too large") == true
        }
    }
}

#if DEBUG
private let optimizedBuild = false
#else
private let optimizedBuild = true
#endif

@Suite struct SpiralTests {
    /// Issue 4's bar: [2, 8, 8, 1] tanh on spiral(n: 400, noise: 0.1) at ≥ 95% test accuracy.
    /// With Adam(0.01), batch 10, L2 0.001 and 2000 epochs, 5 of seeds 1–10 end at ≥ 95% (measured
    /// with nv-bench-runtime); here 2 of seeds 1–3 must. About 3 s optimized, so skipped in debug.
    @Test(.enabled(if: optimizedBuild, "2000 epochs x 3 seeds: run with -c release"))
    func spiralReachesNinetyFivePercent() throws {
        var reached = 0
        for seed in UInt64(1)...3 {
            var rng = SeededGenerator(seed: seed)
            let (train, test) = try PlaygroundData.make(.spiral, n: 400, noise: 0.1, rng: &rng)
                .split(trainFraction: 0.5, rng: &rng)
            var net = try MLP(layers: [2, 8, 8, 1], activation: .tanh, loss: .binaryCrossEntropy,
                              regularization: .l2(rate: 0.001), batchSize: 10, optimizer: Adam(lr: 0.01), rng: &rng)
            try net.train(on: train, test: test, epochs: 2000, rng: &rng)
            if net.accuracy(on: test) >= 0.95 { reached += 1 }
        }
        #expect(reached >= 2, "\(reached) of 3 seeds reached 95% test accuracy")
    }
}
