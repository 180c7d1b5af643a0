/// A function written in nv: its compiled body and the frame it closes over.
public final class UserFunction {
    /// The declared name, or "anonymous".
    public let name: String
    public let parameterNames: [String]
    /// `parameterNames.count`, read on every call.
    let arity: Int
    /// Number of local slots a call needs (parameters first).
    let slotCount: Int
    let body: Code
    /// The frame of the function that created this closure (nil at top level).
    let captured: Frame?
    let source: SourceText
    /// A frame kept from the last call that ended, reused by the next call (saves an
    /// allocation per call; recursion such as fib reuses it on almost every call).
    @exclusivity(unchecked) private(set) var spareFrame: Frame?

    init(name: String, parameterNames: [String], slotCount: Int, body: @escaping Code, captured: Frame?,
         source: SourceText) {
        self.name = name
        self.parameterNames = parameterNames
        self.arity = parameterNames.count
        self.slotCount = slotCount
        self.body = body
        self.captured = captured
        self.source = source
    }
}

extension UserFunction {
    /// A frame with nil slots for a call: the spare one when there is one.
    @inline(__always)
    func makeFrame() -> Frame {
        if let frame = spareFrame.take() {
            frame.header.parent = captured
            return frame
        }
        return Frame.make(parent: captured, count: slotCount)
    }

    /// Keeps `frame` as the spare after its call, unless a closure created in the call holds it.
    @inline(__always)
    func recycle(_ frame: inout Frame) {
        guard spareFrame == nil, isKnownUniquelyReferenced(&frame) else { return }
        for slot in 0..<slotCount { frame.slots[slot] = .null }
        frame.header.parent = nil
        spareFrame = frame
    }
}

/// Compiled code: evaluates one expression in a frame.
typealias Code = (Frame) throws(Unwind) -> Value

/// Compiled code kept in an array. Arrays store closures in their most general form, and
/// every call through such an element goes through a conversion thunk; a struct field keeps
/// the closure's own calling convention, so hot paths pull `run` out of this wrapper.
struct Compiled {
    let run: Code
}
