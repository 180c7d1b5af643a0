import Plots
import Runtime
@testable import Interpreter

/// A model family that lives only in the tests, to prove a family plugs in with its folder and
/// one registry line: `mean()` predicts, for any point, the share of class 1 among the points
/// it was trained on. Its `train` goes through the shared live-training driver one point per
/// epoch, so the driver's status, frames and stopping are exercised by a family the driver
/// was not written for.
final class MeanModel: NVObject, ModelObject, ShowableObject {
    static var family: ModelFamily { MeanFamily.family }
    /// Points seen and how many were class 1.
    var seen = 0
    var ones = 0
    var typeName: String { "model" }
    var description: String { "mean model: \(seen) points seen" }
    var memberNames: [String] { ["seen"] }
    func member(_ name: String) throws -> Value? { name == "seen" ? .number(Double(seen)) : nil }
    var share: Double { seen == 0 ? 0.5 : Double(ones) / Double(seen) }
    var figure: Figure { MeanFamily.blank }
}

enum MeanFamily {
    /// The picture every frame shows (the driver is under test, not the drawing).
    static let blank = Figure(preferredWidth: 40, preferredHeight: 20) { width, height in Raster(width: width, height: height) }

    static let family = ModelFamily(
        name: "mean",
        builtins: {
            [Builtin("mean()", area: "models", doc: "A model that predicts the share of class 1 it has seen.",
                     example: "m = mean()") { _ in .object(MeanModel()) }]
        },
        verbs: {
            [
                Builtin("train(model, data, every: 1, fps: 30)", area: "training",
                        doc: "Sees the points one per epoch.", example: "train(mean(), circle(n: 10))") { args in
                    let model = try args.model("model", as: MeanModel.self)
                    let data = try args.dataset("data").data
                    let run = try args.liveTraining(total: data.count, firstEpoch: model.seen)
                    run.begin()
                    for label in data.labels {
                        if run.stopFlag.isRaised { break }
                        model.seen += 1
                        if label == 1 { model.ones += 1 }
                        run.report(status: { run.progress.status(epoch: model.seen, loss: 0) },
                                   frame: { MeanFamily.blank })
                    }
                    run.finish(status: run.progress.status(epoch: model.seen, loss: 0, finished: true),
                               frame: MeanFamily.blank)
                    run.writeStopMessage(at: "after \(model.seen) points")
                    return .null
                },
                Builtin("predict(model, inputs)", area: "models", doc: "The share of class 1 for each point.",
                        example: "predict(mean(), [0, 0])") { args in
                    let model = try args.model("model", as: MeanModel.self)
                    let (points, single) = try args.points("inputs")
                    if single { return .number(model.share) }
                    return .list(Array(repeating: .number(model.share), count: points.count / 2))
                },
            ]
        })
}
