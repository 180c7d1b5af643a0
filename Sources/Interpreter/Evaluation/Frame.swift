/// The local variables of one call of a user function: a fixed number of slots decided by the
/// resolver, and the frame of the function that defined it (for closures).
final class Frame {
    let parent: Frame?
    /// slots: [slotCount], initialised to nil.
    let slots: UnsafeMutablePointer<Value>
    let count: Int

    init(parent: Frame?, count: Int) {
        self.parent = parent
        self.count = count
        slots = .allocate(capacity: max(count, 1))
        slots.initialize(repeating: .null, count: count)
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    /// The frame `depth` levels up the chain of defining functions.
    @inline(__always)
    func ancestor(_ depth: Int) -> Frame {
        var frame = self
        for _ in 0..<depth { frame = frame.parent.unsafelyUnwrapped }
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
