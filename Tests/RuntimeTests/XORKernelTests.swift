import Testing
@testable import Runtime

/// The XOR kernel (CKernels' `nv_xor_steps`, 1…4 hidden units) against the general Swift step:
/// the same weights, losses and gradient norms, bit for bit, on every path this CPU can run.
@Suite struct XORKernelTests {
    /// Everything a run leaves behind, as bits (a NaN as one canonical NaN: its payload depends
    /// on which operand of an operation the compiler put first, and nothing reads it).
    struct Fingerprint {
        var bits: [UInt64]

        init(_ net: XORNetwork) {
            let values = net.w1 + net.b1 + net.w2 + [net.b2, Double(net.epoch)] + net.losses
                + [net.lastGradientNorms.w1, net.lastGradientNorms.w2]
                + net.trajectory.flatMap { [$0.w00, $0.w01, $0.loss, $0.gradientNorms.w1, $0.gradientNorms.w2] }
            bits = values.map { $0.isNaN ? Double.nan.bitPattern : $0.bitPattern }
        }

        /// Where two runs first differ (weights, biases, epoch, losses, norms, trajectory, in that
        /// order), nil when they are the same bits; kept short for a failure message.
        func firstDifference(from other: Fingerprint) -> Int? {
            if bits.count != other.bits.count { return min(bits.count, other.bits.count) }
            return bits.indices.first { bits[$0] != other.bits[$0] }
        }
    }

    static var kernelPaths: [XORStepPath] { XORStepPath.available.filter { $0 != .general } }

    /// Trains a copy of `net` on `path`; a thrown divergence is part of the result.
    static func train(_ net: XORNetwork, on path: XORStepPath, epochs: Int, every: Int,
                      stop: StopFlag? = nil) -> (net: XORNetwork, diverged: Bool) {
        var copy = net
        copy.stepPath = path
        do {
            try copy.train(epochs: epochs, every: every, stop: stop)
            return (copy, false)
        } catch {
            return (copy, true)
        }
    }

    /// Starting points that reach every branch of the kernel: nv's and NumPy's initial weights,
    /// random biases, a large learning rate, and units saturated past the exp's fast range
    /// (|z| ≥ 512, computed by the library's `exp` lane by lane; every first step also takes
    /// that way, as row (0, 0) of a zero-bias unit has z = 0).
    static func startingPoints(hidden: Int) throws -> [XORNetwork] {
        var nets: [XORNetwork] = []
        for seed in 1...4 {
            var rng = SeededGenerator(seed: UInt64(100 * hidden + seed))
            nets.append(try XORNetwork(hidden: hidden, rng: &rng))
            var biased = try XORNetwork(hidden: hidden, learningRate: 2.5, rng: &rng)
            biased.b1 = (0..<hidden).map { _ in rng.normal() }
            biased.b2 = rng.normal()
            nets.append(biased)
        }
        nets.append(try XORNetwork(hidden: hidden, numpySeed: 7))
        var saturated = try XORNetwork(hidden: hidden, numpySeed: 3)
        saturated.b1[0] = 600
        saturated.w1[hidden - 1] = -700
        nets.append(saturated)
        return nets
    }

    @Test(arguments: 1...XORNetwork.kernelMaximumHidden)
    func kernelMatchesTheGeneralStepBitForBit(hidden: Int) throws {
        try #require(!Self.kernelPaths.isEmpty, "no kernel path on this CPU")
        for net in try Self.startingPoints(hidden: hidden) {
            let general = Self.train(net, on: .general, epochs: 3_000, every: 700)
            for path in Self.kernelPaths {
                let kernel = Self.train(net, on: path, epochs: 3_000, every: 700)
                #expect(kernel.diverged == general.diverged)
                #expect(Fingerprint(kernel.net).firstDifference(from: Fingerprint(general.net)) == nil,
                        "\(path), hidden \(hidden)")
            }
        }
    }

    /// With a stop flag the kernel runs in slices of `stopCheckInterval` steps; one step at a
    /// time through `step()` it runs slices of one. Neither changes a bit.
    @Test func slicedRunsMatchTheGeneralStep() throws {
        var rng = SeededGenerator(seed: 5)
        let net = try XORNetwork(hidden: 3, rng: &rng)
        let general = Self.train(net, on: .general, epochs: 1_000, every: 1_000)
        for path in Self.kernelPaths {
            let flagged = Self.train(net, on: path, epochs: 1_000, every: 1_000, stop: StopFlag())
            #expect(Fingerprint(flagged.net).firstDifference(from: Fingerprint(general.net)) == nil)
            var stepped = net
            stepped.stepPath = path
            var generalStepped = net
            generalStepped.stepPath = .general
            for _ in 0..<50 {
                #expect(stepped.step().bitPattern == generalStepped.step().bitPattern)
            }
            #expect(stepped.w1 == generalStepped.w1 && stepped.b2 == generalStepped.b2)
        }
    }

    /// A planted NaN ends both runs after the same step, with the same error.
    @Test func divergenceStopsAtTheSameStep() throws {
        for hidden in 1...XORNetwork.kernelMaximumHidden {
            var net = try XORNetwork(hidden: hidden, numpySeed: 1)
            net.w2[hidden - 1] = .nan
            let general = Self.train(net, on: .general, epochs: 500, every: 100)
            #expect(general.diverged && general.net.epoch == 1)
            for path in Self.kernelPaths {
                let kernel = Self.train(net, on: path, epochs: 500, every: 100)
                #expect(kernel.diverged)
                #expect(Fingerprint(kernel.net).firstDifference(from: Fingerprint(general.net)) == nil)
            }
        }
    }

    /// The comparison above can fail: a change of one unit in the last place of the starting
    /// weights, or of the learning rate (so of every update's rounding), shows in a kernel run.
    @Test func aOneULPChangeShowsInTheFingerprint() throws {
        let net = try XORNetwork(hidden: 3, numpySeed: 11)
        for path in Self.kernelPaths {
            let reference = Fingerprint(Self.train(net, on: path, epochs: 2_000, every: 2_000).net)
            var nudgedWeights = net
            nudgedWeights.w1 = net.w1.map(\.nextUp)
            let weightsRun = Fingerprint(Self.train(nudgedWeights, on: path, epochs: 2_000, every: 2_000).net)
            #expect(weightsRun.firstDifference(from: reference) != nil)
            var nudgedRate = net
            nudgedRate.learningRate = net.learningRate.nextUp
            let rateRun = Fingerprint(Self.train(nudgedRate, on: path, epochs: 2_000, every: 2_000).net)
            #expect(rateRun.firstDifference(from: reference) != nil)
        }
    }

    /// Larger layers, and a process told to use no vector kernel, take the Swift step.
    @Test func pathChoice() throws {
        var rng = SeededGenerator(seed: 1)
        let five = try XORNetwork(hidden: 5, rng: &rng)
        let general = Self.train(five, on: .general, epochs: 200, every: 200)
        for path in Self.kernelPaths {
            let kernel = Fingerprint(Self.train(five, on: path, epochs: 200, every: 200).net)
            #expect(kernel.firstDifference(from: Fingerprint(general.net)) == nil)
        }
        #expect(XORStepPath.available.contains(XORStepPath.best))
        if GEMM.isa == .scalar { #expect(XORStepPath.best == .general) }
        #if os(Linux) && arch(x86_64)
        if GEMM.isa != .scalar { #expect(XORStepPath.best != .general) }
        #endif
    }
}
