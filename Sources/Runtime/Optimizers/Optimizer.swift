/// A rule that turns gradients into parameter updates.
///
/// A model calls `step(_:)` once per mini-batch with its flat parameter list; the position of a
/// parameter in that list identifies its optimizer state (velocity, moments), so the list must
/// keep its order between calls. Any layer that exposes `Parameter`s (dense now, conv later)
/// is optimised the same way.
public protocol Optimizer: Sendable {
    /// A short description for summaries, e.g. "adam(lr: 0.001)".
    var description: String { get }
    /// The step size.
    var learningRate: Float { get set }
    /// Updates every parameter's `value` from its `gradient` (gradients are left as they are).
    mutating func step(_ parameters: inout [Parameter])
}

extension Optimizer {
    /// Calls `body` with each parameter's values, gradient and index, values writable.
    static func forEachBuffer(_ parameters: inout [Parameter],
                              _ body: (Int, UnsafeMutableBufferPointer<Float>, UnsafeBufferPointer<Float>) -> Void) {
        for p in parameters.indices {
            let gradient = parameters[p].gradient
            gradient.data.withUnsafeBufferPointer { g in
                parameters[p].value.data.withUnsafeMutableBufferPointer { v in body(p, v, g) }
            }
        }
    }

    /// Zero-filled state buffers shaped like each parameter.
    static func zeroState(like parameters: [Parameter]) -> [[Float]] {
        parameters.map { [Float](repeating: 0, count: $0.value.count) }
    }
}
