import Foundation
import Testing
@testable import Interpreter

/// Runs every `Scripts/*.nv` file, Crafting Interpreters style.
///
/// A script is split into chunks at lines that are exactly `# ---`; the chunks run one after
/// the other in one session, as REPL entries would. Within a chunk, each `# expect: text`
/// comment is one line the chunk must print (in order), and `# expect error: text` means the
/// chunk must fail with an error whose message contains `text` (the chunk's lines after the
/// error are not run, so it goes last).
@Suite struct GoldenScriptTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Scripts")

    static func scripts() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".nv") }.sorted()
    }

    @Test func scriptsExist() {
        #expect(GoldenScriptTests.scripts().count >= 8)
    }

    @Test(arguments: GoldenScriptTests.scripts())
    func script(_ name: String) throws {
        let text = try String(contentsOf: GoldenScriptTests.directory.appendingPathComponent(name), encoding: .utf8)
        let (session, display) = makeSession()
        var chunks: [[String]] = [[]]
        for line in text.components(separatedBy: "\n") {
            if line == "# ---" { chunks.append([]) } else { chunks[chunks.count - 1].append(line) }
        }
        for (number, lines) in chunks.enumerated() {
            let source = lines.joined(separator: "\n")
            var expected: [String] = []
            var expectedError: String?
            for line in lines {
                if let range = line.range(of: "# expect: ") { expected.append(String(line[range.upperBound...])) }
                if let range = line.range(of: "# expect error: ") { expectedError = String(line[range.upperBound...]) }
            }
            display.text = ""
            let outcome = session.run(source, name: "\(name)#\(number)")
            var printed = display.text.components(separatedBy: "\n")
            if printed.last == "" { printed.removeLast() }
            #expect(printed == expected, "\(name) chunk \(number): printed lines differ")
            switch outcome {
            case .success:
                #expect(expectedError == nil, "\(name) chunk \(number): expected error '\(expectedError ?? "")' but it ran")
            case .failure(let error):
                let all = ([error] + error.additional).map(\.message)
                if let expectedError {
                    #expect(all.contains { $0.contains(expectedError) },
                            "\(name) chunk \(number): expected error '\(expectedError)', got \(all)")
                } else {
                    Issue.record("\(name) chunk \(number): unexpected error: \(error.rendered(color: false))")
                }
            }
        }
    }
}
