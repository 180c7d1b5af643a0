import Foundation
import Testing
@testable import Interpreter

/// The documentation runs: every ```nv block of README.md and docs/**/*.md runs, file by file
/// in one session and entry by entry as the REPL and a lesson run them, and its `# expect: text` lines must be printed in
/// that order (other output, such as training's progress lines, may come between them); a
/// block with `# expect error: text` must fail with that message. docs/reference.md must be
/// exactly what the builtin table generates.
@Suite struct DocumentationTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// README.md and every Markdown file under docs/, as paths relative to the repository.
    static let documents: [String] = {
        var paths = ["README.md"]
        let docs = root.appendingPathComponent("docs")
        if let walker = FileManager.default.enumerator(atPath: docs.path) {
            for case let path as String in walker where path.hasSuffix(".md") { paths.append("docs/" + path) }
        }
        return paths.sorted()
    }()

    @Test func findsTheDocuments() {
        #expect(Self.documents.contains("README.md"))
        #expect(Self.documents.contains("docs/lessons/01-xor.md"))
    }

    @Test(arguments: documents)
    func blocksRun(_ path: String) throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent(path), encoding: .utf8)
        let lesson = Lesson.parse(text)
        let (session, display) = makeSession()
        for block in lesson.runnableBlocks {
            display.text = ""
            let error = LessonRunner.runBlock(block, in: session, name: path)
            let printed = display.text.components(separatedBy: "\n")
            switch (error, block.expectedError) {
            case (nil, nil):
                break
            case (nil, let expected?):
                Issue.record("\(path):\(block.line): expected error '\(expected)' but the block ran")
            case (let error?, let expected?):
                let messages = ([error] + error.additional).map(\.message)
                #expect(messages.contains { $0.contains(expected) },
                        "\(path):\(block.line): expected error '\(expected)', got \(messages)")
            case (let error?, nil):
                Issue.record("\(path):\(block.line): the block failed:\n\(error.rendered(color: false))")
                return
            }
            var remaining = printed[...]
            for line in block.expectedOutput {
                guard let found = remaining.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == line }) else {
                    Issue.record("\(path):\(block.line): expected the line '\(line)' (in order) in:\n\(printed.joined(separator: "\n"))")
                    break
                }
                remaining = remaining[(found + 1)...]
            }
        }
    }

    /// A lesson's code is shown indented by four columns: at 80 columns a longer line wraps
    /// in the middle of the code.
    @Test(arguments: documents.filter { $0.hasPrefix("docs/lessons/") })
    func lessonCodeFitsEightyColumns(_ path: String) throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent(path), encoding: .utf8)
        for block in Lesson.parse(text).runnableBlocks {
            for (offset, line) in block.text.split(separator: "\n").enumerated() where line.count > 76 {
                Issue.record("\(path):\(block.line + offset): \(line.count) columns: \(line)")
            }
        }
    }

    @Test func referenceIsWhatTheTableGenerates() throws {
        let file = Self.root.appendingPathComponent("docs/reference.md")
        let stored = try String(contentsOf: file, encoding: .utf8)
        #expect(stored == BuiltinReference.markdown(),
                "docs/reference.md is out of date: run `nv --reference > docs/reference.md`")
    }

    @Test func referenceListsEveryBuiltinWithItsExample() {
        let text = BuiltinReference.markdown()
        for builtin in BuiltinRegistry.all() {
            #expect(text.contains("### `\(builtin.signature)`") || text.contains("### `` \(builtin.signature) ``"),
                    "\(builtin.name) is missing from the reference")
            #expect(text.contains(builtin.example), "\(builtin.name)'s example is missing")
        }
    }
}
