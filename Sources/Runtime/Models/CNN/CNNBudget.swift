/// What a CNN would cost before anything is allocated: its parameters and the memory its
/// buffers take while training at a batch size, and the limits every network is held to,
/// whichever way its layer list arrives (the language's `cnn(...)`, a config file, the config in
/// a checkpoint's `__metadata__`). `CNNLayerSpec.inferShapes` applies them, so no network that
/// passes shape inference can exhaust memory or overflow a size.
///
/// Sizes are counted in `Double`: the ones worth refusing are too large for `Int`.
public struct CNNBudget: Sendable, Equatable {
    /// The most trainable values a network may have: 400 MB of weights, about 2.8 GB with their
    /// gradients, Adam's two moments and the second core's replica.
    public static let maximumParameters = 100_000_000
    /// The most bytes the activation, gradient and scratch buffers of a training step may take.
    public static let maximumActivationBytes = 4e9

    /// Trainable values.
    public let parameters: Double
    /// Bytes of the buffers of one training step at `batch` (see `activationFloats`).
    public let activationBytes: Double
    /// The batch size the activations are counted for.
    public let batch: Int

    /// The budget of `specs` on per-sample input `input`, whose layers output `shapes`.
    public init(_ specs: [CNNLayerSpec], input: [Int], shapes: [[Int]], classes: Int, batch: Int) {
        var parameters = 0.0
        var scratch = 0.0   // per-sample floats the layers keep for themselves
        var shape = input
        for (spec, out) in zip(specs, shapes) {
            let outCount = Self.count(out)
            switch spec {
            case let .conv(_, k, _, _):
                // W [OC, C·k·k] and b [OC]; columns and their gradients [C·k·k, OH·OW] per image,
                // and the product [OC, OH·OW].
                let rows = Double(shape[0]) * Double(k) * Double(k), columns = Double(out[1]) * Double(out[2])
                parameters += Double(out[0]) * rows + Double(out[0])
                scratch += 2 * rows * columns + outCount
            case let .dense(n):
                parameters += Self.count(shape) * Double(n) + Double(n)
                scratch += outCount            // dyᵀ [out, batch]
            case .maxpool, .dropout:
                scratch += outCount            // argmax offsets (4 bytes each) or the mask
            default:
                break
            }
            shape = out
        }
        self.parameters = parameters
        self.batch = batch
        let sizes = [Self.count(input)] + shapes.map(Self.count)
        // The workspace: every layer's activations, two gradient buffers of the largest, and
        // the probabilities.
        let workspace = sizes.reduce(0, +) + 2 * (sizes.max() ?? 0) + Double(classes)
        // A split batch runs its second half on a replica with a workspace of its own; each
        // network's layers then hold scratch for its half.
        let replica = batch >= 2 * CNN.minimumShard ? Double(batch - batch / 2) : 0
        activationBytes = 4 * (workspace * (Double(batch) + replica) + scratch * Double(batch))
    }

    /// The number of values of a per-sample shape.
    static func count(_ shape: [Int]) -> Double { shape.reduce(1.0) { $0 * Double($1) } }

    /// Throws when the network exceeds a limit, saying by how much.
    /// - Throws: `RuntimeError` giving the parameters or the memory and the limit.
    public func check() throws {
        if parameters > Double(Self.maximumParameters) {
            throw RuntimeError("the network would have \(SizeText.count(parameters)) parameters (\(SizeText.bytes(4 * parameters)) of weights); the limit is \(SizeText.count(Double(Self.maximumParameters))) (\(SizeText.bytes(4 * Double(Self.maximumParameters))))")
        }
        if activationBytes > Self.maximumActivationBytes {
            throw RuntimeError("the network would need \(SizeText.bytes(activationBytes)) for activations at batch \(batch) (limit \(SizeText.bytes(Self.maximumActivationBytes))); use smaller images, fewer channels or a smaller batch")
        }
    }

    /// The error for one per-sample shape (the input or a layer's output) that alone takes more
    /// than the activation limit at `batch`, or nil when it fits. Checked as shapes are
    /// inferred, so the next layer's size arithmetic cannot overflow.
    static func oversized(_ shape: [Int], batch: Int, what: String) -> RuntimeError? {
        let bytes = 4 * count(shape) * Double(batch)
        guard bytes > maximumActivationBytes else { return nil }
        return RuntimeError("\(what) \(shape) would need \(SizeText.bytes(bytes)) for activations at batch \(batch) (limit \(SizeText.bytes(maximumActivationBytes)))")
    }
}
