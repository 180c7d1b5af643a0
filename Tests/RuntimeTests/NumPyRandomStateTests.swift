import Testing
@testable import Runtime

/// Reference values printed by NumPy 2.4.6 (legacy global generator):
/// `np.random.seed(1); np.random.randn(2, 3); np.random.randn(3, 1)`, and so on.
@Suite struct NumPyRandomStateTests {
    @Test func randomSampleMatchesNumPy() {
        var numpy = NumPyRandomState(seed: 0)
        #expect(numpy.nextDouble() == 0.5488135039273248)
        #expect(numpy.nextDouble() == 0.7151893663724195)
    }

    @Test func xorInitialisationMatchesNumPy() throws {
        let net = try XORNetwork(hidden: 3, numpySeed: 1)
        let w1: [Double] = [1.6243453636632417, -0.6117564136500754, -0.5281717522634557,
                            -1.0729686221561705, 0.8654076293246785, -2.3015386968802827]
        let w2: [Double] = [1.74481176421648, -0.7612069008951028, 0.31903909605709857]
        #expect(zip(net.w1, w1).allSatisfy { abs($0 - $1) <= 1e-15 * max(1, abs($1)) })
        #expect(zip(net.w2, w2).allSatisfy { abs($0 - $1) <= 1e-15 * max(1, abs($1)) })
        #expect(net.b1 == [0, 0, 0] && net.b2 == 0)
    }

    @Test func largestSeedMatchesNumPy() {
        var numpy = NumPyRandomState(seed: 4_294_967_295)
        let expected = [0.6484086742306527, 0.6693235306338161, -1.0805437227474493]
        for value in expected { #expect(abs(numpy.gauss() - value) <= 1e-15) }
    }
}

/// nv's XOR maths against the original's, run for run: from the weights NumPy draws after
/// `np.random.seed(7)`, 2000 epochs must end at the outputs `tools/reference/xor_numpy.py`'s
/// `train(h, 7, epochs=2000)` prints.
@Suite struct XORMatchesNumPyTests {
    @Test(arguments: [
        (2, [0.5164669654407797, 0.5272239965153961, 0.4733624790578966, 0.48022119269279295]),
        (3, [0.41349609149540384, 0.5241393969356377, 0.5216432268193208, 0.5633127150905126]),
    ])
    func twoThousandEpochsEndWhereNumPyEnds(hidden: Int, numpyOutputs: [Double]) throws {
        var net = try XORNetwork(hidden: hidden, numpySeed: 7)
        try net.train(epochs: 2_000, every: 2_000)
        for (nv, numpy) in zip(net.forward().outputs, numpyOutputs) {
            #expect(abs(nv - numpy) < 1e-12, "nv \(nv), numpy \(numpy)")
        }
    }
}
