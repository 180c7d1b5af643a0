/// Inverted dropout: while training, each value is kept with probability 1 − rate and scaled by
/// 1 / (1 − rate), so inference is the identity. The mask comes from the layer's own seeded
/// generator, so a run is reproducible.
///
/// Shapes: x, y, mask `[batch, ...]`. Backward: dx = dy · mask.
public struct DropoutLayer: ParameterFreeLayer {
    public let spec: CNNLayerSpec
    /// Fraction of values zeroed while training.
    public let rate: Float
    let width: Int
    private var rng: SeededGenerator
    /// 0 or 1 / (1 − rate) per value of the last training forward; empty after an inference one.
    private var mask: [Float] = []
    private var maskActive = false

    /// A dropout layer for per-sample input `inputShape`, drawing its masks from `seed`.
    public init(rate: Float, inputShape: [Int], seed: UInt64) {
        spec = .dropout(rate: rate)
        self.rate = rate
        width = inputShape.reduce(1, *)
        rng = SeededGenerator(seed: seed)
    }

    public mutating func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, batch: Int, training: Bool) {
        let count = batch * width
        maskActive = training && rate > 0
        guard maskActive else {
            y.update(from: x, count: count)
            return
        }
        if mask.count < count { mask = [Float](repeating: 0, count: count) }
        let keep = 1 / (1 - rate), p = Double(rate)
        for i in 0..<count { mask[i] = rng.uniform() < p ? 0 : keep }
        mask.withUnsafeBufferPointer { m in for i in 0..<count { y[i] = x[i] * m[i] } }
    }

    public mutating func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                                  dx: UnsafeMutablePointer<Float>?, batch: Int) {
        guard let dx else { return }
        let count = batch * width
        guard maskActive else {
            dx.update(from: dy, count: count)
            return
        }
        mask.withUnsafeBufferPointer { m in for i in 0..<count { dx[i] = dy[i] * m[i] } }
    }
}
