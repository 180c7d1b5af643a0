import Foundation
import Dispatch
import Synchronization

/// Runs work on the machine's two cores when it is big enough to pay for the hand-off;
/// otherwise inline on the caller's thread.
///
/// The hand-off goes to one persistent worker thread (`PairWorker`) that spins briefly between
/// jobs, not to `DispatchQueue.concurrentPerform`: on this 2-vCPU machine GCD took about 60 µs
/// to wake its second thread, longer than half a batch-32 training step at 14x14 (~100 µs),
/// so two 50 µs halves took 112 µs through GCD and 51 µs through the spinning worker (a
/// batch-32 step at 14x14: 200 → 132 µs; at 28x28: 757 → 625 µs; inference b256: 430 → 375 µs).
/// Only one pair runs at a time: work handed out while the worker is busy (a GEMM inside a
/// half-batch, or a second caller) runs inline, so the two cores are never oversubscribed.
/// `pair` is public so Plots can draw a figure's panels on both cores.
public enum Parallel {
    /// Multiply-adds per call below which one thread is faster. Measured on the 2-core machine:
    /// splitting the batch-32 training kernels at 14x14 (≤ 600k multiply-adds each) made a step
    /// 40% slower (527 → 750 µs, with GCD's hand-off), so only products of a few million
    /// multiply-adds are split.
    static let threshold = 2_000_000
    /// Threads used for large work: the cores available to this process, at most 2 slices here
    /// because every per-thread scratch buffer is sized for `maxSlices`.
    static let maxSlices = 2
    /// `NV_THREADS=1` turns the splitting off (for measurements on a busy machine).
    static let slices = min(maxSlices, max(1, Int(ProcessInfo.processInfo.environment["NV_THREADS"] ?? "") ?? ProcessInfo.processInfo.activeProcessorCount))

    /// Runs `first` on this thread and `second` on the worker at the same time, returning when
    /// both are done; both inline, `first` then `second`, with one core or a busy worker.
    /// Handing a closure to the worker costs one small allocation per call (the escape check
    /// of `withoutActuallyEscaping`); per-step work uses the `PairJob` form instead.
    public static func pair(_ first: () -> Void, _ second: () -> Void) {
        guard slices > 1, let worker = PairWorker.shared.acquire() else {
            first()
            second()
            return
        }
        withoutActuallyEscaping(second) { job in
            withUnsafePointer(to: job) { worker.run(first, ClosureJob(closure: $0)) }
        }
        worker.release()
    }

    /// `pair` with a job object for the second half: nothing is allocated.
    static func pair(_ first: () -> Void, _ second: any PairJob) {
        guard slices > 1, let worker = PairWorker.shared.acquire() else {
            first()
            second.run()
            return
        }
        worker.run(first, second)
        worker.release()
    }

    /// Calls `body(range, slice)` for contiguous slices of `0..<count`, in parallel when `work`
    /// (multiply-adds) reaches the threshold. `slice` is below `maxSlices` and indexes the
    /// caller's per-thread scratch. Returns the number of slices used.
    @discardableResult
    static func forEachSlice(_ count: Int, work: Int, _ body: (Range<Int>, Int) -> Void) -> Int {
        guard slices > 1 && work >= threshold && count >= 2 else {
            body(0..<count, 0)
            return 1
        }
        let half = (count + 1) / 2
        pair({ body(0..<half, 0) }, { body(half..<count, 1) })
        return 2
    }
}

/// Work for the second thread of `Parallel.pair`.
protocol PairJob {
    /// Runs the work; called once per hand-off, on the worker thread.
    func run()
}

/// A caller's closure, alive until `PairWorker.run` returns.
struct ClosureJob: PairJob {
    let closure: UnsafePointer<() -> Void>
    func run() { closure.pointee() }
}

/// The second thread of `Parallel.pair`: it waits for a job by spinning for up to 200 µs (a
/// training loop hands it the next half-batch well within that), then sleeps on a semaphore
/// until the next job, so an idle process burns no CPU. Both spinning sides call
/// `sched_yield` every 256 checks, so on a machine busy with other work a spinner gives its
/// core to the thread it waits for instead of burning the time slice.
final class PairWorker: @unchecked Sendable {
    /// The one worker of the process, started on first use.
    static let shared = PairWorker()

    private enum State { static let idle = 0, posted = 1, done = 2, sleeping = 3 }
    /// idle → posted (by `run`) → done (by the worker) → idle (by `run`); idle → sleeping → posted.
    private let state = Atomic<Int>(State.idle)
    /// Set while a caller owns the worker (between `acquire` and `release`).
    private let owned = Atomic<Bool>(false)
    private let wake = DispatchSemaphore(value: 0)
    /// The posted job; written before `state` becomes posted, read after (release/acquire).
    private var job: (any PairJob)?

    private init() {
        let thread = Thread { [unowned self] in self.loop() }
        thread.name = "nv-pair-worker"
        thread.start()
    }

    /// The worker, or nil when another caller has it.
    func acquire() -> PairWorker? {
        owned.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged ? self : nil
    }

    /// Gives the worker back.
    func release() { owned.store(false, ordering: .releasing) }

    /// Posts `other` to the worker, runs `mine` here, then waits for `other` to finish.
    func run(_ mine: () -> Void, _ other: any PairJob) {
        job = other
        if state.exchange(State.posted, ordering: .acquiringAndReleasing) == State.sleeping { wake.signal() }
        mine()
        var spins = 0
        while state.load(ordering: .acquiring) != State.done {
            // On a busy machine the worker may be waiting for this very core: offer it now and then.
            spins &+= 1
            if spins & 255 == 0 { sched_yield() }
        }
        job = nil
        state.store(State.idle, ordering: .releasing)
    }

    private func loop() {
        while true {
            var spins = 0
            var start: UInt64 = 0
            while state.load(ordering: .acquiring) != State.posted {
                spins &+= 1
                guard spins & 255 == 0 else { continue }
                sched_yield()
                let now = DispatchTime.now().uptimeNanoseconds
                if start == 0 { start = now }
                if now - start > 200_000,
                   state.compareExchange(expected: State.idle, desired: State.sleeping, ordering: .acquiringAndReleasing).exchanged {
                    wake.wait()
                }
            }
            job?.run()
            state.store(State.done, ordering: .releasing)
        }
    }
}
