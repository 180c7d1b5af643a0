import Foundation

/// Something wrong one input did: the process died (crash, allocation failure), hung past the
/// wall-clock budget, or the in-process checks objected (escape, wrong, slow, long-message).
public struct Finding: Sendable {
    public var category: String
    public var kind: InputKind
    public var index: Int
    public var family: String
    /// What identifies the cause: the fatal message and the first frame in nv's own sources
    /// for a process that died, the check and its message otherwise.
    public var signature: String
    public var detail: String
    public var inputSize: Int
    /// The folder the input was written to.
    public var folder: String

    /// Crash-class categories: these end the process or are killed.
    public static let fatalCategories: Set<String> = ["crash", "alloc", "hang"]
}

/// Reads a dead worker's standard error (the Swift runtime's message and backtrace).
enum CrashReport {
    /// "crash" or "alloc", and a signature naming the cause.
    static func classify(stderr: String, signal: Int32?) -> (category: String, signature: String) {
        let lines = stderr.split(separator: "\n").map(String.init)
        let lower = stderr.lowercased()
        let alloc = lower.contains("failed to allocate") || lower.contains("could not allocate")
            || lower.contains("out of memory") || lower.contains("cannot allocate") || lower.contains("std::bad_alloc")
        var message = lines.first { $0.contains("Fatal error") }.map {
            String($0[$0.range(of: "Fatal error")!.lowerBound...])
        } ?? lines.first { $0.contains("Program crashed:") }.map {
            String($0[$0.range(of: "Program crashed:")!.lowerBound...])
        } ?? (signal.map { "signal \($0)" } ?? "exit")
        message = message.replacingOccurrences(of: #" at 0x[0-9a-f]+"#, with: "", options: .regularExpression)
            .replacingOccurrences(of: " ***", with: "")
            .replacingOccurrences(of: #"\d{4,}"#, with: "N", options: .regularExpression)
        return (alloc ? "alloc" : "crash", "\(message) @ \(firstOwnFrame(lines) ?? "?")")
    }

    /// The first backtrace frame in nv's own code with a line number
    /// ("Runtime/Layers/DenseLayer.swift:23 DenseLayer.init"), or else the first frame in the
    /// executable (a compiler-generated deinit has no line). With a backtrace of every thread
    /// (a hang), the thread that crashed or else the first one not waiting in a join is read.
    static func firstOwnFrame(_ lines: [String]) -> String? {
        var blocks: [[String]] = [[]]
        for line in lines {
            if line.hasPrefix("Thread ") { blocks.append([]) }
            blocks[blocks.count - 1].append(line)
        }
        let ordered = blocks.filter { $0.first?.contains("crashed") == true }
            + blocks.filter { block in !block.contains { $0.contains("pthread_join") || $0.contains("Supervisor") } }
        for block in ordered {
            let frames = block.filter { $0.range(of: #"^\s*\d+ "#, options: .regularExpression) != nil }
            let own = frames.filter { !$0.contains("/Sources/Fuzzing/") && !$0.contains("/Sources/nv-fuzz/") }
            if let line = own.first(where: { $0.range(of: #"Sources/.*\.swift:\d+"#, options: .regularExpression) != nil }) {
                let location = line.range(of: #"[A-Za-z]+/[^ ]*\.swift:\d+"#, options: .regularExpression).map { String(line[$0]) } ?? ""
                return "\(location) \(function(line))"
            }
            if let line = own.first(where: { $0.contains(" in nv") }) { return function(line) }
        }
        return nil
    }

    /// The function named in a backtrace frame line (between the address and " + N in").
    static func function(_ line: String) -> String {
        guard let address = line.range(of: #"0x[0-9a-f]+ "#, options: .regularExpression) else { return "" }
        var text = line[address.upperBound...]
        if let end = text.range(of: #"( \+ \d+)? in "#, options: .regularExpression) { text = text[..<end.lowerBound] }
        return String(text.prefix(90))
    }
}
