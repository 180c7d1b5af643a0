import Testing
@testable import Runtime

/// An MLP's size is bounded (issue 10, crash 4: `[2] + 300 × [4096] + [1]` reached 3.5 GB and
/// aborted), and running it over many points takes memory by chunks, not by the whole set.
@Suite("MLP size limits")
struct MLPSizeLimitTests {
    @Test func deepNetworkIsRefusedWithItsSize() {
        var rng = SeededGenerator(seed: 1)
        let widths = [2] + Array(repeating: 4096, count: 300) + [1]
        #expect(runtimeMessage { _ = try MLP(layers: widths, rng: &rng) }
            == "layers [2, 4096, 4096, 4096, ... (296 more), 4096, 1] would have 5,017,628,673 parameters (20.1 GB of weights); the limit is 20,000,000 (80 MB)")
        #expect(runtimeMessage { _ = try MLP(layers: [2, 4096, 4096, 4096, 1], rng: &rng) }.contains("33,579,009 parameters (134 MB of weights)"))
        #expect(runtimeMessage { _ = try MLP(layers: [2, 4096, 4096, 1], rng: &rng) } == "(accepted)")
    }

    @Test func trainingBatchIsBounded() throws {
        var rng = SeededGenerator(seed: 1)
        let model = try MLP(layers: [2, 4096, 4096, 1], batchSize: 1_000_000, rng: &rng)
        #expect(runtimeMessage { try model.checkBudget(batch: 1_000_000) }
            == "the network would need 98.3 GB for activations at batch 1000000 (limit 4 GB); use a smaller batch")
        #expect(runtimeMessage { try model.checkBudget(batch: 200) } == "(accepted)")
    }

    /// 10,000 points go through in chunks of 4,096 rows; each row's output is computed on its
    /// own, so the chunked result is the one of any other split.
    @Test func manyPointsGoThroughInChunks() throws {
        var rng = SeededGenerator(seed: 3)
        let model = try MLP(layers: [2, 5, 3, 1], rng: &rng)
        let n = 10_000
        let points = (0..<(2 * n)).map { Float(($0 * 37) % 101) / 17 - 3 }
        let whole = model.predict(points: points)
        var pieces: [Float] = []
        for start in stride(from: 0, to: n, by: 1000) { pieces += model.predict(points: Array(points[(2 * start)..<(2 * (start + 1000))])) }
        #expect(whole == pieces)
        let labels = (0..<n).map { $0 % 2 }
        let data = try Dataset(points: points, labels: labels, name: "points")
        let halves = [data.subset(Array(0..<4000)), data.subset(Array(4000..<8000)), data.subset(Array(8000..<n))]
        let expected = halves.reduce(Float(0)) { $0 + model.loss(on: $1) * Float($1.count) } / Float(n)
        #expect(abs(model.loss(on: data) - expected) <= 1e-5 * abs(expected))
        let full = try model.layerOutputs(layer: 1, points: points)
        let pair = try model.layerOutputs(layer: 1, points: points, neurons: [2, 0])
        #expect(full.shape == [n, 3] && pair.shape == [n, 2])
        let second: [Float] = (0..<n).map { full.data[3 * $0 + 2] }
        let first: [Float] = (0..<n).map { full.data[3 * $0] }
        #expect(stride(from: 0, to: 2 * n, by: 2).map { pair.data[$0] } == second)
        #expect(stride(from: 1, to: 2 * n, by: 2).map { pair.data[$0] } == first)
    }
}
