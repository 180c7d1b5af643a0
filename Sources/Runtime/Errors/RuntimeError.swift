/// An error from the Runtime module: bad arguments, malformed files, numbers that went wrong.
///
/// The message is complete and meant for the user ("CSV points.csv line 4: expected 3 columns
/// (x, y, label), got 2"); the Interpreter wraps it with a source span.
public struct RuntimeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A full sentence naming what was wrong and where.
    public var message: String

    /// Creates an error with a complete message.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

extension RuntimeError {
    /// The error for a training run whose loss or weights stopped being finite numbers.
    static func diverged(loss: Float, epoch: Int, learningRate: Float) -> RuntimeError {
        let what = loss.isNaN ? "the loss became NaN" : loss.isInfinite ? "the loss became infinite" : "the weights overflowed"
        return RuntimeError("\(what) at epoch \(epoch); the learning rate \(learningRate) may be too large, or a weight is not a number")
    }
}
