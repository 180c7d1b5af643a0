import Synchronization

/// Hands out numbered pieces of work (trees to grow, blocks of rows to vote on) to the two
/// cores, each number once, in increasing order. A core that is held up (the machine is shared)
/// simply takes fewer pieces; what each piece computes does not depend on who takes it.
final class WorkTicket: Sendable {
    private let next = Atomic<Int>(0)

    /// The next number not yet taken.
    func take() -> Int { next.add(1, ordering: .relaxed).oldValue }
}
