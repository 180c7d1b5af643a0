import Foundation
import Plots
import Runtime

/// `train`: runs a model's training loop with its dashboard live on the display, a status
/// line under it, q or Ctrl-C to stop early (the weights are kept), and a summary at the end
/// (the XOR predictions table, or an mlp's accuracies).
///
/// On a terminal that animates, every report (each `every` epochs; a CNN's each `every` batches)
/// becomes a frame and training waits for the frame's turn (at most `fps:` a second, 30 by
/// default, and drawing at most a fifth of the time), the same for every model family: the
/// learner watches the network learn, `every` and `fps` set the pace, the status line says when
/// training waits for the display, and `--no-live` trains at full speed. Otherwise (`--no-live`, piped output, `--frames` without a terminal)
/// training never waits: frames are offered at most 30 a second and drawing takes at most about
/// a fifth of the run. Frames are built only when offered (a `Figure` draws lazily); the last
/// one is always forced.
enum TrainingBuiltins {
    static func all() -> [Builtin] {
        [
            Builtin("train(model, data?, epochs?, every?, lr?, discretize: false, batch?, patience?, fps: 30)", area: "training",
                    doc: "Trains with the dashboard live (q or Ctrl-C stops, keeping the weights). xor: epochs 50000, every 100; mlp: needs data, epochs 100, every 5. cnn: needs mnist(...) data, settings from its config (epochs 10, batch 32, patience 2), a line per epoch, the dashboard redrawn every `every` batches (10); returns the history. lr: sets the model's learning rate from now on. On a terminal each report is a frame, training waiting for it: fps: sets how many a second (1 to 120); --no-live trains at full speed.",
                    example: "train(net, epochs: 40000, every: 100)", body: train),
        ]
    }

    static func train(_ args: inout Arguments) throws -> Value {
        let model = try args.model("model")
        if case .cnn = model {} else {
            for name in ["batch", "patience"] where args.has(name) {
                throw args.error(name, "is for a cnn (an mlp sets its batch in mlp(batch:))")
            }
        }
        switch model {
        case .xor(let model): try trainXOR(model, args)
        case .mlp(let model): try trainMLP(model, args)
        case .cnn(let model): return try trainCNN(model, args)
        }
        return .null
    }

    /// `fps:`, frames a second while watching.
    static func framesPerSecond(_ args: Arguments) throws -> Double {
        let fps = try args.positiveNumber("fps", default: TrainingProgress.defaultFramesPerSecond)
        let range = TrainingProgress.framesPerSecondRange
        guard range.contains(fps) else {
            throw args.error("fps", "must be from \(Value.format(range.lowerBound)) to \(Value.format(range.upperBound)) frames a second, got \(Value.format(fps))")
        }
        return fps
    }

    /// Epochs and report interval, with defaults for the model kind.
    static func schedule(_ args: Arguments, epochs: Int, every: Int) throws -> (epochs: Int, every: Int) {
        let limit = TrainingLimits.maximumEpochs
        let e = try args.count("epochs", default: epochs, limit: limit)
        let v = try args.count("every", default: every, limit: limit)
        return (e, v)
    }

    /// `discretize:`: the boundary panel as hard 0/1 regions (false when not given).
    static func discretizeFlag(_ args: Arguments) throws -> Bool {
        switch args.any("discretize") {
        case .null: return false
        case .bool(let on): return on
        case let other: throw args.error("discretize", "must be true or false, \(Arguments.got(other))")
        }
    }

    // MARK: - XOR

    static func trainXOR(_ model: XORModel, _ args: Arguments) throws {
        if args.has("data") {
            throw args.error("data", "is not used by an xor model: it trains on the XOR truth table")
        }
        let (epochs, every) = try schedule(args, epochs: 50_000, every: 100)
        let discretize = try discretizeFlag(args)
        if args.has("lr") { model.network.learningRate = try args.positiveNumber("lr", default: 0.1) }
        let fps = try framesPerSecond(args)
        model.networkChanged()
        let session = args.context.session
        let display = session.display
        let live = session.options.live
        let watching = live && display.animates
        var progress = TrainingProgress(total: epochs, firstEpoch: model.network.epoch, framesPerSecond: fps)
        var stop = TrainingStop()
        display.beginLive()
        let result: XORTrainingResult
        do {
            result = try model.network.train(epochs: epochs, every: every, stop: stop.flag) { snapshot in
                stop.check(session, &progress)
                guard !snapshot.isFinal else { return }
                if progress.statusDue() {
                    display.setStatus(progress.status(epoch: snapshot.epoch, loss: snapshot.loss), force: false)
                }
                guard progress.frameDue(watching: watching) else { return }
                progress.offerFrame { live && display.updateLive(XORViews.dashboard(snapshot.network, discretize: discretize), force: false) }
            }
        } catch {
            model.networkChanged()
            display.setStatus(progress.status(epoch: model.network.epoch, loss: model.network.losses.last ?? .nan), force: true)
            display.endLive()
            throw error
        }
        model.networkChanged()
        let network = model.network
        display.setStatus(progress.status(epoch: network.epoch, loss: network.losses.last ?? network.loss, finished: true), force: true)
        display.updateLive(XORViews.dashboard(network, discretize: discretize), force: true)
        display.endLive()
        if result.stopped {
            display.write("stopped at epoch \(network.epoch) (\(stop.reason ?? "stop requested")); the weights are kept\n")
        }
        display.write(predictionTable(network))
        if !result.stopped,
           let verdict = XORVerdict.text(network.diagnose(excluding: model.seed), hidden: network.hidden,
                                         learningRate: network.learningRate, name: XORVerdict.name(of: model, in: session)) {
            display.write(verdict)
        }
    }

    /// The truth table with the network's outputs: input, target, output, ✓ or ✗.
    static func predictionTable(_ network: XORNetwork) -> String {
        let outputs = network.forward().outputs
        var lines = ["input   target  output  right"]
        for row in 0..<XORNetwork.batch {
            let x0 = Int(XORNetwork.inputs[2 * row]), x1 = Int(XORNetwork.inputs[2 * row + 1])
            let target = XORNetwork.targets[row]
            let right = (outputs[row] >= 0.5) == (target >= 0.5)
            let output = TrainingProgress.number(outputs[row])
            lines.append("[\(x0), \(x1)]  \(Int(target))       \(output.padding(toLength: 7, withPad: " ", startingAt: 0)) \(right ? "✓" : "✗")")
        }
        let solved = outputs.indices.filter { (outputs[$0] >= 0.5) == (XORNetwork.targets[$0] >= 0.5) }.count
        lines.append("\(solved)/4 right, loss \(TrainingProgress.number(network.loss))")
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - MLP

    static func trainMLP(_ model: MLPModel, _ args: Arguments) throws {
        guard args.has("data") else {
            throw args.error("data", "is needed for an mlp: train(m, data, epochs: 100), with data from circle(), spiral(), csv(...), ...")
        }
        let data = try args.dataset("data")
        let (epochs, every) = try schedule(args, epochs: 100, every: 5)
        let discretize = try discretizeFlag(args)
        if args.has("lr") { model.network.optimizer.learningRate = Float(try args.positiveNumber("lr", default: 0.03)) }
        let fps = try framesPerSecond(args)
        let (trainSet, testSet) = data.trainingSets
        model.trainData = trainSet
        model.testData = testSet
        model.networkChanged()
        let session = args.context.session
        let display = session.display
        let live = session.options.live
        let watching = live && display.animates
        var progress = TrainingProgress(total: epochs, firstEpoch: model.network.epoch, framesPerSecond: fps)
        var stop = TrainingStop()
        var rng = session.generator
        defer { session.generator = rng }
        display.beginLive()
        let run: Int
        do {
            run = try model.network.train(on: trainSet, test: testSet, epochs: epochs, every: every,
                                          rng: &rng, stop: stop.flag) { snapshot in
                stop.check(session, &progress)
                guard !snapshot.isFinal else { return }
                if progress.statusDue() {
                    display.setStatus(progress.status(epoch: snapshot.epoch, loss: Double(snapshot.trainLoss),
                                                      testLoss: snapshot.testLoss.map(Double.init)), force: false)
                }
                guard progress.frameDue(watching: watching) else { return }
                progress.offerFrame {
                    live && display.updateLive(PlaygroundViews.dashboard(snapshot.network, train: trainSet, test: testSet,
                                                                         discretize: discretize), force: false)
                }
            }
        } catch let error as RuntimeError {
            model.networkChanged()
            display.endLive()
            throw BuiltinError(error.message.hasPrefix("train:") ? error.message : "train: \(error.message)")
        }
        model.networkChanged()
        let network = model.network
        let trainLoss = Double(network.trainLosses.last ?? network.loss(on: trainSet))
        let testLoss = testSet.map { Double(network.testLosses.last ?? network.loss(on: $0)) }
        display.setStatus(progress.status(epoch: network.epoch, loss: trainLoss, testLoss: testLoss, finished: true), force: true)
        display.updateLive(PlaygroundViews.dashboard(network, train: trainSet, test: testSet, discretize: discretize), force: true)
        display.endLive()
        if run < epochs, stop.reason != nil {
            display.write("stopped at epoch \(network.epoch) (\(stop.reason ?? "stop requested")); the weights are kept\n")
        }
        var summary = "train accuracy \(TrainingProgress.percent(Double(network.accuracy(on: trainSet))))"
        if let testSet { summary += ", test accuracy \(TrainingProgress.percent(Double(network.accuracy(on: testSet))))" }
        display.write(summary + bestEpochNote(network, epochsRun: run) + "\n")
    }

    /// "; best test loss 0.0712 at epoch 255 (last 0.0931)": where this call's test loss was
    /// lowest, so a run that ends on a spike says which epoch was better ("; best test loss at
    /// the last epoch" when it ends on its best). Empty without a test set.
    static func bestEpochNote(_ network: MLP, epochsRun: Int) -> String {
        let losses = Array(network.testLosses.suffix(epochsRun))
        guard let last = losses.last,
              let best = losses.indices.filter({ losses[$0].isFinite }).min(by: { losses[$0] < losses[$1] }) else { return "" }
        if best == losses.count - 1 { return "; best test loss at the last epoch" }
        let epoch = network.epoch - losses.count + best + 1
        return "; best test loss \(TrainingProgress.number(Double(losses[best]))) at epoch \(epoch) (last \(TrainingProgress.number(Double(last))))"
    }
}
