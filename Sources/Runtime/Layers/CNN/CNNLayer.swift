/// A layer of a CNN working on raw buffers that the network preallocates, so a training step
/// allocates nothing.
///
/// Buffers are batch-major and contiguous: the input `x` holds `batch × inputShape` values, the
/// output `y` `batch × outputShape`. `forward` may keep per-batch state (max-pool positions,
/// dropout masks, im2col columns) for the `backward` that follows it. `backward` *adds* the
/// parameter gradients into `parameters[k].gradient` and writes ∂L/∂x into `dx` (skipped when
/// `dx` is nil, for the first layer).
public protocol CNNLayer: Sendable {
    /// The description this layer was built from.
    var spec: CNNLayerSpec { get }
    /// Trainable buffers in PyTorch's order (weight, then bias); empty for the others.
    var parameters: [Parameter] { get set }
    /// Number of entries in `parameters`.
    var parameterCount: Int { get }
    /// Runs `body` with the values and the gradient of parameter `index` as writable buffers,
    /// without copying them (for the optimizer and gradient norms).
    mutating func withParameter<R>(_ index: Int, _ body: (UnsafeMutableBufferPointer<Float>, UnsafeMutableBufferPointer<Float>) -> R) -> R
    /// Computes `y` from `x` for `batch` samples; `training` turns dropout on.
    mutating func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, batch: Int, training: Bool)
    /// Back-propagates ∂L/∂y (`dy`) for the last `forward`; `x` and `y` are that call's buffers.
    mutating func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                           dx: UnsafeMutablePointer<Float>?, batch: Int)
}

extension CNNLayer {
    /// Runs `forward` on a tensor `[batch, ...inputShape]`, for tests and one-off use.
    public mutating func forward(_ input: Tensor, outputShape: [Int], training: Bool = false) -> Tensor {
        let batch = input.shape[0]
        var out = Tensor(shape: [batch] + outputShape)
        input.data.withUnsafeBufferPointer { x in
            out.data.withUnsafeMutableBufferPointer { y in
                forward(x.baseAddress!, y.baseAddress!, batch: batch, training: training)
            }
        }
        return out
    }

    /// Runs `backward` on tensors, returning ∂L/∂x, for tests and one-off use.
    public mutating func backward(input: Tensor, output: Tensor, outputGradient: Tensor) -> Tensor {
        var dx = Tensor(shape: input.shape)
        input.data.withUnsafeBufferPointer { x in
        output.data.withUnsafeBufferPointer { y in
        outputGradient.data.withUnsafeBufferPointer { dy in
        dx.data.withUnsafeMutableBufferPointer { d in
            backward(x: x.baseAddress!, y: y.baseAddress!, dy: dy.baseAddress!, dx: d.baseAddress!, batch: input.shape[0])
        }}}}
        return dx
    }
}

/// A CNN layer without trainable parameters.
public protocol ParameterFreeLayer: CNNLayer {}

extension ParameterFreeLayer {
    public var parameters: [Parameter] {
        get { [] }
        set {}
    }
    public var parameterCount: Int { 0 }
    public mutating func withParameter<R>(_ index: Int, _ body: (UnsafeMutableBufferPointer<Float>, UnsafeMutableBufferPointer<Float>) -> R) -> R {
        var none: [Float] = []
        var noGradient: [Float] = []
        return none.withUnsafeMutableBufferPointer { v in noGradient.withUnsafeMutableBufferPointer { g in body(v, g) } }
    }
}

/// A shared empty tensor to swap into a parameter slot while its buffers are borrowed
/// (copying it costs no allocation).
let emptyTensor = Tensor(shape: [0])

/// Glorot (Xavier) normal values N(0, 2 / (fanIn + fanOut)), the original project's initialiser.
func glorotNormal(count: Int, fanIn: Int, fanOut: Int, rng: inout SeededGenerator) -> [Float] {
    let std = (2 / Double(fanIn + fanOut)).squareRoot()
    return (0..<count).map { _ in Float(rng.normal() * std) }
}
