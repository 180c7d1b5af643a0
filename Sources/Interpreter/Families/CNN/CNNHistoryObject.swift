import Runtime

/// What `train` returns for a CNN, and `model.history`: the figures of every epoch as lists
/// (`h.val_accuracy[-1]`, `plot(h.train_loss)`), with the best epoch, why training ended and
/// the test accuracy measured after it. It prints as a one-line summary, so `train(m, data)`
/// typed at the prompt does not echo a wall of numbers.
final class CNNHistoryObject: NVObject, CountedObject {
    let records: [CNNEpochRecord]
    let bestEpoch: Int
    /// "completed", "early stop (patience N)" or "stopped by user"; nil for `model.history`.
    let reason: String?
    let testAccuracy: Double?

    init(_ records: [CNNEpochRecord], bestEpoch: Int, reason: String?, testAccuracy: Double?) {
        self.records = records
        self.bestEpoch = bestEpoch
        self.reason = reason
        self.testAccuracy = testAccuracy
    }

    var typeName: String { "history" }

    var count: Int { records.count }

    /// The per-epoch lists, in the order they are listed.
    static let columns: [(name: String, value: @Sendable (CNNEpochRecord) -> Double)] = [
        ("epoch", { Double($0.epoch) }), ("train_loss", \.trainLoss), ("train_accuracy", \.trainAccuracy),
        ("train_precision", \.trainPrecision), ("train_f1", \.trainF1), ("val_loss", \.validationLoss),
        ("val_accuracy", \.validationAccuracy), ("val_precision", \.validationPrecision),
        ("val_f1", \.validationF1), ("seconds", \.seconds),
    ]

    var memberNames: [String] { Self.columns.map(\.name) + ["best_epoch", "stopped", "test_accuracy"] }

    var description: String {
        var text = "history: \(records.count) epoch\(records.count == 1 ? "" : "s")"
        if let best = records.first(where: { $0.epoch == bestEpoch }) {
            text += ", best \(bestEpoch)"
            if best.validationLoss.isFinite {
                text += " (val loss \(TrainingProgress.number(best.validationLoss)), val accuracy \(TrainingProgress.percent(best.validationAccuracy)))"
            }
        }
        if let reason { text += ", \(reason)" }
        if let testAccuracy { text += ", test accuracy \(TrainingProgress.percent(testAccuracy))" }
        return text + "\n  lists: " + Self.columns.map(\.name).joined(separator: ", ")
    }

    func member(_ name: String) throws -> Value? {
        if let column = Self.columns.first(where: { $0.name == name }) {
            return .list(records.map { .number(column.value($0)) })
        }
        switch name {
        case "best_epoch": return .number(Double(bestEpoch))
        case "stopped": return reason.map { .string($0) } ?? .null
        case "test_accuracy": return testAccuracy.map { .number($0) } ?? .null
        default: return nil
        }
    }
}
