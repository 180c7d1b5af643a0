import Foundation
import Synchronization

/// What Ctrl-Z did to the process: how long it stood stopped (from the stop to `fg`) and how
/// many times it was resumed.
///
/// Training's clock leaves the stopped time out (its elapsed time and epochs/s would otherwise
/// count minutes the user spent at the shell), and a live display that sees a new resume draws
/// its next frame below what the shell printed meanwhile. The terminal side records the
/// signals; every method is async-signal-safe (atomics and `clock_gettime`). Touch `shared`
/// once before installing a handler that uses it, so no handler runs its lazy initialisation.
public final class Suspension: Sendable {
    /// The process's record.
    public static let shared = Suspension()

    /// Monotonic nanoseconds when the process stopped, 0 while it runs.
    private let stoppedAt = Atomic<Int64>(0)
    private let stoppedTotal = Atomic<Int64>(0)
    private let resumeCount = Atomic<Int>(0)

    public init() {}

    /// Called just before the process stops itself (SIGTSTP).
    public func stopping() {
        stoppedAt.store(Self.monotonicNanoseconds(), ordering: .relaxed)
    }

    /// Called when the process continues (SIGCONT).
    public func resumed() {
        let start = stoppedAt.exchange(0, ordering: .relaxed)
        if start > 0 {
            stoppedTotal.add(max(0, Self.monotonicNanoseconds() - start), ordering: .relaxed)
        }
        resumeCount.add(1, ordering: .relaxed)
    }

    /// Seconds spent stopped so far.
    public var stoppedSeconds: Double {
        Double(stoppedTotal.load(ordering: .relaxed)) * 1e-9
    }

    /// How many times the process was resumed so far.
    public var resumes: Int { resumeCount.load(ordering: .relaxed) }

    private static func monotonicNanoseconds() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}
