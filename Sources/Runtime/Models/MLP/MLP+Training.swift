/// What the MLP training loop reports to its observer.
public struct MLPSnapshot: Sendable {
    /// Epochs trained so far.
    public var epoch: Int
    /// Loss on the whole training set after that epoch.
    public var trainLoss: Float
    /// Loss on the test set, when training was given one.
    public var testLoss: Float?
    /// A copy of the network at that moment (cheap: buffers are shared until the next step).
    public var network: MLP
    /// True for the last report of a run.
    public var isFinal: Bool
}

extension MLP {
    /// One pass over `data` in shuffled mini-batches of `batchSize`; returns the mean of the
    /// batch losses (penalty excluded).
    @discardableResult
    public mutating func trainEpoch(on data: Dataset, rng: inout SeededGenerator) -> Float {
        let order = shuffledIndices(data.count, rng: &rng)
        var total: Float = 0
        var batches = 0
        var start = 0
        while start < data.count {
            let end = min(start + batchSize, data.count)
            let (x, target) = batch(data, rows: order[start..<end])
            total += step(x: x, target: target)
            batches += 1
            start = end
        }
        epoch += 1
        return batches > 0 ? total / Float(batches) : 0
    }

    /// One gradient step on one batch; returns its loss before the update.
    @discardableResult
    public mutating func step(on batch: Dataset) -> Float {
        let (x, target) = self.batch(batch, rows: Array(0..<batch.count)[...])
        return step(x: x, target: target)
    }

    /// One gradient step on the first layer's input `x` `[b, widths[0]]` and targets `[b, 1]`.
    mutating func step(x: Tensor, target: Tensor) -> Float {
        let (loss, _) = accumulateGradients(x: x, target: target)
        // Move the parameters out of the layers so that each buffer has one owner while the
        // optimizer writes it (shared buffers would be copied on every step), then move them back.
        var flat: [Parameter] = []
        var counts: [Int] = []
        for i in layers.indices {
            let own = layers[i].parameters
            counts.append(own.count)
            if !own.isEmpty {
                layers[i].parameters = []
                flat.append(contentsOf: own)
            }
        }
        optimizer.step(&flat)
        var k = 0
        for (i, n) in counts.enumerated() where n > 0 {
            layers[i].parameters = Array(flat[k..<(k + n)])
            k += n
        }
        return loss
    }

    /// Zeroes the gradients, then runs forward and backward on `batch` and adds the weight
    /// penalty's gradient; returns the data loss and the gradient with respect to the features.
    mutating func accumulateGradients(on batch: Dataset) -> (loss: Float, inputGradient: Tensor) {
        let (x, target) = self.batch(batch, rows: Array(0..<batch.count)[...])
        return accumulateGradients(x: x, target: target)
    }

    /// `accumulateGradients(on:)` for the first layer's input `x` `[b, widths[0]]` and the
    /// targets `[b, 1]`.
    mutating func accumulateGradients(x input: Tensor, target: Tensor) -> (loss: Float, inputGradient: Tensor) {
        for i in layers.indices { layers[i].zeroGradients() }
        // x: [batch, features] → ... → z: [batch, outputs] (logits for bce and ce, the head's
        // output for mse)
        var x = input
        let last = fusedEnd
        for i in 0..<last { x = layers[i].forward(x) }
        var (value, gradient) = loss.evaluate(prediction: x, target: target)
        for i in stride(from: last - 1, through: 0, by: -1) { gradient = layers[i].backward(gradient) }
        if regularization != .none {
            for (index, dense) in denseLayers {
                regularization.addGradient(weights: dense.weight.data, to: &layers[index].parameters[0].gradient.data)
            }
        }
        return (value, gradient)
    }

    /// Trains for `epochs` epochs on `train`, recording `trainLosses` (and `testLosses` when
    /// `test` is given) after each; reports before the first epoch, every `every` epochs and at
    /// the end; checks `stop` between mini-batch epochs and keeps the weights when raised.
    /// - Throws: `RuntimeError` for `epochs` outside 0...`TrainingLimits.maximumEpochs`, `every` below 1, an empty training set,
    ///   data the network cannot take (see `mismatch`), a learning rate that is not a positive number,
    ///   or a loss that stops being finite (e.g. from a huge learning rate).
    @discardableResult
    public mutating func train(on train: Dataset, test: Dataset? = nil, epochs: Int, every: Int = 10,
                               rng: inout SeededGenerator, stop: StopFlag? = nil,
                               observer: (MLPSnapshot) -> Void = { _ in }) throws -> Int {
        guard epochs >= 0, epochs <= TrainingLimits.maximumEpochs else {
            throw RuntimeError("the epoch count must be an integer from 0 to \(TrainingLimits.maximumEpochs), got \(epochs)")
        }
        guard every >= 1 else {
            throw RuntimeError("the report interval must be a positive integer, got \(every)")
        }
        guard train.count > 0 else { throw RuntimeError("the training set '\(train.name)' is empty") }
        for set in [train] + (test.map { [$0] } ?? []) {
            if let problem = mismatch(set) { throw RuntimeError(problem) }
        }
        try checkBudget(batch: min(batchSize, train.count))
        guard optimizer.learningRate.isFinite, optimizer.learningRate > 0 else {
            throw RuntimeError("the learning rate must be a positive number, got \(optimizer.learningRate)")
        }
        func report(final: Bool) {
            observer(MLPSnapshot(epoch: epoch, trainLoss: trainLosses.last ?? loss(on: train),
                                 testLoss: test.map { testLosses.last ?? loss(on: $0) },
                                 network: self, isFinal: final))
        }
        report(final: epochs == 0)
        var run = 0
        while run < epochs {
            if let stop, stop.isRaised { break }
            trainEpoch(on: train, rng: &rng)
            run += 1
            let trainLoss = loss(on: train)
            trainLosses.append(trainLoss)
            if let test { testLosses.append(loss(on: test)) }
            guard trainLoss.isFinite else {
                report(final: true)
                throw RuntimeError.diverged(loss: trainLoss, epoch: epoch, learningRate: optimizer.learningRate)
            }
            if run < epochs, run % every == 0 { report(final: false) }
        }
        if epochs > 0 { report(final: true) }
        return run
    }
}
