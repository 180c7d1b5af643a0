/// What the XOR training loop reports to its observer: plain values, copied out of the network.
public struct XORSnapshot: Sendable {
    /// Epochs trained so far.
    public var epoch: Int
    /// Loss before the last step (the loss of the weights at the start of that epoch).
    public var loss: Double
    /// Weight-gradient norms of the last step.
    public var gradientNorms: XORGradientNorms
    /// Weights and biases after the last step, in `XORNetwork`'s layout.
    public var w1: [Double], b1: [Double], w2: [Double], b2: Double
    /// True for the last report of a run (finished, or stopped by the flag).
    public var isFinal: Bool
    /// A copy of the network at that moment, for the dashboard's derived views (decision
    /// field, feature space, loss surface, loss history). Cheap while the observer only reads
    /// it; a snapshot kept past the callback makes the next step copy the shared buffers, the
    /// loss history included (about 15 µs per report at 40,000 epochs).
    public var network: XORNetwork
}

/// One recorded point of the path gradient descent took over the loss surface.
public struct XORTrajectoryPoint: Sendable, Equatable {
    /// Epochs trained when recorded.
    public var epoch: Int
    /// The original's w1[0, 0] and w1[0, 1]: weights from input 1 to hidden units 1 and 2.
    public var w00: Double, w01: Double
    /// Loss at that epoch.
    public var loss: Double
    /// Weight-gradient norms at that epoch.
    public var gradientNorms: XORGradientNorms
}

/// How a training run ended.
public struct XORTrainingResult: Sendable, Equatable {
    /// Epochs run in this call.
    public var epochsRun: Int
    /// True when the stop flag ended the run early.
    public var stopped: Bool
}

extension XORNetwork {
    /// Trains for `epochs` full-batch steps, reporting to `observer` before the first step,
    /// every `every` epochs, and once more at the end (`isFinal`); checks `stop` between steps (up
    /// to 4 hidden units, every `stopCheckInterval` steps) and keeps the weights reached when it is raised. Each report also appends to `trajectory`.
    /// - Throws: `RuntimeError` for `epochs` outside 0...`TrainingLimits.maximumEpochs`, `every` below 1, a learning rate that is
    ///   not a positive number, or a loss that stops
    ///   being finite (the weights are kept as they were at that step).
    @discardableResult
    public mutating func train(epochs: Int, every: Int = 100, stop: StopFlag? = nil,
                               observer: (XORSnapshot) -> Void = { _ in }) throws -> XORTrainingResult {
        guard epochs >= 0, epochs <= TrainingLimits.maximumEpochs else {
            throw RuntimeError("the epoch count must be an integer from 0 to \(TrainingLimits.maximumEpochs), got \(epochs)")
        }
        guard every >= 1 else {
            throw RuntimeError("the report interval must be a positive integer, got \(every)")
        }
        guard learningRate.isFinite, learningRate > 0 else {
            throw RuntimeError("the learning rate must be a positive number, got \(learningRate)")
        }
        var run = 0
        var stopped = false
        reserveLosses(epochs)
        report(isFinal: epochs == 0, observer: observer)
        while run < epochs {
            // The steps up to the next report (or the end), the stop flag checked before each.
            let chunk = runSteps(min(every - run % every, epochs - run), stop: stop)
            run += chunk.run
            if chunk.stopped { stopped = true; break }
            // The loss is checked every step; the weights (which can overflow while a saturated
            // sigmoid keeps the loss finite) at every report and at the end.
            guard !chunk.diverged, weightsAreFinite else {
                report(isFinal: true, observer: observer)
                throw RuntimeError.diverged(loss: Float(losses.last ?? .nan), epoch: epoch, learningRate: Float(learningRate))
            }
            if run == epochs { break }
            report(isFinal: false, observer: observer)
        }
        if epochs > 0 { report(isFinal: true, observer: observer) }
        return XORTrainingResult(epochsRun: run, stopped: stopped)
    }

    /// The path of (w1[0,0], w1[0,1], loss) recorded at each report of `train`, oldest first.
    /// At most `trajectoryLimit` points: a long run keeps every other old point when it reaches
    /// the limit, so the first and the latest points are always there and a dashboard frame
    /// costs the same after a million epochs as after a thousand.
    public var trajectory: [XORTrajectoryPoint] { history }

    /// The most points `trajectory` holds (far more than a panel's pixels across).
    public static let trajectoryLimit = 4096

    /// True when every weight and bias is a finite number.
    public var weightsAreFinite: Bool {
        b2.isFinite && w1.allSatisfy(\.isFinite) && b1.allSatisfy(\.isFinite) && w2.allSatisfy(\.isFinite)
    }

    private mutating func report(isFinal: Bool, observer: (XORSnapshot) -> Void) {
        let currentLoss = losses.last ?? loss
        let norms = lastGradientNorms
        let point = XORTrajectoryPoint(epoch: epoch, w00: w1[0], w01: hidden > 1 ? w1[1] : 0,
                                       loss: currentLoss, gradientNorms: norms)
        if history.last?.epoch == epoch { history[history.count - 1] = point } else { history.append(point) }
        if history.count > Self.trajectoryLimit {
            let latest = history[history.count - 1]
            history = stride(from: 0, to: history.count - 1, by: 2).map { history[$0] } + [latest]
        }
        observer(XORSnapshot(epoch: epoch, loss: currentLoss, gradientNorms: norms,
                             w1: w1, b1: b1, w2: w2, b2: b2, isFinal: isFinal, network: self))
    }
}
