@testable import Runtime

/// Central finite differences for gradient checks, in Double around Float parameters.
enum GradientCheck {
    /// The numerical gradient of `f` at `x`, perturbing each value by ±`epsilon`.
    static func numerical(_ x: [Float], epsilon: Float = 1e-2, _ f: ([Float]) -> Float) -> [Float] {
        var grad = [Float](repeating: 0, count: x.count)
        for k in x.indices {
            var plus = x, minus = x
            plus[k] += epsilon
            minus[k] -= epsilon
            grad[k] = (f(plus) - f(minus)) / (2 * epsilon)
        }
        return grad
    }

    /// The numerical gradient of a Double function (the XOR network's type).
    static func numerical(_ x: [Double], epsilon: Double = 1e-5, _ f: ([Double]) -> Double) -> [Double] {
        var grad = [Double](repeating: 0, count: x.count)
        for k in x.indices {
            var plus = x, minus = x
            plus[k] += epsilon
            minus[k] -= epsilon
            grad[k] = (f(plus) - f(minus)) / (2 * epsilon)
        }
        return grad
    }

    /// `maxError` for Double values.
    static func maxError(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).map { abs($0 - $1) / max(1, abs($0), abs($1)) }.max() ?? 0
    }

    /// Largest |a − b| / max(1, |a|, |b|) over the pairs: relative for large values,
    /// absolute for small ones.
    static func maxError(_ a: [Float], _ b: [Float]) -> Float {
        zip(a, b).map { abs($0 - $1) / max(1, abs($0), abs($1)) }.max() ?? 0
    }

    /// Values drawn from a standard normal.
    static func normal(_ count: Int, rng: inout SeededGenerator) -> [Float] {
        (0..<count).map { _ in Float(rng.normal()) }
    }
}
