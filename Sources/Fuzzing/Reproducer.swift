import Foundation

/// Writes an input where a person can look at it and run it again: the program (`input.nv`),
/// its data files beside it, and `report.txt` with what happened and the two ways to reproduce
/// it (nv on the files, or the driver regenerating it from the seed and index).
enum Reproducer {
    static func write(_ input: FuzzInput, to folder: String, seed: UInt64, index: Int, category: String, detail: String,
                      family: String?) {
        try? FileManager.default.removeItem(atPath: folder)
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: folder + "/input.nv", contents: Data(input.program.utf8))
        for file in input.files {
            let path = folder + "/" + file.name
            try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                     withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: path, contents: Data(file.bytes))
        }
        let report = """
            \(category) — \(input.kind.rawValue) input \(index) of seed \(seed), family \(input.family), \(input.size) bytes
            reproduce: (cd \(folder) && nv input.nv)
                   or: nv-fuzz --seed \(seed) --replay \(input.kind.rawValue):\(index)\(family.map { " --family \($0)" } ?? "")

            \(detail)

            """
        _ = FileManager.default.createFile(atPath: folder + "/report.txt", contents: Data(report.utf8))
    }
}

extension InputSource {
    nonisolated(unsafe) private static var sources: [InputKind: InputSource] = [:]

    /// One source per kind for the supervisor, which regenerates the inputs its workers report.
    static func cached(kind: InputKind, root: String, family: String?) -> InputSource {
        if let source = sources[kind] { return source }
        let scratch = NSTemporaryDirectory() + "nv-fuzz-seeds-\(getpid())"
        let source = InputSource(kind: kind, root: root, scratch: scratch, family: family)
        try? FileManager.default.removeItem(atPath: scratch)
        sources[kind] = source
        return source
    }
}

/// The end-of-run report: counts, then findings grouped by cause, the smallest input of each.
enum Summary {
    static func text(findings: [Finding], tried: [InputKind: Int], skipped: Int, seed: UInt64,
                     seconds: Double, output: String, time: [String: Int] = [:]) -> String {
        var lines = [String(format: "nv-fuzz seed %llu: %d programs, %d files (%d of them skipped by the sandbox) in %.0f s; %d findings",
                            seed, tried[.program] ?? 0, tried[.file] ?? 0, skipped, seconds, findings.count)]
        if !time.isEmpty {
            lines.append("time by family: " + time.sorted { $0.value > $1.value }
                .map { "\($0.key) \(String(format: "%.0f", Double($0.value) / 1000)) s" }.joined(separator: ", "))
        }
        let groups = Dictionary(grouping: findings) { "\($0.category)|\($0.signature)" }
        let ordered = groups.values.sorted { a, b in
            (a[0].category, a[0].signature) < (b[0].category, b[0].signature)
        }
        if !ordered.isEmpty { lines.append("\(ordered.count) distinct causes (category, count, cause, smallest input):") }
        for group in ordered {
            let smallest = group.min { $0.inputSize < $1.inputSize }!
            lines.append("- \(smallest.category) ×\(group.count): \(smallest.signature.prefix(220))")
            lines.append("    \(smallest.folder)/input.nv (\(smallest.kind.rawValue) \(smallest.index), \(smallest.family), \(smallest.inputSize) bytes)")
        }
        return lines.joined(separator: "\n")
    }

    /// A program with its numbers and string contents blanked, cut short: hangs that share it
    /// most likely share their cause.
    static func shape(of program: String) -> String {
        let line = program.split(separator: "\n").filter { !$0.hasPrefix("#") }.joined(separator: "; ")
        return String(line.replacingOccurrences(of: #""[^"\\]*""#, with: "\"…\"", options: .regularExpression)
            .replacingOccurrences(of: #"[0-9][0-9.e]*"#, with: "N", options: .regularExpression).prefix(100))
    }

    /// A check's message with the numbers and quoted text taken out, to group findings by cause.
    static func normalize(_ detail: String) -> String {
        let firstLine = detail.split(separator: "\n").first.map(String.init) ?? ""
        return String(firstLine.replacingOccurrences(of: #"(?<![U+])\b[0-9]+(\.[0-9]+)?"#, with: "N", options: .regularExpression)
            .replacingOccurrences(of: #" in: .*"#, with: "", options: .regularExpression)
            .prefix(100))
    }
}
