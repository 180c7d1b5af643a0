import Foundation
import Testing
@testable import Runtime

/// A config file or a checkpoint someone sent: absurd sizes in it are refused with a message
/// naming the file and the size, before anything is allocated (issue 10, crashes 2 and 4).
@Suite("Untrusted model files")
struct UntrustedModelFileTests {
    /// A config in the original layout with `layers` and top-level `extra` keys.
    static func config(_ layers: String, _ extra: String = "") -> String {
        #"{"num_classes": 10, "input_size": 14, "in_channels": 1\#(extra), "layers": [\#(layers)]}"#
    }

    static let tail = #"{"type": "flatten"}, {"type": "dense", "out_features": 10}"#

    static let evil: [(name: String, json: String, expected: String)] = [
        ("padding 1e9", config(#"{"type": "conv", "out_channels": 1, "filter_size": 3, "padding": 1000000000}, "# + tail),
         "layer 1 (conv(1, size: 3, padding: 1000000000)): padding must be from 0 to 65,536"),
        ("out_channels 2^40", config(#"{"type": "conv", "out_channels": 1099511627776, "filter_size": 1}, "# + tail),
         "out_channels must be a positive integer up to 65,536, got 1099511627776"),
        ("out_features 2^31", config(#"{"type": "flatten"}, {"type": "dense", "out_features": 2147483648}, {"type": "dense", "out_features": 10}"#),
         "layer 2 (dense(2147483648)): out_features must be a positive integer up to 1,048,576"),
        ("input_size 2^31", config(tail, #", "input_size": 2147483648"#), "'input_size' must be an integer from 1 to 65,536, got 2147483648"),
        ("in_channels 2^31", config(tail, #", "in_channels": 2147483648"#), "'in_channels' must be an integer from 1 to 65,536"),
        ("input 30000", config(tail, #", "input_size": 30000"#), "would need 115 GB for activations at batch 32 (limit 4 GB)"),
        ("batch_size 1e15", config(tail, #", "batch_size": 1000000000000000"#), "'batch_size' must be an integer from 1 to 65,536"),
        ("big batch", config(tail, #", "input_size": 4096, "batch_size": 65536"#), "for activations at batch 65536 (limit 4 GB)"),
        ("dense weights", config(#"{"type": "flatten"}, {"type": "dense", "out_features": 1048576}, {"type": "dense", "out_features": 10}"#, #", "input_size": 256"#),
         "parameters (275 GB of weights); the limit is 100,000,000 (400 MB)"),
        ("stride 0", config(#"{"type": "conv", "out_channels": 2, "stride": 0}, "# + tail), "stride must be a positive integer up to 65,536, got 0"),
        ("negative padding", config(#"{"type": "conv", "out_channels": 2, "padding": -1}, "# + tail), "padding must be from 0 to 65,536, got -1"),
        ("negative channels", config(#"{"type": "conv", "out_channels": -8}, "# + tail), "out_channels must be a positive integer up to 65,536, got -8"),
        ("fractional size", config(#"{"type": "conv", "out_channels": 2, "filter_size": 2.5}, "# + tail), "'filter_size' must be an integer, got 2.5"),
        ("huge filter_size", config(#"{"type": "conv", "out_channels": 2, "filter_size": 1e300}, "# + tail), "'filter_size' must be an integer, got 1e+300"),
        ("filter_size 2^40", config(#"{"type": "conv", "out_channels": 2, "filter_size": 1099511627776}, "# + tail), "filter_size must be a positive integer up to 65,536"),
        ("pool stride 0", config(#"{"type": "maxpool", "filter_size": 2, "stride": 0}, "# + tail), "stride must be a positive integer up to 65,536, got 0"),
        ("dropout rate string", config(#"{"type": "dropout", "rate": "x"}, "# + tail), "'rate' must be a number"),
    ]

    static func scratch() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nv-untrusted-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test(arguments: evil.indices)
    func configFileIsRefused(_ index: Int) throws {
        let c = Self.evil[index]
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("evil.json").path
        try c.json.write(toFile: path, atomically: true, encoding: .utf8)
        let text = runtimeMessage { try CNN(config: try CNNConfig.load(path: path), seed: 1) }
        #expect(text.hasPrefix("\(path): "), "\(c.name): \(text)")
        #expect(text.contains(c.expected), "\(c.name): \(text)")
    }

    /// The same configs inside a checkpoint's `__metadata__`: `load` of a model someone sent.
    @Test(arguments: evil.indices)
    func checkpointConfigIsRefused(_ index: Int) throws {
        let c = Self.evil[index]
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("evil.safetensors").path
        let bytes = try SafeTensors.encode(tensors: [("layers.0.weight", Tensor(shape: [1], data: [0]))],
                                           metadata: ["format": "nv-cnn", "config": c.json])
        try bytes.write(to: URL(fileURLWithPath: path))
        let text = runtimeMessage { try CNN.load(path: path) }
        #expect(text.hasPrefix("\(path) (__metadata__ config): "), "\(c.name): \(text)")
        #expect(text.contains(c.expected), "\(c.name): \(text)")
    }

    /// An xor checkpoint asking for 10¹² hidden units, or for 1e300 (read as Int.min before).
    @Test(arguments: ["1000000000000", "1e300", "-5"])
    func hugeXORCheckpointIsRefused(_ hidden: String) throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("xor.safetensors").path
        let config = #"{"model": "xor", "hidden": \#(hidden), "lr": 0.1, "epoch": 0}"#
        try SafeTensors.encode(tensors: [], metadata: ["format": "nv-xor", "config": config]).write(to: URL(fileURLWithPath: path))
        let text = runtimeMessage { try XORNetwork.load(path: path) }
        let expected = hidden == "1e300" ? "\(path): no xor config in __metadata__"
            : "\(path): the config in __metadata__: the hidden layer needs 1 to 4096 units, got \(hidden)"
        #expect(text.hasPrefix(expected), "\(text)")
    }

    /// An MLP checkpoint whose config asks for 300 layers of 4096 (3.5 GB before it aborted).
    @Test func deepMLPCheckpointIsRefused() throws {
        let widths = [2] + Array(repeating: 4096, count: 300) + [1]
        let json = #"{"model": "mlp", "layers": \#(widths), "activation": "tanh", "loss": "bce", "features": ["x", "y"], "#
            + #""regularization": "none", "regularization_rate": 0, "batch_size": 10, "optimizer": "sgd", "lr": 0.03, "epoch": 0}"#
        let bytes = try SafeTensors.encode(tensors: [("layers.0.weight", Tensor(shape: [1], data: [0]))],
                                           metadata: ["format": "nv-mlp", "config": json])
        let file = try SafeTensors.decode(bytes, source: "deep.safetensors")
        let text = runtimeMessage { try MLP(checkpoint: file, source: "deep.safetensors") }
        #expect(text == "deep.safetensors: the config in __metadata__: layers [2, 4096, 4096, 4096, ... (296 more), 4096, 1] would have 5,017,628,673 parameters (20.1 GB of weights); the limit is 20,000,000 (80 MB)")
        let deepNarrow = [2] + Array(repeating: 1, count: 2000) + [1]
        #expect(runtimeMessage {
            var rng = SeededGenerator(seed: 1)
            return try MLP(layers: deepNarrow, rng: &rng)
        }.contains("'layers' has 2002 widths; at most 1024 are accepted"))
    }
}
