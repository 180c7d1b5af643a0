import Foundation
import Plots
import Runtime

/// `train` and `step` for k-means: Lloyd's algorithm half step by half step, through the
/// shared live-training driver (one "epoch" is one half step).
enum KMeansTraining {
    /// Starts a run of `model` on the data argument, or keeps the current one without it.
    static func prepare(_ args: Arguments, _ model: KMeansModel, restart: Int = 0) throws -> KMeans {
        if !args.has("data") {
            guard let run = model.run else {
                throw args.error("data", "is needed the first time: \(args.function)(km, data), with data from blobs(), a data set or rows of numbers")
            }
            return run
        }
        let rows = try PointRows.read(args, "data")
        var rng = SeededGenerator(seed: model.seed &+ UInt64(restart))
        if case .given(let c) = model.initMethod, c.count != model.k * rows.d {
            throw args.error("data", "has \(rows.d) features but the model's \(model.k) starting centroids have \(c.count / model.k)")
        }
        let run = try args.runtime {
            try KMeans(points: rows.points, features: rows.d, k: model.k, init: model.initMethod,
                       maxIterations: model.maxIterations, tolerance: model.tolerance, rng: &rng)
        }
        model.rows = rows
        model.picture = KMeansPicture(points: rows.points, features: rows.d, truth: rows.labels.isEmpty ? nil : rows.labels,
                                      classNames: rows.classNames, featureNames: rows.featureNames, imageSize: rows.imageSize)
        return run
    }

    static func train(_ args: inout Arguments) throws -> Value {
        let model = try args.model("model", as: KMeansModel.self)
        let every = try args.count("every", default: 1, limit: 1_000_000)
        let starts = args.has("data") ? model.restarts : 1
        var run = try prepare(args, model)
        guard let picture = model.picture else { return .null }
        let live = try args.liveTraining(total: 2 * model.maxIterations, firstEpoch: 0)
        let display = args.context.session.display
        live.begin()
        var best: KMeans?
        var inertias: [Double] = []
        var halfSteps = 0
        for start in 0..<starts {
            if start > 0 { run = try prepare(args, model, restart: start) }
            let label = starts > 1 ? "start \(start + 1)/\(starts) · " : ""
            while !live.stopFlag.isRaised, run.step() {
                halfSteps += 1
                let snapshot = run
                if halfSteps % every == 0 || snapshot.isFinished {
                    live.report(status: { label + status(snapshot) }, frame: { KMeansViews.dashboard(snapshot, picture: picture) })
                } else {
                    live.check(status: { label + status(snapshot) })
                }
            }
            inertias.append(run.inertia ?? .infinity)
            // scikit-learn's rule: a later start wins only with a strictly lower inertia and a
            // clustering that is not the same one renamed.
            var better = true
            if let current = best, let currentInertia = current.inertia {
                better = (run.inertia ?? .infinity) < currentInertia
                    && !KMeansRestarts.sameClustering(run.labels, current.labels, k: run.k)
            }
            if better {
                best = run
                model.bestRestart = start
            }
            if live.stopFlag.isRaised { break }
        }
        let kept = best ?? run
        model.run = kept
        model.restartInertias = inertias
        live.finish(status: status(kept), frame: KMeansViews.dashboard(kept, picture: picture))
        if live.stopReason != nil {
            live.writeStopMessage(at: "at iteration \(kept.iterations)", kept: "the centroids are kept")
        }
        var summary = "iterations \(kept.iterations), inertia \(Value.format(((kept.inertia ?? .nan) * 1000).rounded() / 1000))"
        if let stop = kept.stop { summary += ", " + KMeansModel.stopText(stop) }
        if starts > 1, let bestStart = model.bestRestart {
            summary += "; best of \(inertias.count) starts: start \(bestStart + 1)"
        }
        display.write(summary + "\n")
        return .null
    }

    static func status(_ run: KMeans) -> String {
        var text = "iteration \(run.iterations)"
        if let inertia = run.inertia { text += " · inertia \(TrainingProgress.number(inertia))" }
        text += run.next == .update ? " · \(run.changedCount) changed" : ""
        if let stop = run.stop { text += " · " + KMeansModel.stopText(stop) }
        return text
    }

    static func step(_ args: inout Arguments) throws -> Value {
        let model = try args.model("model", as: KMeansModel.self)
        var run = try prepare(args, model)
        if !run.step() {
            args.context.session.display.write("the run has stopped: \(run.stop.map(KMeansModel.stopText) ?? "")\n")
        }
        model.run = run
        guard let picture = model.picture else { return .null }
        return .figure(KMeansViews.dashboard(run, picture: picture))
    }
}
