import Foundation

/// The repository's own nv code, the seeds of program mutation: `examples/*.nv`, the golden
/// scripts under `Tests/InterpreterTests/Scripts`, and every ```nv block of `docs/lessons/*.md`.
public struct Corpus: Sendable {
    public var programs: [String]

    public var isEmpty: Bool { programs.isEmpty }

    /// Reads the corpus under the repository `root` (missing folders are skipped).
    public init(root: String) {
        var programs: [String] = []
        for folder in ["examples", "Tests/InterpreterTests/Scripts"] {
            for path in Corpus.files(in: root + "/" + folder, ending: ".nv") {
                if let text = try? String(contentsOfFile: path, encoding: .utf8) { programs.append(text) }
            }
        }
        for path in Corpus.files(in: root + "/docs/lessons", ending: ".md") {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            programs += Corpus.codeBlocks(text)
        }
        self.programs = programs
    }

    /// The ```nv blocks of a Markdown text.
    static func codeBlocks(_ markdown: String) -> [String] {
        var blocks: [String] = []
        var current: [Substring]?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line.hasPrefix("```nv") {
                current = []
            } else if current != nil, line.hasPrefix("```") {
                blocks.append(current!.joined(separator: "\n"))
                current = nil
            } else {
                current?.append(line)
            }
        }
        return blocks
    }

    static func files(in folder: String, ending suffix: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(suffix) }.sorted().map { folder + "/" + $0 }
    }

    func pick(_ random: inout FuzzRandom) -> String { random.pick(programs) }

    /// The repository root: `NV_FUZZ_ROOT`, else the nearest folder up from the current one
    /// holding `Package.swift` and `examples`, else the one this source file lives in.
    public static func locateRoot(filePath: String = #filePath) -> String {
        if let root = ProcessInfo.processInfo.environment["NV_FUZZ_ROOT"], !root.isEmpty { return root }
        var folder = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        for _ in 0..<6 {
            if FileManager.default.fileExists(atPath: folder.path + "/Package.swift"),
               FileManager.default.fileExists(atPath: folder.path + "/examples") { return folder.path }
            folder.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }
}
