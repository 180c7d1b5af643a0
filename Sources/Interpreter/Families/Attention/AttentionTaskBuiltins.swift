import Foundation
import Runtime

/// The sequence tasks: `reverse`, `copy`, `sort`, `add`, and `text` (a file, or the shipped
/// opening of Coriolanus).
enum AttentionTaskBuiltins {
    static func all() -> [Builtin] {
        [
            digits("reverse", doc: "Sequences of digits and their reverse: position i must find position length − 1 − i (the anti-diagonal).", make: SequenceTasks.reverse),
            digits("copy", doc: "Sequences of digits to copy: position i finds itself (the diagonal).", make: SequenceTasks.copy),
            digits("sort", doc: "Sequences of digits and the same digits sorted: position i must find the i-th smallest.", make: SequenceTasks.sort),
            Builtin("add(digits: 3, n: 20000, seed?)", area: "attention",
                    doc: "\"a + b = _ _ _ _\" with the sum's digits at the blanks (the carry included); 20% held out.",
                    example: "add(digits: 2, n: 1000)") { args in
                let digits = try args.count("digits", default: 3, limit: 9)
                let n = try args.count("n", default: 20_000, limit: SequenceTasks.maximumCount)
                return .object(SequenceTaskObject(try seeded(args) { try SequenceTasks.add(digits: digits, n: n, seed: $0) }))
            },
            Builtin("text(path?, context: 32)", area: "attention",
                    doc: "Next-character prediction on a UTF-8 text file (the last tenth held out); without a path, the opening of Shakespeare's Coriolanus shipped in data/text.",
                    example: "t = text(context: 16)") { args in
                let context = try args.count("context", default: 32, limit: AttentionConfig.maximumContext)
                let path = args.has("path") ? try args.inputPath("path")
                    : InputPath.resolve("data/text/coriolanus.txt", sourceDirectory: args.context.session.sourceDirectory)
                return .object(SequenceTaskObject(try args.runtime { try TextTask.load(path: path, context: context) }))
            },
        ]
    }

    static func digits(_ name: String, doc: String, make: @escaping (Int, Int, Int, UInt64) throws -> SequenceTask) -> Builtin {
        Builtin("\(name)(length: 8, vocab: 10, n: 20000, seed?)", area: "attention", doc: doc + " 20% held out, never seen in training.",
                example: "\(name)(length: 8, vocab: 10, n: 1000)") { args in
            let length = try args.count("length", default: 8, limit: 256)
            let vocab = try args.count("vocab", default: 10, limit: 1000)
            guard vocab >= 2 else { throw args.error("vocab", "must be at least 2, got \(vocab)") }
            let n = try args.count("n", default: 20_000, limit: SequenceTasks.maximumCount)
            guard n >= 2 else { throw args.error("n", "must be at least 2 (one to train on, one to test), got \(n)") }
            return .object(SequenceTaskObject(try seeded(args) { try make(length, vocab, n, $0) }))
        }
    }

    /// Runs a task maker with `seed:` or a seed drawn from the session's generator.
    static func seeded(_ args: Arguments, _ body: (UInt64) throws -> SequenceTask) throws -> SequenceTask {
        try args.withGenerator { rng in try body(rng.next()) }
    }

    /// The task argument `name`.
    static func task(_ args: Arguments, _ name: String) throws -> SequenceTask {
        let value = args.any(name)
        if case .object(let object) = value, let task = object as? SequenceTaskObject { return task.task }
        throw args.error(name, "must be a task such as reverse(length: 8) or text(\"file.txt\"), \(Arguments.got(value))")
    }
}
