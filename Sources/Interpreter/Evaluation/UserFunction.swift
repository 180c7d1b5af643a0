/// A function written in nv: its compiled body and the frame it closes over.
public final class UserFunction {
    /// The declared name, or "anonymous".
    public let name: String
    public let parameterNames: [String]
    /// `parameterNames.count`, read on every call.
    let arity: Int
    /// Number of local slots a call needs (parameters first).
    let slotCount: Int
    /// The compiled body; a leaf, so a body of one `if` runs without a closure call.
    let body: Leaf
    /// The frame of the function that created this closure (nil at top level). Set to nil
    /// only by `releaseLocalClosures`, when nothing can call the function any more.
    @exclusivity(unchecked) var captured: Frame?
    let source: SourceText
    /// True when the body creates functions (`fn` inside it), which may hold the call's frame.
    let definesClosures: Bool
    /// Frames kept from calls that ended, linked through `FrameHeader.nextFree`, reused by the
    /// next calls: recursion such as fib then allocates no frame after the first descent.
    @exclusivity(unchecked) var freeFrames: Frame?
    @exclusivity(unchecked) var freeFrameCount = 0
    /// At most this many frames are kept per function (deep recursion does not pin memory).
    static let maxFreeFrames = 64
    /// Calls running on a reference borrowed from a global variable (see Borrowing.swift).
    @exclusivity(unchecked) var borrowedCalls = 0
    /// True while the function holds a reference to itself for those calls (see `pin`).
    @exclusivity(unchecked) var pinned = false

    init(name: String, parameterNames: [String], slotCount: Int, body: Leaf, captured: Frame?,
         source: SourceText, definesClosures: Bool = false) {
        self.name = name
        self.parameterNames = parameterNames
        self.arity = parameterNames.count
        self.slotCount = slotCount
        self.body = body
        self.captured = captured
        self.source = source
        self.definesClosures = definesClosures
    }

    deinit {
        // Unlink the free list iteratively (a long chain would otherwise recurse in deinit).
        var next = freeFrames.take()
        while let frame = next { next = frame.nextFree.take() }
    }
}

extension UserFunction {
    /// A frame with nil slots for a call: a free one when there is one. (A free frame's
    /// parent is already `captured`, which does not change while the function can be called.)
    @inline(__always)
    func makeFrame() -> Frame {
        if let frame = freeFrames.take() {
            setFreeFramesOverNil(frame.nextFree.take())
            freeFrameCount &-= 1
            return frame
        }
        return Frame.make(parent: captured, count: slotCount)
    }

    /// Ends a call's use of `frame`: breaks the cycles between it and closures the call
    /// defined, then clears it into the free list unless a closure created in the call still
    /// holds it.
    @inline(__always)
    func recycle(_ frame: consuming Frame) {
        // Only closures created in the call (and their frames) can hold the frame, so a
        // function that creates none skips the uniqueness check.
        if definesClosures {
            releaseLocalClosures(&frame)
            guard isKnownUniquelyReferenced(&frame) else { return }
        }
        guard freeFrameCount < UserFunction.maxFreeFrames else { return }
        let slots = frame.slots
        for slot in 0..<slotCount {
            (slots + slot).store(.null)
        }
        frame.initializeNextFree(freeFrames.take())
        setFreeFramesOverNil(consume frame)
        freeFrameCount &+= 1
    }

    /// Stores `freeFrames` just after it was taken (nil), without the release of the old
    /// value an assignment makes (see `Frame.initializeNextFree`).
    @inline(__always)
    private func setFreeFramesOverNil(_ frame: Frame?) {
        withUnsafeMutablePointer(to: &freeFrames) { $0.initialize(to: frame) }
    }

    /// A function defined in a call and stored in a local of that call (`fn helper() {...}`
    /// or `f = fn () {...}`) holds the call's frame, and the frame holds it: a reference cycle
    /// that would keep both alive forever. When the call ends and nothing else holds either
    /// (no closure escaped: not returned, not stored elsewhere), the cycle is garbage and is
    /// broken here. When one did escape, the frame must live on and is left alone.
    /// (Limit: closures stored inside a list or record in a local are not looked for.)
    func releaseLocalClosures(_ frame: inout Frame) {
        var held: [(slot: Int, function: UserFunction)] = []
        let slots = frame.slots
        for slot in 0..<frame.count {
            guard case .function(let function) = slots[slot], function.captured === frame else { continue }
            slots[slot] = .null
            held.append((slot, function))
        }
        if held.isEmpty { return }
        var unreachable = true
        for index in held.indices where !isKnownUniquelyReferenced(&held[index].function) { unreachable = false }
        if unreachable {
            for entry in held {
                entry.function.captured = nil
                // Its free frames have `frame` as their parent: drop them too.
                entry.function.freeFrames = nil
                entry.function.freeFrameCount = 0
            }
            if isKnownUniquelyReferenced(&frame) { return }
            for entry in held { entry.function.captured = frame }
        }
        for entry in held { slots[entry.slot] = .function(entry.function) }
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
