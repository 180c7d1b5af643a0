import Foundation
import Testing
@testable import Runtime

/// `VectorExp.exp` returns exactly `exp`'s bits in every lane: the XOR network's losses and
/// weights, which goldens and lessons print, must not move by one ulp.
struct VectorExpTests {
    /// Lanes compared as bit patterns (so a NaN equals the same NaN and −0 differs from +0).
    static func bits(_ v: SIMD4<Double>) -> [UInt64] { (0..<4).map { v[$0].bitPattern } }

    @Test func everyLaneIsExpBitForBit() {
        var rng = SeededGenerator(seed: 11)
        // Magnitudes from 2^−60 to 2^10: the fast range, both its edges, and beyond them.
        for _ in 0..<50_000 {
            let x = SIMD4<Double>((0..<4).map { _ in
                let magnitude = Foundation.exp2(rng.uniform() * 70 - 60)
                return rng.uniform() < 0.5 ? -magnitude : magnitude
            })
            let expected = SIMD4(Foundation.exp(x[0]), Foundation.exp(x[1]), Foundation.exp(x[2]), Foundation.exp(x[3]))
            #expect(Self.bits(VectorExp.exp(x)) == Self.bits(expected), "x = \(x)")
        }
    }

    /// Sigmoid inputs of a training run (|z| up to ~40) and the values where rounding is
    /// closest to a tie are the ones that matter; edge values go through `exp` itself.
    @Test func edgesAndSpecialValues() {
        let values: [Double] = [0, -0.0, 1, -1, 0.5, 1e-300, 0x1p-54, -0x1p-54, 0x1.fffffffffffffp-55, 511.9, 512, -512,
                                709.78, 709.79, -745.2, -746, .infinity, -.infinity, .nan, .ulpOfOne, 40, -40, 0.6931471805599453]
        for i in stride(from: 0, to: values.count, by: 4) {
            var x = SIMD4<Double>(repeating: 0.25)
            for lane in 0..<min(4, values.count - i) { x[lane] = values[i + lane] }
            let expected = SIMD4(Foundation.exp(x[0]), Foundation.exp(x[1]), Foundation.exp(x[2]), Foundation.exp(x[3]))
            #expect(Self.bits(VectorExp.exp(x)) == Self.bits(expected), "x = \(x)")
        }
    }

    /// The vector computation itself, without the range check's fallback, on the sigmoid's
    /// inputs (so the tests above are not passing through `exp` on this machine).
    @Test(.enabled(if: VectorExp.fastPathAvailable, "glibc's algorithm is used on x86-64 Linux only"))
    func theVectorComputationIsExp() {
        var rng = SeededGenerator(seed: 12)
        for _ in 0..<50_000 {
            let x = SIMD4<Double>((0..<4).map { _ in (rng.uniform() - 0.5) * 80 })
            let expected = SIMD4(Foundation.exp(x[0]), Foundation.exp(x[1]), Foundation.exp(x[2]), Foundation.exp(x[3]))
            #expect(Self.bits(VectorExp.fastPath(x)) == Self.bits(expected), "x = \(x)")
        }
    }
}
