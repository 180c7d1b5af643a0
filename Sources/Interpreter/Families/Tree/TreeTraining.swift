import Plots
import Runtime

/// `train` for a tree: grown from its start state one split per report, the growth dashboard
/// live (every `every`-th split a frame), the status line naming the order and the newest rule.
enum TreeTraining {
    static func train(_ args: inout Arguments) throws -> Value {
        let model = try args.model("model", as: TreeModel.self)
        guard args.has("data") else { throw args.error("data", "is needed: train(t, data), with data from circle(), csv(...), ...") }
        let (train, test) = try TreeData.tables(args, family: "tree")
        try TreeData.check(train, fn: "train")
        let every = try args.count("every", default: 1, limit: 1_000_000)
        var grower: TreeGrower
        do {
            grower = try TreeGrower(table: train, settings: model.settings, random: model.random)
        } catch let error as RuntimeError {
            throw BuiltinError("train: " + error.message)
        }
        // The number of splits is not known ahead; a node count bounds it.
        let run = try args.liveTraining(total: max(1, train.count - 1), firstEpoch: 0)
        run.begin()
        var splits = 0
        while !run.stopFlag.isRaised, let node = grower.growSplit() {
            splits += 1
            guard splits % every == 0 else { continue }
            let snapshot = grower
            run.report(status: { status(snapshot.tree, newest: node) }, frame: {
                TreeViews.growth(snapshot.tree, table: train, open: snapshot.openNodes, newest: node)
            })
        }
        // A stopped tree keeps its splits; its open nodes predict as the leaves they are.
        let stopped = !grower.isFinished
        model.tree = grower.tree
        model.table = train
        model.test = test
        run.finish(status: status(grower.tree, newest: nil) + " · done",
                   frame: TreeViews.growth(grower.tree, table: train, open: [], newest: nil))
        if stopped { run.writeStopMessage(at: "after \(splits) splits", kept: "the splits so far are kept") }
        var summary = "\(splits) splits, depth \(grower.tree.depth), \(grower.tree.leafCount) leaves"
        if train.isClassification {
            summary += "; train accuracy \(TrainingProgress.percent(TreeFamily.accuracy(grower.tree, train)))"
            if let test { summary += ", test accuracy \(TrainingProgress.percent(TreeFamily.accuracy(grower.tree, test)))" }
        }
        args.context.session.display.write(summary + "\n")
        return .null
    }

    static func status(_ tree: DecisionTree, newest: Int?) -> String {
        var text = "tree \(tree.settings.order.rawValue) · split \(tree.splitCount)"
        if let newest, !tree.nodes[newest].isLeaf { text += " · \(tree.rule(newest, digits: 2))" }
        return text + " · depth \(tree.depth) · \(tree.leafCount) leaves"
    }
}
