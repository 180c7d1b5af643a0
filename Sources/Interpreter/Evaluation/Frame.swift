/// The header of a frame: the defining function's frame (for closures) and the slot count.
struct FrameHeader {
    /// The defining function's frame; for a frame in `Machine`'s free list, the next free one.
    var parent: Frame?
    let count: Int
}

/// The local variables of one call of a user function: a fixed number of slots decided by the
/// resolver, stored inline after the header (one allocation per call), and the frame of the
/// function that defined it (for closures).
final class Frame: ManagedBuffer<FrameHeader, Value> {
    /// A frame of `count` slots, all nil.
    static func make(parent: Frame?, count: Int) -> Frame {
        let buffer = Frame.create(minimumCapacity: count) { _ in FrameHeader(parent: parent, count: count) }
        let frame = unsafeDowncast(buffer, to: Frame.self)
        frame.withUnsafeMutablePointerToElements { $0.initialize(repeating: .null, count: count) }
        return frame
    }

    deinit {
        _ = withUnsafeMutablePointers { header, slots in slots.deinitialize(count: header.pointee.count) }
    }

    var parent: Frame? { header.parent }

    /// slots: [count]. Valid as long as the frame is alive.
    @inline(__always)
    var slots: UnsafeMutablePointer<Value> { withUnsafeMutablePointerToElements { $0 } }

    /// The frame `depth` levels up the chain of defining functions.
    @inline(__always)
    func ancestor(_ depth: Int) -> Frame {
        var frame = self
        for _ in 0..<depth { frame = frame.header.parent.unsafelyUnwrapped }
        return frame
    }
}

/// A global variable. Compiled code holds the cell itself, so reading a global costs one load;
/// the cell outlives `reset()` for code compiled before it.
final class GlobalCell {
    let name: String
    /// nil until the variable is first assigned.
    @exclusivity(unchecked) var value: Value?

    init(name: String) { self.name = name }
}
