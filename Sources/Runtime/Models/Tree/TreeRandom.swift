/// The generator a tree draws its features with: scikit-learn's `our_rand_r` (xorshift32 with
/// the output folded to 31 bits, `rand_int(low, high) = low + r % (high − low)`).
///
/// nv uses scikit-learn's generator and its feature-drawing order on purpose: which of two
/// equally good splits a tree takes depends on the order the features are visited in, so with
/// the same state nv grows the same tree as `DecisionTreeClassifier`, ties included. The state
/// comes from nv's own `SeededGenerator` (`init(using:)`), or from an integer `random_state`
/// exactly as scikit-learn derives it (`init(scikitSeed:)`).
public struct TreeRandom: Sendable, Equatable {
    /// scikit-learn's `RAND_R_MAX`: outputs are below 2³¹.
    public static let maximum: UInt32 = 0x7FFF_FFFF

    /// The xorshift state (0 is replaced by 1, as scikit-learn does).
    public private(set) var state: UInt32

    /// A generator starting from `state`.
    public init(state: UInt32) { self.state = state }

    /// A generator whose state is drawn from `generator`.
    public init(using generator: inout SeededGenerator) {
        state = UInt32(truncatingIfNeeded: generator.next() % UInt64(Self.maximum))
    }

    /// The state scikit-learn's splitter starts from for `random_state = seed`:
    /// `RandomState(seed).randint(0, RAND_R_MAX)`.
    public init(scikitSeed seed: UInt32) {
        var numpy = NumPyRandomState(seed: seed)
        state = UInt32(numpy.randint(below: UInt64(Self.maximum)))
    }

    /// The next output, in `0 ..< 2³¹`.
    public mutating func next() -> UInt32 {
        if state == 0 { state = 1 }
        state ^= state << 13
        state ^= state >> 17
        state ^= state << 5
        return state % (Self.maximum &+ 1)
    }

    /// An integer in `low ..< high` (`high > low`).
    public mutating func int(_ low: Int, _ high: Int) -> Int {
        low + Int(next()) % (high - low)
    }
}
