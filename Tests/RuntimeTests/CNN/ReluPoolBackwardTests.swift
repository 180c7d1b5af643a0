import Testing
@testable import Runtime

/// `Pool2D.backwardThroughRelu` (the training step's one pass for relu then max pool) against
/// the two backward passes it replaces, bit for bit: values rounded to a coarse grid so windows
/// hold ties, zeros and all-negative windows, gradients with −0 among them, odd sizes that leave
/// rows and columns outside every window, and rows too short for the four-window vectors.
@Suite("Relu + max pool backward")
struct ReluPoolBackwardTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let input: [Int]
        let size: Int
        var testDescription: String { "maxpool \(size) on \(input)" }
    }

    static let cases: [Case] = [
        Case(input: [8, 26, 26], size: 2), Case(input: [16, 11, 11], size: 2), Case(input: [3, 4, 4], size: 2),
        Case(input: [2, 12, 12], size: 2), Case(input: [2, 9, 17], size: 2), Case(input: [2, 10, 8], size: 3),
    ]

    @Test(arguments: cases)
    func sameBitsAsTwoPasses(_ c: Case) {
        var rng = SeededGenerator(seed: 7)
        let batch = 3, count = batch * c.input.reduce(1, *)
        var relu = ElementwiseLayer(.relu, inputShape: c.input)
        var pool = Pool2D(max: true, size: c.size, stride: c.size, inputShape: c.input)
        #expect(pool.fusesReluBackward)
        let outCount = batch * c.input[0] * pool.outHeight * pool.outWidth
        let x = (0..<count).map { _ in Float((rng.normal() * 2).rounded()) / 2 }        // x: [batch, C, H, W]
        let dy = (0..<outCount).map { i in i % 7 == 0 ? -0.0 : Float(rng.normal()) }    // dy: [batch, C, OH, OW]
        var r = [Float](repeating: 0, count: count), y = [Float](repeating: 0, count: outCount)
        var poolGradient = [Float](repeating: .nan, count: count), twoPasses = [Float](repeating: .nan, count: count)
        var fused = [Float](repeating: .nan, count: count)
        x.withUnsafeBufferPointer { xp in r.withUnsafeMutableBufferPointer { rp in y.withUnsafeMutableBufferPointer { yp in
            relu.forward(xp.baseAddress!, rp.baseAddress!, batch: batch, training: true)
            pool.forward(UnsafePointer(rp.baseAddress!), yp.baseAddress!, batch: batch, training: true)
        }}}
        poolGradient.withUnsafeMutableBufferPointer { g in
            pool.backward(x: r, y: y, dy: dy, dx: g.baseAddress!, batch: batch)
        }
        twoPasses.withUnsafeMutableBufferPointer { d in
            relu.backward(x: x, y: r, dy: poolGradient, dx: d.baseAddress!, batch: batch)
        }
        fused.withUnsafeMutableBufferPointer { d in
            pool.backwardThroughRelu(y: y, dy: dy, dx: d.baseAddress!, batch: batch)
        }
        #expect(fused.map(\.bitPattern) == twoPasses.map(\.bitPattern))
        #expect(twoPasses.contains { $0 != 0 } && twoPasses.contains { $0 == 0 })
    }
}
