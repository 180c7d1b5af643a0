import Foundation
import Plots
import Runtime

/// `train` for a playground network: mini-batches of the training part, the test part's loss
/// beside, the dashboard live, and the accuracies (with the best test-loss epoch) at the end.
enum MLPTraining {
    static func train(_ args: inout Arguments) throws -> Value {
        let model = try args.model("model", as: MLPModel.self)
        guard args.has("data") else {
            throw args.error("data", "is needed for an mlp: train(m, data, epochs: 100), with data from circle(), spiral(), csv(...), ...")
        }
        let data = try args.dataset("data")
        let (epochs, every) = try args.schedule(epochs: 100, every: 5)
        let discretize = try args.flag("discretize")
        if args.has("lr") { model.network.optimizer.learningRate = Float(try args.positiveNumber("lr", default: 0.03)) }
        let run = try args.liveTraining(total: epochs, firstEpoch: model.network.epoch)
        let (trainSet, testSet) = data.trainingSets
        model.trainData = trainSet
        model.testData = testSet
        model.networkChanged()
        let session = args.context.session
        var rng = session.generator
        defer { session.generator = rng }
        run.begin()
        let epochsRun: Int
        do {
            epochsRun = try model.network.train(on: trainSet, test: testSet, epochs: epochs, every: every,
                                                rng: &rng, stop: run.stopFlag) { snapshot in
                guard !snapshot.isFinal else { return }
                run.report(status: {
                    run.progress.status(epoch: snapshot.epoch, loss: Double(snapshot.trainLoss), testLoss: snapshot.testLoss.map(Double.init))
                }, frame: {
                    PlaygroundViews.dashboard(snapshot.network, train: trainSet, test: testSet, discretize: discretize)
                })
            }
        } catch {
            model.networkChanged()
            run.fail(status: nil)
            guard let error = error as? RuntimeError else { throw error }
            throw BuiltinError(error.message.hasPrefix("train:") ? error.message : "train: \(error.message)")
        }
        model.networkChanged()
        let network = model.network
        let trainLoss = Double(network.trainLosses.last ?? network.loss(on: trainSet))
        let testLoss = testSet.map { Double(network.testLosses.last ?? network.loss(on: $0)) }
        run.finish(status: run.progress.status(epoch: network.epoch, loss: trainLoss, testLoss: testLoss, finished: true),
                   frame: PlaygroundViews.dashboard(network, train: trainSet, test: testSet, discretize: discretize))
        if epochsRun < epochs { run.writeStopMessage(at: "at epoch \(network.epoch)") }
        let display = session.display
        var summary = "train accuracy \(TrainingProgress.percent(Double(network.accuracy(on: trainSet))))"
        if let testSet { summary += ", test accuracy \(TrainingProgress.percent(Double(network.accuracy(on: testSet))))" }
        display.write(summary + bestEpochNote(network, epochsRun: epochsRun) + "\n")
        return .null
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
