/// Elementwise work over `0..<count` (an optimizer update, a gradient sum) as a value: what to
/// do to one contiguous range of elements.
protocol RangeOperation {
    /// Applies the operation to the elements `range`; ranges never overlap, so the two halves
    /// can run at the same time.
    func apply(_ range: Range<Int>)
}

/// The second half of a split `RangeOperation`, kept by its owner and reused for every call, so
/// a split allocates nothing (a closure handed to the worker would allocate its context).
/// Only its owner's thread posts it, one split at a time.
final class RangeJob<Operation: RangeOperation>: PairJob, @unchecked Sendable {
    var operation: Operation?
    var range: Range<Int> = 0..<0
    func run() { operation?.apply(range) }
}

extension Parallel {
    /// Elements below which elementwise work runs on one thread: a hand-off costs about 1 µs,
    /// the time of a few thousand elements of an Adam update.
    static let elementwiseThreshold = 4096

    /// Applies `operation` to `0..<count`: on two cores when there are two and `count` reaches
    /// `elementwiseThreshold`, split at a multiple of `alignment` (so a vectorised operation
    /// gives every element the same vector or scalar path as one call over the whole range
    /// would, and the result does not depend on the core count).
    static func apply<Operation: RangeOperation>(_ operation: Operation, count: Int, alignment: Int,
                                                 job: RangeJob<Operation>) {
        guard slices > 1, count >= elementwiseThreshold else {
            operation.apply(0..<count)
            return
        }
        let split = count / (2 * alignment) * alignment
        job.operation = operation
        job.range = split..<count
        pair({ operation.apply(0..<split) }, job)
        job.operation = nil
    }
}
