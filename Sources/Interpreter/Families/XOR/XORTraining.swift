import Foundation
import Plots
import Runtime

/// `train` for the XOR network: the original's full-batch gradient descent on the truth table,
/// its dashboard live, then the table of the four predictions and, when it did not solve XOR,
/// why (`XORVerdict`).
enum XORTraining {
    static func train(_ args: inout Arguments) throws -> Value {
        let model = try args.model("model", as: XORModel.self)
        if args.has("data") {
            throw args.error("data", "is not used by an xor model: it trains on the XOR truth table")
        }
        let (epochs, every) = try args.schedule(epochs: 50_000, every: 100)
        let discretize = try args.flag("discretize")
        if args.has("lr") { model.network.learningRate = try args.positiveNumber("lr", default: 0.1) }
        let run = try args.liveTraining(total: epochs, firstEpoch: model.network.epoch)
        model.networkChanged()
        let session = args.context.session
        let display = session.display
        run.begin()
        let result: XORTrainingResult
        do {
            result = try model.network.train(epochs: epochs, every: every, stop: run.stopFlag) { snapshot in
                guard !snapshot.isFinal else { return }
                run.report(status: { run.progress.status(epoch: snapshot.epoch, loss: snapshot.loss) },
                           frame: { XORViews.dashboard(snapshot.network, discretize: discretize) })
            }
        } catch {
            model.networkChanged()
            run.fail(status: run.progress.status(epoch: model.network.epoch, loss: model.network.losses.last ?? .nan))
            throw error
        }
        model.networkChanged()
        let network = model.network
        run.finish(status: run.progress.status(epoch: network.epoch, loss: network.losses.last ?? network.loss, finished: true),
                   frame: XORViews.dashboard(network, discretize: discretize))
        if result.stopped { run.writeStopMessage(at: "at epoch \(network.epoch)") }
        display.write(predictionTable(network))
        if !result.stopped,
           let verdict = XORVerdict.text(network.diagnose(excluding: model.seed), hidden: network.hidden,
                                         learningRate: network.learningRate, name: XORVerdict.name(of: model, in: session)) {
            display.write(verdict)
        }
        return .null
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
}
