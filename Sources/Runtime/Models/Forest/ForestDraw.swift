/// What one tree of a forest is given: how many times each training row is in its bootstrap
/// sample (nil: every row once) and the state its splitter starts from.
public struct ForestDraw: Sendable, Equatable {
    /// counts: [rows], or nil without bootstrap.
    public var counts: [Int]?
    public var random: TreeRandom

    public init(counts: [Int]?, random: TreeRandom) {
        self.counts = counts
        self.random = random
    }

    /// Rows left out of the bootstrap sample (none without bootstrap).
    public var outOfBag: [Int] {
        guard let counts else { return [] }
        return counts.indices.filter { counts[$0] == 0 }
    }
}

/// Draws each new tree's `ForestDraw`, one tree at a time, either from nv's `SeededGenerator`
/// or exactly as scikit-learn's `RandomForestClassifier(random_state: seed)` does (a NumPy
/// `RandomState` gives every tree an integer seed; that seed's own `RandomState` draws the
/// bootstrap rows with `randint(0, n, n)` and, afresh, the splitter's state).
public struct ForestPlanner: Sendable {
    enum Source: Sendable {
        case nv(SeededGenerator)
        case scikit(NumPyRandomState)
    }
    var source: Source

    /// Draws from nv's generator.
    public init(generator: SeededGenerator) { source = .nv(generator) }

    /// Draws as scikit-learn does for `random_state = seed`.
    public init(scikitSeed seed: UInt32) { source = .scikit(NumPyRandomState(seed: seed)) }

    /// The next tree's draw for `rows` training rows.
    public mutating func next(rows: Int, bootstrap: Bool) -> ForestDraw {
        switch source {
        case .nv(var generator):
            var own = SeededGenerator(seed: generator.next())
            source = .nv(generator)
            var counts: [Int]?
            if bootstrap {
                var c = [Int](repeating: 0, count: rows)
                for _ in 0..<rows { c[Int.random(in: 0..<rows, using: &own)] += 1 }
                counts = c
            }
            return ForestDraw(counts: counts, random: TreeRandom(using: &own))
        case .scikit(var numpy):
            let seed = UInt32(numpy.randint(below: 0x7FFF_FFFF))
            source = .scikit(numpy)
            var counts: [Int]?
            if bootstrap {
                var rowState = NumPyRandomState(seed: seed)
                var c = [Int](repeating: 0, count: rows)
                for _ in 0..<rows { c[Int(rowState.randint(below: UInt64(rows)))] += 1 }
                counts = c
            }
            return ForestDraw(counts: counts, random: TreeRandom(scikitSeed: seed))
        }
    }
}
