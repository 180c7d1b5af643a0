import Synchronization

/// A flag that one side raises (the user pressed q or Ctrl-C) and long-running work polls
/// between steps, so it can stop cleanly at a step boundary. Safe to raise from a signal handler.
public final class StopFlag: Sendable {
    private let raised = Atomic<Bool>(false)

    public init() {}

    /// Asks the work to stop at its next check.
    public func raise() { raised.store(true, ordering: .relaxed) }
    /// Clears the flag before new work starts.
    public func clear() { raised.store(false, ordering: .relaxed) }
    /// True once `raise()` was called and not cleared since.
    public var isRaised: Bool { raised.load(ordering: .relaxed) }
}
