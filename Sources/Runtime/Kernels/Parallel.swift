import Foundation
import Dispatch

/// Splits a batch over the machine's cores when the work is big enough to pay for the thread
/// hand-off (about 10 µs); otherwise runs it inline on the caller's thread.
enum Parallel {
    /// Multiply-adds per call below which one thread is faster. Measured on the 2-core machine:
    /// splitting the batch-32 training kernels at 14x14 (≤ 600k multiply-adds each) made a step
    /// 40% slower (527 → 750 µs), so only products of a few million multiply-adds are split.
    static let threshold = 2_000_000
    /// Threads used for large work: the cores available to this process, at most 2 slices here
    /// because every per-thread scratch buffer is sized for `maxSlices`.
    static let maxSlices = 2
    /// `NV_THREADS=1` turns the splitting off (for measurements on a busy machine).
    static let slices = min(maxSlices, max(1, Int(ProcessInfo.processInfo.environment["NV_THREADS"] ?? "") ?? ProcessInfo.processInfo.activeProcessorCount))

    /// Calls `body(range, slice)` for contiguous slices of `0..<count`, in parallel when `work`
    /// (multiply-adds) reaches the threshold. `slice` is below `maxSlices` and indexes the
    /// caller's per-thread scratch. Returns the number of slices used.
    @discardableResult
    static func forEachSlice(_ count: Int, work: Int, _ body: @Sendable (Range<Int>, Int) -> Void) -> Int {
        let parts = (work >= threshold && count >= 2) ? slices : 1
        if parts == 1 {
            body(0..<count, 0)
            return 1
        }
        let per = (count + parts - 1) / parts
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let start = part * per, end = min(count, start + per)
            if start < end { body(start..<end, part) }
        }
        return parts
    }
}
