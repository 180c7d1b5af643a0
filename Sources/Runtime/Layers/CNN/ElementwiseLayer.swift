import Foundation

/// Layers that act on each value alone: relu, sigmoid, tanh, and flatten (a copy: the NCHW
/// buffer already is C, H, W order per sample).
///
/// Backward uses the forward output y: relu′ = [y > 0], σ′ = y(1 − y), tanh′ = 1 − y².
public struct ElementwiseLayer: ParameterFreeLayer {
    public let spec: CNNLayerSpec
    /// Values per sample.
    let width: Int

    /// A layer for per-sample input `inputShape`; `spec` must be relu, sigmoid, tanh or flatten.
    public init(_ spec: CNNLayerSpec, inputShape: [Int]) {
        self.spec = spec
        width = inputShape.reduce(1, *)
    }

    public mutating func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, batch: Int, training: Bool) {
        let count = batch * width
        switch spec {
        case .relu:
            let vectors = count / 8
            for v in 0..<vectors {
                let a = UnsafeRawPointer(x + 8 &* v).loadUnaligned(as: SIMD8<Float>.self)
                UnsafeMutableRawPointer(y + 8 &* v).storeBytes(of: a.replacing(with: 0, where: a .< 0), as: SIMD8<Float>.self)
            }
            for i in (8 * vectors)..<count { y[i] = max(x[i], 0) }
        case .sigmoid: for i in 0..<count { y[i] = 1 / (1 + exp(-x[i])) }
        case .tanh: for i in 0..<count { y[i] = tanh(x[i]) }
        default: y.update(from: x, count: count)
        }
    }

    public mutating func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                                  dx: UnsafeMutablePointer<Float>?, batch: Int) {
        guard let dx else { return }
        let count = batch * width
        switch spec {
        case .relu:
            let vectors = count / 8
            for v in 0..<vectors {
                let o = UnsafeRawPointer(y + 8 &* v).loadUnaligned(as: SIMD8<Float>.self)
                let g = UnsafeRawPointer(dy + 8 &* v).loadUnaligned(as: SIMD8<Float>.self)
                UnsafeMutableRawPointer(dx + 8 &* v).storeBytes(of: g.replacing(with: 0, where: o .<= 0), as: SIMD8<Float>.self)
            }
            for i in (8 * vectors)..<count { dx[i] = y[i] > 0 ? dy[i] : 0 }
        case .sigmoid: for i in 0..<count { dx[i] = dy[i] * y[i] * (1 - y[i]) }
        case .tanh: for i in 0..<count { dx[i] = dy[i] * (1 - y[i] * y[i]) }
        default: dx.update(from: dy, count: count)
        }
    }
}
