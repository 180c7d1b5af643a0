import Foundation
import Interpreter
import Runtime

/// Runs one input in this process, inside its budgets, and says what was wrong with it beyond
/// a crash (which the supervisor sees from outside): a leaked control character, a wrong
/// invariant, a loop that never ended, an input that took too long.
public struct InputRunner {
    /// Steps (loop iterations and calls) one input may take; the session stops it with an error.
    public var stepBudget = 5_000_000
    /// After this many seconds the session's interrupt flag is raised, as Ctrl-C would.
    public var interruptAfter: Double = 1.5
    /// An input still running this long after its start is reported as slow.
    public var slowAfter: Double = 8
    /// Quoted file data longer than this in one message is reported (a quote must be cut short).
    public var longMessage = 4_000

    public init() {}

    /// A problem found in-process (a crash never returns here).
    public struct Problem: Sendable {
        public var category: String
        public var detail: String
    }

    /// The first words of a message (after "error: " when it is one), to group findings by the
    /// message they came from rather than by the data in them.
    static func gist(of text: String) -> String {
        var message = Substring(text)
        if let error = message.range(of: "error: ") { message = message[error.upperBound...] }
        let words = message.split(whereSeparator: { $0 == " " || $0 == "\n" }).prefix(4).map { word in
            word.count > 24 || word.unicodeScalars.contains(where: TerminalSafety.isForbidden) ? "…" : String(word)
        }
        return words.joined(separator: " ")
    }

    /// Writes the input's files into the current folder, runs it, and checks it.
    public func run(_ input: FuzzInput, in folder: String) -> [Problem] {
        for file in input.files {
            let path = folder + "/" + file.name
            try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                     withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: path, contents: Data(file.bytes))
        }
        let display = SilentDisplay()
        let session = Session(display: display, options: SessionOptions(graphics: .none, seed: 1))
        session.stepBudget = stepBudget
        let flag = session.interrupt
        DispatchQueue.global().asyncAfter(deadline: .now() + interruptAfter) { flag.raise() }
        let start = Date()
        var shown: [String] = []
        var errors: [String] = []
        var outcomes: [RunOutcome] = []
        // A file input is typed line by line, as in the REPL; a program runs as a script.
        let chunks = input.kind == .file ? input.program.split(separator: "\n").map(String.init) : [input.program]
        for (number, chunk) in chunks.enumerated() {
            let outcome = session.run(chunk, name: input.kind == .file ? "<repl:\(number + 1)>" : "fuzz.nv")
            outcomes.append(outcome)
            switch outcome {
            case .success(let echo): if let echo { shown.append(echo) }
            case .failure(let error):
                shown.append(error.rendered(color: false))
                errors.append(error.message)
            }
        }
        flag.raise()
        shown.append(display.text)
        var problems: [Problem] = []
        let elapsed = Date().timeIntervalSince(start)
        if elapsed > slowAfter {
            problems.append(Problem(category: "slow", detail: String(format: "took %.1f s (interrupt raised after %.1f s)", elapsed, interruptAfter)))
        }
        if input.fromFileData {
            for text in shown {
                if let violation = TerminalSafety.violation(in: text) {
                    problems.append(Problem(category: "escape", detail: "\(InputRunner.gist(of: text)) — \(violation)"))
                    break
                }
            }
            if let long = errors.first(where: { $0.utf8.count > longMessage }) {
                problems.append(Problem(category: "long-message", detail: "\(long.utf8.count) bytes: \(long.prefix(200))..."))
            }
        }
        if input.expectation == .echoesTrue, let last = outcomes.last {
            switch last {
            case .success(let echo) where echo != "true":
                problems.append(Problem(category: "wrong", detail: "expected true, got \(echo ?? "nothing")"))
            case .failure(let error) where error.message.contains("step budget") || error.message == "interrupted":
                problems.append(Problem(category: "hang", detail: "a loop that should end did not: \(error.message)"))
            default: break
            }
        }
        return problems
    }
}
