import Foundation

/// Adam over an `AttentionModel`'s flat parameter buffer, in place, eight lanes at a time.
///
/// PyTorch's rule (`torch.optim.Adam`, no weight decay): m ← β₁m + (1 − β₁)g,
/// v ← β₂v + (1 − β₂)g², θ ← θ − lr · (m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε).
public struct AttentionAdam: Sendable {
    public var learningRate: Float
    public var beta1: Float, beta2: Float, epsilon: Float
    /// Steps taken (t).
    public private(set) var steps = 0
    /// First and second moments `[total]` each.
    private var first: [Float] = [], second: [Float] = []

    /// PyTorch's defaults except the learning rate (3e-3 trains the tasks in seconds).
    public init(lr: Float = 3e-3, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8) {
        learningRate = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }

    /// Updates `model.values` from `model.gradients`.
    public mutating func step(_ model: inout AttentionModel) {
        let total = model.values.count
        if first.count != total {
            first = [Float](repeating: 0, count: total)
            second = first
            steps = 0
        }
        steps += 1
        let (lr, b1, b2, eps) = (learningRate, beta1, beta2, epsilon)
        // Divisions as PyTorch does them: m / c₁ and √(v) / √c₂.
        let c1 = 1 - Float(pow(Double(b1), Double(steps)))
        let rootC2 = Float((1 - pow(Double(b2), Double(steps))).squareRoot())
        let stepSize = lr / c1
        first.withUnsafeMutableBufferPointer { mb in
        second.withUnsafeMutableBufferPointer { sb in
        model.gradients.withUnsafeBufferPointer { gb in
        model.values.withUnsafeMutableBufferPointer { vb in
            let (m, s, g, v) = (mb.baseAddress!, sb.baseAddress!, gb.baseAddress!, vb.baseAddress!)
            let vectors = total / 8
            let (vb1, vb2, veps) = (SIMD8<Float>(repeating: b1), SIMD8<Float>(repeating: b2), SIMD8<Float>(repeating: eps))
            let (vstep, vroot) = (SIMD8<Float>(repeating: stepSize), SIMD8<Float>(repeating: 1 / rootC2))
            for q in 0..<vectors {
                let at = 8 &* q
                let grad = UnsafeRawPointer(g + at).loadUnaligned(as: SIMD8<Float>.self)
                let mk = vb1 * UnsafeRawPointer(m + at).loadUnaligned(as: SIMD8<Float>.self) + (1 - vb1) * grad
                let sk = vb2 * UnsafeRawPointer(s + at).loadUnaligned(as: SIMD8<Float>.self) + (1 - vb2) * grad * grad
                UnsafeMutableRawPointer(m + at).storeBytes(of: mk, as: SIMD8<Float>.self)
                UnsafeMutableRawPointer(s + at).storeBytes(of: sk, as: SIMD8<Float>.self)
                let value = UnsafeRawPointer(v + at).loadUnaligned(as: SIMD8<Float>.self)
                let denominator = AdamRule.squareRoot(sk) * vroot + veps
                UnsafeMutableRawPointer(v + at).storeBytes(of: value - vstep * mk / denominator, as: SIMD8<Float>.self)
            }
            for k in (8 * vectors)..<total {
                m[k] = b1 * m[k] + (1 - b1) * g[k]
                s[k] = b2 * s[k] + (1 - b2) * g[k] * g[k]
                let root = AdamRule.squareRoot(SIMD8<Float>(repeating: s[k]))[0]
                v[k] -= stepSize * m[k] / (root / rootC2 + eps)
            }
        }}}}
    }
}
