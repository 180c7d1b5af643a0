import Plots
import Runtime

/// The nv value of a sequence task (`reverse(...)`, `copy`, `sort`, `add`, `text(...)`): a
/// vocabulary with a training and a held-out test split, for `train(m, task)`.
final class SequenceTaskObject: NVObject {
    let task: SequenceTask

    init(_ task: SequenceTask) { self.task = task }

    var typeName: String { "task" }

    var description: String {
        let vocab = task.vocab <= 16 ? ": " + task.tokens.map(SequenceTask.shown).joined(separator: " ") : ""
        return "task \(task.name): \(task.train.count) train / \(task.test.count) test sequences of \(task.length) tokens, vocabulary of \(task.vocab)\(vocab)\(task.causal ? ", next-token (causal)" : "")"
    }

    var memberNames: [String] { ["name", "length", "vocab", "tokens", "train", "test", "causal", "example"] }

    func member(_ name: String) throws -> Value? {
        switch name {
        case "name": return .string(task.name)
        case "length": return .number(Double(task.length))
        case "vocab": return .number(Double(task.vocab))
        case "tokens": return .list(task.tokens.map { .string($0) })
        case "train": return .number(Double(task.train.count))
        case "test": return .number(Double(task.test.count))
        case "causal": return .bool(task.causal)
        case "example":
            // The first held-out sequence and its target, as text attend() reads.
            let target = task.test.target(0).map { $0 >= 0 ? $0 : -1 }
            return .record(RecordValue(names: ["input", "target"], values: [
                .string(task.decode(task.test.input(0))),
                .string(target.map { $0 >= 0 ? task.decode([$0]) : "·" }.joined(separator: task.separator)),
            ]))
        default: return nil
        }
    }
}
