import Testing
@testable import Runtime

@Suite struct XORNetworkTests {
    /// step() applies w ← w − lr·∂L/∂w with L = ½ mean (ŷ − y)², so (w_before − w_after)/lr
    /// must equal the finite-difference gradient of `loss`.
    @Test(arguments: [1, 2, 3, 5])
    func stepFollowsTheLossGradient(hidden: Int) throws {
        var rng = SeededGenerator(seed: UInt64(10 + hidden))
        var net = try XORNetwork(hidden: hidden, rng: &rng)
        net.b1 = (0..<hidden).map { _ in rng.normal() }
        net.b2 = 0.3
        let before = net
        let loss = net.step()
        #expect(abs(loss - before.loss) < 1e-12)
        let lr = net.learningRate
        func numeric(_ values: [Double], _ assign: @escaping (inout XORNetwork, [Double]) -> Void) -> [Double] {
            GradientCheck.numerical(values) { v in
                var probe = before
                assign(&probe, v)
                return probe.loss
            }
        }
        let applied = (w1: zip(before.w1, net.w1).map { ($0 - $1) / lr },
                       b1: zip(before.b1, net.b1).map { ($0 - $1) / lr },
                       w2: zip(before.w2, net.w2).map { ($0 - $1) / lr },
                       b2: (before.b2 - net.b2) / lr)
        #expect(GradientCheck.maxError(applied.w1, numeric(before.w1) { $0.w1 = $1 }) < 1e-8)
        #expect(GradientCheck.maxError(applied.b1, numeric(before.b1) { $0.b1 = $1 }) < 1e-8)
        #expect(GradientCheck.maxError(applied.w2, numeric(before.w2) { $0.w2 = $1 }) < 1e-8)
        #expect(GradientCheck.maxError([applied.b2], numeric([before.b2]) { $0.b2 = $1[0] }) < 1e-8)
        // The reported norms are those of the applied gradients.
        let w1Norm = applied.w1.reduce(0) { $0 + $1 * $1 }.squareRoot()
        #expect(abs(net.lastGradientNorms.w1 - w1Norm) < 1e-9 * max(1, w1Norm))
    }

    @Test func initialisationIsStandardNormalWithZeroBiasesAndSeeded() throws {
        var a = SeededGenerator(seed: 1), b = SeededGenerator(seed: 1)
        let x = try XORNetwork(hidden: 3, rng: &a), y = try XORNetwork(hidden: 3, rng: &b)
        #expect(x.w1 == y.w1 && x.w2 == y.w2)
        #expect(x.b1 == [0, 0, 0] && x.b2 == 0)
        var reference = SeededGenerator(seed: 1)
        #expect(x.w1[0] == reference.normal())
    }

    @Test func solvesXORFromMostSeeds() throws {
        var solved = 0
        for seed in 1...5 {
            var rng = SeededGenerator(seed: UInt64(seed))
            var net = try XORNetwork(hidden: 3, rng: &rng)
            try net.train(epochs: 40_000, every: 1_000)
            if net.solvesXOR { solved += 1 }
        }
        #expect(solved >= 4, "solved \(solved) of 5")
    }

    @Test func observerSeesStartEveryAndFinal() throws {
        var rng = SeededGenerator(seed: 2)
        var net = try XORNetwork(hidden: 2, rng: &rng)
        var epochs: [Int] = [], finals: [Bool] = []
        try net.train(epochs: 1_000, every: 300) { snapshot in
            epochs.append(snapshot.epoch)
            finals.append(snapshot.isFinal)
            #expect(snapshot.network.epoch == snapshot.epoch)
        }
        #expect(epochs == [0, 300, 600, 900, 1_000])
        #expect(finals == [false, false, false, false, true])
        #expect(net.trajectory.map(\.epoch) == epochs)
        #expect(net.losses.count == 1_000)
        #expect(net.trajectory.last?.w00 == net.w1[0] && net.trajectory.last?.w01 == net.w1[1])
    }

    @Test func longRunsThinTheTrajectoryKeepingFirstAndLatest() throws {
        var rng = SeededGenerator(seed: 2)
        var net = try XORNetwork(hidden: 2, rng: &rng)
        let reports = 3 * XORNetwork.trajectoryLimit
        try net.train(epochs: reports, every: 1)
        let epochs = net.trajectory.map(\.epoch)
        #expect(epochs.count <= XORNetwork.trajectoryLimit)
        #expect(epochs.count > XORNetwork.trajectoryLimit / 2)
        #expect(epochs.first == 0 && epochs.last == reports)
        #expect(zip(epochs, epochs.dropFirst()).allSatisfy { $0 < $1 })
        #expect(net.trajectory.last?.w00 == net.w1[0])
    }

    @Test func stopFlagEndsTheRunAndKeepsTheWeights() throws {
        var rng = SeededGenerator(seed: 2)
        var net = try XORNetwork(hidden: 3, rng: &rng)
        let stop = StopFlag()
        let result = try net.train(epochs: 10_000, every: 100, stop: stop) { snapshot in
            if snapshot.epoch == 500 { stop.raise() }
        }
        #expect(result == XORTrainingResult(epochsRun: 500, stopped: true))
        #expect(net.epoch == 500)
    }

    @Test(arguments: [(-3, 100, "epoch count"), (20_000_000, 100, "epoch count"), (10, 0, "report interval")])
    func badTrainingArgumentsAreNamed(epochs: Int, every: Int, named: String) throws {
        var rng = SeededGenerator(seed: 1)
        var net = try XORNetwork(hidden: 2, rng: &rng)
        #expect { try net.train(epochs: epochs, every: every) } throws: { error in
            (error as? RuntimeError)?.message.contains(named) == true
        }
    }

    @Test func nonPositiveLearningRateIsNamed() throws {
        var rng = SeededGenerator(seed: 1)
        var net = try XORNetwork(hidden: 2, rng: &rng)
        net.learningRate = 0
        #expect(throws: RuntimeError("the learning rate must be a positive number, got 0.0")) { try net.train(epochs: 10) }
    }

    @Test(arguments: [0, -2, 1_000_000_000])
    func hiddenSizeOutOfRangeIsNamed(hidden: Int) {
        var rng = SeededGenerator(seed: 1)
        #expect(throws: RuntimeError("the hidden layer needs 1 to 4096 units, got \(hidden)")) {
            try XORNetwork(hidden: hidden, rng: &rng)
        }
    }

    /// A sigmoid network saturates rather than overflows under a huge learning rate, so a NaN
    /// has to be planted (as a user editing a weight could) to reach the check.
    @Test func nonFiniteLossEndsWithAClearMessage() throws {
        var rng = SeededGenerator(seed: 1)
        var net = try XORNetwork(hidden: 3, rng: &rng)
        net.w2[1] = .nan
        #expect { try net.train(epochs: 1_000) } throws: { error in
            (error as? RuntimeError)?.message.contains("the loss became NaN at epoch 1") == true
        }
        #expect(net.epoch == 1)
    }

    @Test func decisionFieldSamplesTheNetworkOnTheGrid() throws {
        var rng = SeededGenerator(seed: 4)
        let net = try XORNetwork(hidden: 3, rng: &rng)
        // Over −1...2 with 4 samples the grid coordinates are −1, 0, 1, 2.
        let field = try net.decisionField(resolution: 4)
        let outputs = net.forward().outputs
        for (row, (x, y)) in [(0, 0), (0, 1), (1, 0), (1, 1)].enumerated() {
            let sample = Double(field.values[(y + 1) * 4 + (x + 1)])
            #expect(abs(sample - outputs[row]) < 1e-6)
        }
        #expect(throws: RuntimeError.self) { try net.decisionField(resolution: 1) }
        #expect(throws: RuntimeError.self) { try net.decisionField(resolution: 1_000_000) }
    }

    @Test func lossSurfaceIsCentredOnTheCurrentWeights() throws {
        var rng = SeededGenerator(seed: 6)
        var net = try XORNetwork(hidden: 2, rng: &rng)
        try net.train(epochs: 200)
        let surface = try net.lossSurface(resolution: 31, radius: 5)
        let centre = Double(surface.values[15 * 31 + 15])
        #expect(abs(centre - net.loss) < 1e-6)
        // A corner: w1[0,0] − 5, w1[0,1] − 5, other weights held.
        var probe = net
        probe.w1[0] -= 5
        probe.w1[1] -= 5
        #expect(abs(Double(surface.values[0]) - probe.loss) < 1e-6)
        var rng1 = SeededGenerator(seed: 6)
        #expect(throws: RuntimeError.self) { try XORNetwork(hidden: 1, rng: &rng1).lossSurface() }
    }

    @Test(arguments: [2, 3])
    func featureSpaceBoundarySeparatesASolvedNetwork(hidden: Int) throws {
        for seed in UInt64(1)...6 {
            var rng = SeededGenerator(seed: seed)
            var net = try XORNetwork(hidden: hidden, rng: &rng)
            try net.train(epochs: 40_000, every: 10_000)
            guard net.solvesXOR else { continue }
            let regression = try net.featureSpaceBoundary()
            let activations = net.hiddenActivations
            for row in 0..<4 {
                let p = regression.probability(activations[(row * hidden)..<((row + 1) * hidden)].map { Float($0) })
                #expect((p >= 0.5) == (XORNetwork.targets[row] == 1), "seed \(seed) row \(row): p = \(p)")
            }
            return
        }
        Issue.record("no seed in 1...6 solved XOR with \(hidden) hidden units")
    }
}
