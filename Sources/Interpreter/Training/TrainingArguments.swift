import Runtime

/// The arguments every family's `train` reads the same way.
extension Arguments {
    /// `fps:`, frames a second while watching.
    func framesPerSecond() throws -> Double {
        let fps = try positiveNumber("fps", default: TrainingProgress.defaultFramesPerSecond)
        let range = TrainingProgress.framesPerSecondRange
        guard range.contains(fps) else {
            throw error("fps", "must be from \(Value.format(range.lowerBound)) to \(Value.format(range.upperBound)) frames a second, got \(Value.format(fps))")
        }
        return fps
    }

    /// `epochs:` and `every:`, with the family's defaults.
    func schedule(epochs: Int, every: Int) throws -> (epochs: Int, every: Int) {
        let limit = TrainingLimits.maximumEpochs
        return (try count("epochs", default: epochs, limit: limit), try count("every", default: every, limit: limit))
    }

    /// A true/false argument, `fallback` when not given (`discretize:`, `probabilities:`).
    func flag(_ name: String, default fallback: Bool = false) throws -> Bool {
        switch any(name) {
        case .null: return fallback
        case .bool(let on): return on
        case let other: throw error(name, "must be true or false, \(Arguments.got(other))")
        }
    }

    /// A live run for this `train` call, reading `fps:`.
    func liveTraining(total: Int, firstEpoch: Int, drawingShare: Double = 0.2) throws -> LiveTraining {
        let run = LiveTraining(session: context.session, total: total, firstEpoch: firstEpoch,
                               framesPerSecond: try framesPerSecond(), drawingShare: drawingShare)
        if let path = try recordPath() { run.record(to: path) }
        return run
    }

    /// `record:`, the animation file a `train` call writes (checked before the run starts).
    func recordPath() throws -> String? {
        guard declares("record"), has("record") else { return nil }
        let path = try self.path("record")
        if let problem = AnimationSink.problem(with: path) { throw error("record", "cannot be recorded to: \(problem)") }
        return path
    }
}
