/// A function written in nv: its compiled body and the frame it closes over.
public final class UserFunction {
    /// The declared name, or "anonymous".
    public let name: String
    public let parameterNames: [String]
    /// Number of local slots a call needs (parameters first).
    let slotCount: Int
    let body: Code
    /// The frame of the function that created this closure (nil at top level).
    let captured: Frame?
    let source: SourceText

    init(name: String, parameterNames: [String], slotCount: Int, body: @escaping Code, captured: Frame?,
         source: SourceText) {
        self.name = name
        self.parameterNames = parameterNames
        self.slotCount = slotCount
        self.body = body
        self.captured = captured
        self.source = source
    }
}

/// Compiled code: evaluates one expression in a frame.
typealias Code = (Frame) throws(Unwind) -> Value
