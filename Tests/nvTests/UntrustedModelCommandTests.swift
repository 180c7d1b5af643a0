import Foundation
import Testing

/// The model reproducers of issue 10 run as a user would: each ends with a message and exit
/// code 70, never a signal, and a hostile checkpoint leaves the REPL session usable.
@Suite struct UntrustedModelCommandTests {
    static let reproducers: [(code: String, expected: String)] = [
        ("cnn(input: 8, layers: [conv(1e18, size: 2), flatten(), dense(10)])", "conv: argument 'filters' must be at most 65536"),
        ("cnn(input: 8, layers: [conv(1, size: 3, padding: 1e9), flatten(), dense(10)])", "conv: argument 'padding' must be at most 65536"),
        ("cnn(input: 8, layers: [conv(1e15, size: 1), flatten(), dense(10)])", "conv: argument 'filters' must be at most 65536"),
        ("cnn(input: 30000, layers: [flatten(), dense(10), softmax()])", "cnn: the input images [1, 30000, 30000] would need 115 GB for activations at batch 32 (limit 4 GB)"),
        ("m = cnn(input: 7, classes: 5, layers: [flatten(), dense(5), softmax()]); evaluate(m, mnist(size: 7, test_fraction: 0.01))",
         "evaluate: the data has 10 classes but the network has 5 outputs"),
        ("m = cnn(input: 7, classes: 5, layers: [flatten(), dense(5), softmax()]); infer(m, mnist(size: 7, test_fraction: 0.01))",
         "infer: the data has 10 classes but the network has 5 outputs"),
        ("w = [2]; for i in 0..<300 { append(w, 4096) }; append(w, 1); mlp(layers: w)", "would have 5,017,628,673 parameters (20.1 GB of weights)"),
    ]

    @Test(arguments: reproducers.indices)
    func reproducerEndsWithAMessage(_ index: Int) throws {
        let (code, expected) = Self.reproducers[index]
        let run = try NVProcess.run(["-e", code], environment: ["NV_GRAPHICS": "none"], timeout: 120)
        #expect(!run.crashed, "\(code) crashed")
        #expect(run.status == 70, "\(code): status \(run.status), stderr \(run.stderr)")
        #expect(run.stderr.contains(expected), "\(code): \(run.stderr)")
    }

    /// A CNN checkpoint whose `__metadata__` config asks for a padding of 10⁹, and the same
    /// config as a JSON file.
    static func evilFiles(in folder: URL) throws -> (checkpoint: String, config: String) {
        let config = #"{"input_size": 14, "layers": [{"type": "conv", "out_channels": 1, "filter_size": 3, "padding": 1000000000}, {"type": "flatten"}, {"type": "dense", "out_features": 10}]}"#
        let configPath = folder.appendingPathComponent("evil.json").path
        try config.write(toFile: configPath, atomically: true, encoding: .utf8)
        var escaped = ""
        for c in config { escaped += c == "\"" ? "\\\"" : String(c) }
        var header = Array(#"{"__metadata__": {"format": "nv-cnn", "config": "\#(escaped)"}}"#.utf8)
        while header.count % 8 != 0 { header.append(UInt8(ascii: " ")) }
        var bytes = Data()
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: header)
        let checkpointPath = folder.appendingPathComponent("evil.safetensors").path
        try bytes.write(to: URL(fileURLWithPath: checkpointPath))
        return (checkpointPath, configPath)
    }

    static let paddingMessage = "layer 1 (conv(1, size: 3, padding: 1000000000)): padding must be from 0 to 65,536, got 1000000000"

    @Test func hostileFilesFromEveryEntryPoint() throws {
        let folder = try NVProcess.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (checkpoint, config) = try Self.evilFiles(in: folder)
        let runs: [([String], String)] = [
            (["-e", "load(\"\(checkpoint)\")"], "load: \(checkpoint) (__metadata__ config): \(Self.paddingMessage)"),
            (["-e", "cnn(\"\(config)\")"], "cnn: \(config): \(Self.paddingMessage)"),
            (["mnist", "infer", "--model", checkpoint], "load: \(checkpoint) (__metadata__ config): \(Self.paddingMessage)"),
            (["mnist", "train", "--config", config], "cnn: \(config): \(Self.paddingMessage)"),
        ]
        for (arguments, expected) in runs {
            let run = try NVProcess.run(arguments, environment: ["NV_GRAPHICS": "none"], timeout: 120)
            #expect(!run.crashed, "\(arguments) crashed")
            #expect(run.status == 70, "\(arguments): status \(run.status)")
            #expect(run.stderr.contains(expected), "\(arguments): \(run.stderr)")
        }
    }

    @Test func theREPLOutlivesAHostileCheckpoint() throws {
        let folder = try NVProcess.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (checkpoint, _) = try Self.evilFiles(in: folder)
        let terminal = try PseudoTerminal(environment: ["NV_GRAPHICS": "none"])
        #expect(terminal.waitFor("nv[1]> "))
        terminal.type("x = 41\n")
        #expect(terminal.waitFor("nv[2]> "))
        terminal.type("m = load(\"\(checkpoint)\")\n")
        #expect(terminal.waitFor("padding must be from 0 to 65,536"))
        terminal.type("x + 1\n")
        #expect(terminal.waitFor("42\n"))
        terminal.type(":quit\n")
        #expect(terminal.exitStatus() == 0)
    }
}
