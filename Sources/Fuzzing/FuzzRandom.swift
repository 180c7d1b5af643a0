import Runtime

/// The random source of one fuzz input. Every input is derived from the run's seed, the input
/// kind and its index alone, so `seed + kind + index` is a complete reproducer: the driver can
/// regenerate any input without replaying the ones before it.
public struct FuzzRandom {
    var generator: SeededGenerator

    /// The generator for input `index` of `kind` in a run seeded with `seed`.
    public init(seed: UInt64, kind: InputKind, index: Int) {
        // SplitMix-style mixing, so neighbouring indices give unrelated streams.
        var z = seed &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(bitPattern: Int64(index)) &* 0xBF58_476D_1CE4_E5B9
        z ^= kind == .program ? 0x94D0_49BB_1331_11EB : 0x2545_F491_4F6C_DD1D
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        generator = SeededGenerator(seed: z ^ (z >> 31))
    }

    /// A whole number in `range`.
    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        Int.random(in: range, using: &generator)
    }

    /// An index below `count` (which must be positive).
    public mutating func below(_ count: Int) -> Int { int(0...(count - 1)) }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool { generator.uniform() < p }

    /// One element of a non-empty array.
    public mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// A byte.
    public mutating func byte() -> UInt8 { UInt8(truncatingIfNeeded: generator.next()) }

    /// Picks an index with the given relative weights.
    public mutating func weighted(_ weights: [Int]) -> Int {
        var roll = below(weights.reduce(0, +))
        for (index, weight) in weights.enumerated() {
            if roll < weight { return index }
            roll -= weight
        }
        return weights.count - 1
    }
}
