/// The header of a frame: the defining function's frame (for closures), the slot count, and
/// the link of a function's free list.
struct FrameHeader {
    /// The defining function's frame.
    var parent: Frame?
    let count: Int
    /// For a frame in a function's free list (`UserFunction.freeFrames`), the next free one.
    var nextFree: Frame?
}

/// The local variables of one call of a user function: a fixed number of slots decided by the
/// resolver, stored inline after the header (one allocation per call, and none when a free
/// frame of the function is reused), and the frame of the function that defined it (for closures).
final class Frame: ManagedBuffer<FrameHeader, Value> {
    /// A frame of `count` slots, all nil.
    static func make(parent: Frame?, count: Int) -> Frame {
        let buffer = Frame.create(minimumCapacity: count) { _ in FrameHeader(parent: parent, count: count) }
        let frame = unsafeDowncast(buffer, to: Frame.self)
        frame.withUnsafeMutablePointerToElements { $0.initialize(repeating: .null, count: count) }
        return frame
    }

    deinit {
        // Values that hold further values (a closure chain through captured frames, nested
        // lists) are freed by a worklist, not by recursion (see ValueRelease).
        if ValueRelease.anyMayHoldValues(UnsafeBufferPointer(start: slots, count: count)) {
            var work: [Value] = []
            moveSlots(into: &work)
            ValueRelease.drain(&work)
        }
        _ = withUnsafeMutablePointers { header, slots in slots.deinitialize(count: header.pointee.count) }
    }

    var parent: Frame? { withUnsafeMutablePointerToHeader { $0.pointee.parent } }

    /// How many slots the frame has.
    var count: Int { withUnsafeMutablePointerToHeader { $0.pointee.count } }

    /// See `FrameHeader.nextFree`. Through the header pointer: `header` itself is a stored
    /// property with dynamic exclusivity checks, which cost more than the rest of a call.
    var nextFree: Frame? {
        @inline(__always) get { withUnsafeMutablePointerToHeader { $0.pointee.nextFree } }
        @inline(__always) set { withUnsafeMutablePointerToHeader { $0.pointee.nextFree = newValue } }
    }

    /// Sets `nextFree` when it is nil (a frame in use), storing over it without the release of
    /// the old value an assignment makes: a call of the runtime per call of a user function.
    @inline(__always)
    func initializeNextFree(_ next: Frame?) {
        withUnsafeMutablePointerToHeader { header in
            withUnsafeMutablePointer(to: &header.pointee.nextFree) { $0.initialize(to: next) }
        }
    }

    /// slots: [count]. Valid as long as the frame is alive.
    @inline(__always)
    var slots: UnsafeMutablePointer<Value> { withUnsafeMutablePointerToElements { $0 } }

    /// The frame `depth` levels up the chain of defining functions.
    @inline(__always)
    func ancestor(_ depth: Int) -> Frame {
        var frame = self
        for _ in 0..<depth { frame = frame.withUnsafeMutablePointerToHeader { $0.pointee.parent.unsafelyUnwrapped } }
        return frame
    }
}

/// A global variable. Compiled code holds the cell itself, so reading a global costs one load;
/// the cell outlives `reset()` for code compiled before it.
final class GlobalCell {
    let name: String
    /// nil until the variable is first assigned.
    var value: Value? {
        @inline(__always) _read { yield storage }
        @inline(__always) set {
            // A function whose calls borrowed it from here must outlive them (see Borrowing.swift).
            if case .function(let function)? = storage, function.borrowedCalls > 0, !function.pinned { function.pin() }
            if case .number? = storage {
                // A number owns nothing: stored over without the outlined destroy of the old value.
                withUnsafeMutablePointer(to: &storage) { $0.initialize(to: newValue) }
            } else {
                storage = newValue
            }
        }
    }
    @exclusivity(unchecked) private var storage: Value?

    /// The number the variable holds, read in place: `value` copies the whole value out first.
    @inline(__always)
    var number: Double? {
        withUnsafeMutablePointer(to: &storage) { storage in
            if case .number(let x)? = storage.pointee { return x }
            return nil
        }
    }

    init(name: String) { self.name = name }
}

extension UnsafeMutablePointer<Value> {
    /// Stores `value` in the slot. A number owns nothing, so one is stored over without the
    /// outlined call that destroys the old value (a loop's counter, `s = s + x`).
    @inline(__always)
    func store(_ value: Value) {
        if case .number = pointee { initialize(to: value) } else { pointee = value }
    }
}
