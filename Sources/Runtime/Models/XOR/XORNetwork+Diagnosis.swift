/// Why an XOR run ended unsolved, found by experiment rather than guessed from the loss curve:
/// a copy of the network trains on, and fresh starts from other seeds train as long as this one
/// did. (The last tenth of a run's loss curve cannot tell a plateau that is about to end from
/// one that never will: seed 7 at h = 2 moves 0.002% per tenth for 10,000 epochs, then solves.)
public enum XORDiagnosis: Sendable, Equatable {
    /// All four outputs are on the right side of 0.5.
    case solved
    /// One hidden unit draws one line, and no line separates XOR's classes.
    case cannotSolve
    /// Not stuck: a copy of the network solves after this many more epochs.
    case solvesAfter(moreEpochs: Int)
    /// A copy trained `checkedEpochs` more epochs is still unsolved: the network is stuck on a
    /// plateau or in a local minimum. `otherSeed` is a start of the same size that solves in
    /// `epochs` epochs (nil when none of the tried seeds did, or the network was too large to try).
    case stuck(checkedEpochs: Int, otherSeed: UInt64?, epochs: Int)
    /// The weights are no longer finite numbers (a learning rate far too large).
    case diverged
}

extension XORNetwork {
    /// Hidden units times epochs that a diagnosis may spend on one experiment: about 40 ms at h = 2.
    static let diagnosisBudget = 800_000

    /// Diagnoses an unsolved network by experiment (see `XORDiagnosis`). Seeds `1...`
    /// (`excluding` the network's own) are tried for another start, each trained as many epochs
    /// as this network has been, at least `minimumEpochs`.
    public func diagnose(excluding ownSeed: UInt64? = nil, minimumEpochs: Int = 40_000, seedsToTry: Int = 20) -> XORDiagnosis {
        guard weightsAreFinite else { return .diverged }
        if solvesXOR { return .solved }
        if hidden == 1 { return .cannotSolve }
        // Train a copy on, in chunks, for up to 4x the epochs so far (within the budget).
        let limit = max(1, Self.diagnosisBudget / hidden)
        let more = min(limit, max(4 * epoch, minimumEpochs))
        var copy = self
        var ran = 0
        let chunk = 500
        while ran < more {
            let steps = min(chunk, more - ran)
            for _ in 0..<steps { copy.step() }
            ran += steps
            if copy.solvesXOR { return .solvesAfter(moreEpochs: ran) }
        }
        let epochs = max(epoch, minimumEpochs)
        guard epochs <= limit else { return .stuck(checkedEpochs: more, otherSeed: nil, epochs: epochs) }
        var seed: UInt64 = 1
        var spent = 0
        for _ in 0..<seedsToTry {
            spent += epochs * hidden
            guard spent <= 8 * Self.diagnosisBudget else { break }
            if seed == ownSeed { seed += 1 }
            var rng = SeededGenerator(seed: seed)
            if var fresh = try? XORNetwork(hidden: hidden, learningRate: learningRate, rng: &rng) {
                for _ in 0..<epochs { fresh.step() }
                if fresh.solvesXOR { return .stuck(checkedEpochs: more, otherSeed: seed, epochs: epochs) }
            }
            seed += 1
        }
        return .stuck(checkedEpochs: more, otherSeed: nil, epochs: epochs)
    }
}
