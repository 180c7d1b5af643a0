import Synchronization

/// Hands out numbered pieces of work (trees to grow, blocks of rows to vote on) to the two
/// cores, each number once, in increasing order. A core that is held up (the machine is shared)
/// simply takes fewer pieces; what each piece computes does not depend on who takes it.
/// Public so Plots can share a figure's panels between the cores the same way.
public final class WorkTicket: Sendable {
    private let next = Atomic<Int>(0)

    /// A ticket whose first number is 0.
    public init() {}

    /// The next number not yet taken.
    public func take() -> Int { next.add(1, ordering: .relaxed).oldValue }
}
