import Foundation

/// A fully connected layer y = x Wᵀ + b, with PyTorch's `nn.Linear` layout.
///
/// Shapes: x `[batch, in]`, W `[out, in]`, b `[out]`, y `[batch, out]`.
public struct Dense: Layer {
    public var torchName: String { "Linear" }
    /// Input features.
    public let inputs: Int
    /// Output features.
    public let outputs: Int
    public var parameters: [Parameter]
    /// The last forward input `[batch, in]`, kept for the weight gradient.
    private var cachedInput = Tensor(shape: [0, 0])

    /// A layer with Glorot-uniform weights U(±√(6 / (in + out))) and zero biases — a good start
    /// for tanh and sigmoid, and fine for ReLU at these small sizes.
    public init(inputs: Int, outputs: Int, rng: inout SeededGenerator) {
        let limit = (6 / Double(inputs + outputs)).squareRoot()
        let w = (0..<(inputs * outputs)).map { _ in Float((rng.uniform() * 2 - 1) * limit) }
        self.init(weight: Tensor(shape: [outputs, inputs], data: w), bias: Tensor(shape: [outputs]))
    }

    /// A layer with the given weight `[out, in]` and bias `[out]`.
    public init(weight: Tensor, bias: Tensor) {
        precondition(weight.rank == 2 && bias.shape == [weight.shape[0]], "Dense: weight \(weight.shape) and bias \(bias.shape) disagree")
        inputs = weight.shape[1]
        outputs = weight.shape[0]
        parameters = [Parameter(name: "weight", value: weight), Parameter(name: "bias", value: bias)]
    }

    /// The weight `[out, in]`.
    public var weight: Tensor { parameters[0].value }
    /// The bias `[out]`.
    public var bias: Tensor { parameters[1].value }

    public func outputShape(for inputShape: [Int]) throws -> [Int] {
        guard inputShape == [inputs] else {
            throw RuntimeError("dense(\(outputs)): expects \(inputs) input features, got shape \(inputShape)")
        }
        return [outputs]
    }

    public func infer(_ input: Tensor) -> Tensor {
        let batch = input.shape[0], n = inputs, m = outputs
        var out = Tensor(shape: [batch, m])
        input.data.withUnsafeBufferPointer { x in          // x: [batch, in]
        parameters[0].value.data.withUnsafeBufferPointer { w in   // w: [out, in]
        parameters[1].value.data.withUnsafeBufferPointer { b in   // b: [out]
        out.data.withUnsafeMutableBufferPointer { y in       // y: [batch, out]
            for r in 0..<batch {
                for o in 0..<m {
                    var s = b[o]
                    for i in 0..<n { s += x[r * n + i] * w[o * n + i] }
                    y[r * m + o] = s
                }
            }
        }}}}
        return out
    }

    public mutating func forward(_ input: Tensor) -> Tensor {
        cachedInput = input
        return infer(input)
    }

    public mutating func backward(_ outputGradient: Tensor) -> Tensor {
        let batch = cachedInput.shape[0], n = inputs, m = outputs
        var inputGradient = Tensor(shape: [batch, n])
        // Move the gradient buffers out so that they are uniquely referenced while written.
        var weightGradient = Tensor(shape: [0]), biasGradient = Tensor(shape: [0])
        swap(&weightGradient, &parameters[0].gradient)
        swap(&biasGradient, &parameters[1].gradient)
        defer {
            swap(&weightGradient, &parameters[0].gradient)
            swap(&biasGradient, &parameters[1].gradient)
        }
        let weightValue = parameters[0].value
        cachedInput.data.withUnsafeBufferPointer { x in          // x: [batch, in]
        outputGradient.data.withUnsafeBufferPointer { dy in      // dy: [batch, out]
        inputGradient.data.withUnsafeMutableBufferPointer { dx in // dx: [batch, in]
        weightValue.data.withUnsafeBufferPointer { w in           // w: [out, in]
        weightGradient.data.withUnsafeMutableBufferPointer { dw in // dw: [out, in]
        biasGradient.data.withUnsafeMutableBufferPointer { db in  // db: [out]
            for r in 0..<batch {
                for o in 0..<m {
                    let g = dy[r * m + o]
                    db[o] += g                                    // db = Σ_batch dy
                    for i in 0..<n {
                        dw[o * n + i] += g * x[r * n + i]         // dW = dyᵀ x
                        dx[r * n + i] += g * w[o * n + i]         // dx = dy W
                    }
                }
            }
        }}}}}}
        return inputGradient
    }
}
