/// Token sequences of one length with a target token at each position (or none), one split of
/// a `SequenceTask`.
///
/// `inputs` and `targets` are `[count, length]` row-major; a target of −1 means the position is
/// not scored (the operands of `add`, say). A sequence is right when every scored position is.
public struct SequenceSet: Sendable, Equatable {
    /// Input tokens `[count, length]`.
    public var inputs: [Int32]
    /// Target tokens `[count, length]`, −1 where nothing is asked.
    public var targets: [Int32]
    /// Tokens per sequence.
    public let length: Int

    public init(inputs: [Int32], targets: [Int32], length: Int) {
        precondition(length > 0 && inputs.count == targets.count && inputs.count % length == 0, "SequenceSet: bad shape")
        self.inputs = inputs
        self.targets = targets
        self.length = length
    }

    /// Number of sequences.
    public var count: Int { inputs.count / length }

    /// The input tokens of sequence i.
    public func input(_ i: Int) -> [Int32] { Array(inputs[(i * length)..<((i + 1) * length)]) }
    /// The target tokens of sequence i.
    public func target(_ i: Int) -> [Int32] { Array(targets[(i * length)..<((i + 1) * length)]) }

    /// The sequences at `indices`, in that order.
    public func subset(_ indices: [Int]) -> SequenceSet {
        var x = [Int32](), y = [Int32]()
        x.reserveCapacity(indices.count * length)
        y.reserveCapacity(indices.count * length)
        for i in indices {
            x += inputs[(i * length)..<((i + 1) * length)]
            y += targets[(i * length)..<((i + 1) * length)]
        }
        return SequenceSet(inputs: x, targets: y, length: length)
    }
}
