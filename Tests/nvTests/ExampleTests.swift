import Foundation
import Testing

/// Every script in `examples/` runs to the end without an error, as a user would run it.
@Suite struct ExampleTests {
    static let examplesFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples")

    static let examples: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: examplesFolder.path)) ?? []
        return names.filter { $0.hasSuffix(".nv") }.sorted()
    }()

    @Test func thereAreExamples() {
        #expect(!Self.examples.isEmpty, "no examples found in \(Self.examplesFolder.path)")
    }

    @Test(arguments: examples)
    func exampleRuns(_ name: String) throws {
        let result = try NVProcess.run([Self.examplesFolder.appendingPathComponent(name).path],
                                       environment: ["NV_GRAPHICS": "none"], timeout: 300)
        #expect(result.status == 0, "\(name) failed:\n\(result.stderr)")
        #expect(result.stderr.isEmpty)
        #expect(!result.stdout.isEmpty)
    }
}
