import Testing
@testable import Runtime

@Suite struct SeededGeneratorTests {
    @Test func sameSeedSameStream() {
        var a = SeededGenerator(seed: 42), b = SeededGenerator(seed: 42)
        #expect((0..<100).map { _ in a.next() } == (0..<100).map { _ in b.next() })
    }

    @Test func differentSeedsDiffer() {
        var a = SeededGenerator(seed: 1), b = SeededGenerator(seed: 2)
        #expect(a.next() != b.next())
    }

    @Test func normalHasUnitMomentsAndUniformStaysInRange() {
        var rng = SeededGenerator(seed: 7)
        let samples = (0..<100_000).map { _ in rng.normal() }
        let mean = samples.reduce(0, +) / Double(samples.count)
        let variance = samples.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(samples.count)
        #expect(abs(mean) < 0.02)
        #expect(abs(variance - 1) < 0.02)
        for _ in 0..<10_000 {
            let u = rng.uniform()
            #expect(u >= 0 && u < 1)
        }
    }
}
