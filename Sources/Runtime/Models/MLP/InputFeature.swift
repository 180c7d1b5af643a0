import Foundation

/// A feature computed from a 2D point (x, y) and fed to the first layer, as TensorFlow
/// Playground offers them.
public enum InputFeature: String, Sendable, CaseIterable, Codable {
    case x, y
    case xSquared = "x2"
    case ySquared = "y2"
    case xTimesY = "xy"
    case sinX = "sinx"
    case sinY = "siny"
    case cosX = "cosx"
    case cosY = "cosy"

    /// The feature's value at (x, y).
    public func value(x: Float, y: Float) -> Float {
        switch self {
        case .x: x
        case .y: y
        case .xSquared: x * x
        case .ySquared: y * y
        case .xTimesY: x * y
        case .sinX: sin(x)
        case .sinY: sin(y)
        case .cosX: cos(x)
        case .cosY: cos(y)
        }
    }

    /// The features of `points` `[n, 2]` row-major as a tensor `[n, features.count]`.
    public static func matrix(_ features: [InputFeature], points: [Float]) -> Tensor {
        let n = points.count / 2, f = features.count
        var data = [Float](repeating: 0, count: n * f)
        for r in 0..<n {
            for (k, feature) in features.enumerated() {
                data[r * f + k] = feature.value(x: points[2 * r], y: points[2 * r + 1])
            }
        }
        return Tensor(shape: [n, f], data: data)
    }
}

/// A penalty on the dense weights (never the biases), added to the loss's gradient.
public enum Regularization: Sendable, Equatable {
    case none
    /// rate · Σ|w|; gradient rate · sign(w) (zero at w = 0).
    case l1(rate: Float)
    /// rate · ½ Σ w²; gradient rate · w.
    case l2(rate: Float)

    /// The penalty of one weight buffer.
    public func penalty(_ weights: [Float]) -> Float {
        switch self {
        case .none: 0
        case .l1(let rate): rate * weights.reduce(0) { $0 + abs($1) }
        case .l2(let rate): rate * 0.5 * weights.reduce(0) { $0 + $1 * $1 }
        }
    }

    /// Adds the penalty's gradient to `gradient` for `weights` (same count).
    public func addGradient(weights: [Float], to gradient: inout [Float]) {
        switch self {
        case .none: return
        case .l1(let rate):
            for k in weights.indices where weights[k] != 0 { gradient[k] += weights[k] > 0 ? rate : -rate }
        case .l2(let rate):
            for k in weights.indices { gradient[k] += rate * weights[k] }
        }
    }
}
