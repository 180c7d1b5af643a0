import Plots
import Runtime

/// `train` for a forest: one tree per report (two grown at a time on the two cores when no
/// frame is due between them), the dashboard live, the accuracies at the end.
enum ForestTraining {
    static func train(_ args: inout Arguments) throws -> Value {
        let model = try args.model("model", as: ForestModel.self)
        guard args.has("data") else { throw args.error("data", "is needed: train(f, data), with data from moons(), csv(...), mnist(), ...") }
        let (train, test) = try TreeData.tables(args, family: "forest")
        try TreeData.check(train, fn: "train")
        guard train.isClassification else {
            throw args.error("data", "has numeric targets; a forest here votes on classes (tree(criterion: \"mse\") grows a regression tree)")
        }
        let every = try args.count("every", default: 1, limit: 1_000_000)
        var grower: ForestGrower
        do {
            grower = try ForestGrower(table: train, test: test, settings: model.settings,
                                      planner: ForestPlanner(generator: SeededGenerator(seed: model.seed)))
        } catch let error as RuntimeError {
            throw BuiltinError("train: " + error.message)
        }
        let run = try args.liveTraining(total: model.settings.trees, firstEpoch: 0)
        run.begin()
        while !grower.isFinished && !run.stopFlag.isRaised {
            // Two trees at once when the second would not be a frame of its own.
            let count = grower.forest.trees.count
            grower.addTrees(every > 1 && (count + 2) % every != 1 ? 2 : 1)
            let grown = grower.forest.trees.count
            guard grown % every == 0 || grower.isFinished else { continue }
            let snapshot = grower
            run.report(status: { status(snapshot) }, frame: { ForestViews.dashboard(snapshot) })
        }
        model.grower = grower
        run.finish(status: status(grower) + " · done", frame: ForestViews.dashboard(grower))
        if !grower.isFinished {
            run.writeStopMessage(at: "after \(grower.forest.trees.count) trees", kept: "the trees grown are kept")
        }
        var summary = "\(grower.forest.trees.count) trees; train accuracy \(TrainingProgress.percent(grower.trainAccuracy.last ?? .nan))"
        if let o = grower.oobAccuracy.last, o.isFinite { summary += ", out of bag \(TrainingProgress.percent(o))" }
        if let t = grower.testAccuracy.last { summary += ", test \(TrainingProgress.percent(t))" }
        args.context.session.display.write(summary + "\n")
        return .null
    }

    static func status(_ g: ForestGrower) -> String {
        var text = "forest · tree \(g.forest.trees.count) of \(g.forest.settings.trees)"
        if let o = g.oobAccuracy.last, o.isFinite { text += " · out of bag \(TrainingProgress.percent(o))" }
        if let t = g.testAccuracy.last { text += " · test \(TrainingProgress.percent(t))" }
        return text
    }
}
