import Foundation
import Testing
@testable import Runtime

/// Shape inference and config errors: each message names the layer (position and type) and the
/// shapes, so the user can fix the list.
@Suite("CNN shapes and configs")
struct CNNShapeTests {
    struct Bad: CustomTestStringConvertible, Sendable {
        let name: String
        let layers: [CNNLayerSpec]
        let input: [Int]
        let expected: [String]
        var testDescription: String { name }
    }

    static let bad: [Bad] = [
        Bad(name: "dense without flatten", layers: [.conv(filters: 4, size: 3, stride: 1, padding: 0), .dense(outputs: 10)],
            input: [1, 8, 8], expected: ["layer 2 (dense(10))", "[4, 6, 6]", "add flatten()"]),
        Bad(name: "pooling shrinks to nothing", layers: [.maxpool(size: 2, stride: 2), .maxpool(size: 2, stride: 2), .maxpool(size: 2, stride: 2), .flatten, .dense(outputs: 10)],
            input: [1, 7, 7], expected: ["layer 3 (maxpool(2))", "1x1", "shrank the map to nothing"]),
        Bad(name: "conv larger than map", layers: [.conv(filters: 2, size: 5, stride: 1, padding: 0), .flatten, .dense(outputs: 10)],
            input: [1, 4, 4], expected: ["layer 1 (conv(2, size: 5))", "4x4", "shrank to nothing"]),
        Bad(name: "last dense wrong size", layers: [.flatten, .dense(outputs: 32), .relu, .dense(outputs: 9), .softmax],
            input: [1, 4, 4], expected: ["[9]", "10 classes", "layer 4, dense(9)", "must have 10 outputs"]),
        Bad(name: "softmax not last", layers: [.flatten, .softmax, .dense(outputs: 10)],
            input: [1, 4, 4], expected: ["layer 2 (softmax())", "must be the last layer"]),
        Bad(name: "conv after flatten", layers: [.flatten, .conv(filters: 2, size: 1, stride: 1, padding: 0)],
            input: [1, 4, 4], expected: ["layer 2 (conv(2, size: 1))", "[16]", "cannot follow flatten"]),
        Bad(name: "zero stride", layers: [.conv(filters: 2, size: 3, stride: 0, padding: 0)],
            input: [1, 4, 4], expected: ["layer 1", "stride must be a positive integer up to 65,536, got 0"]),
    ]

    @Test(arguments: bad)
    func refusedWithMessage(_ c: Bad) {
        do {
            _ = try CNNLayerSpec.inferShapes(c.layers, input: c.input, classes: 10)
            Issue.record("\(c.name) was accepted")
        } catch let error as RuntimeError {
            for part in c.expected { #expect(error.message.contains(part), "\(error.message) lacks \(part)") }
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func defaultShapes() throws {
        let shapes = try CNNLayerSpec.inferShapes(CNNConfig.defaultLayers, input: [1, 14, 14], classes: 10)
        #expect(shapes == [[8, 12, 12], [8, 12, 12], [8, 6, 6], [16, 4, 4], [16, 4, 4], [16, 2, 2], [64], [128], [128], [10], [10]])
        let big = try CNNLayerSpec.inferShapes(CNNConfig.defaultLayers, input: [1, 28, 28], classes: 10)
        #expect(big[6] == [400])
        let padded = try CNNLayerSpec.outputShape(.conv(filters: 2, size: 3, stride: 2, padding: 1))(for: [1, 7, 7], index: 1)
        #expect(padded == [2, 4, 4])   // ⌊(7 + 2 − 3) / 2⌋ + 1, as PyTorch
    }

    struct BadConfig: CustomTestStringConvertible, Sendable {
        let name: String
        let json: String
        let expected: [String]
        var testDescription: String { name }
    }

    static let badConfigs: [BadConfig] = [
        BadConfig(name: "unknown layer type", json: #"{"layers": [{"type": "conv2d", "out_channels": 4}]}"#,
                  expected: ["layer 1", "unknown type 'conv2d'", "known types"]),
        BadConfig(name: "unknown layer key", json: #"{"layers": [{"type": "dense", "units": 10}]}"#,
                  expected: ["layer 1 (dense)", "unknown key 'units'", "out_features"]),
        BadConfig(name: "unknown top key", json: #"{"epoch": 3}"#, expected: ["unknown key 'epoch'"]),
        BadConfig(name: "bad value", json: #"{"batch_size": -4}"#, expected: ["'batch_size' must be an integer from 1 to 65,536, got -4"]),
        BadConfig(name: "bad fraction", json: #"{"validation_subset_ratio": 1.5}"#, expected: ["'validation_subset_ratio'", "1.5"]),
        BadConfig(name: "missing key", json: #"{"layers": [{"type": "dense"}]}"#, expected: ["layer 1 (dense) needs 'out_features'"]),
        BadConfig(name: "not JSON", json: "{layers", expected: ["not a JSON object"]),
        BadConfig(name: "shape error", json: #"{"layers": [{"type": "dense", "out_features": 10}, {"type": "softmax"}]}"#,
                  expected: ["layer 1 (dense(10))", "[1, 14, 14]", "add flatten()"]),
    ]

    @Test(arguments: badConfigs)
    func badConfig(_ c: BadConfig) {
        do {
            _ = try CNNConfig.parse(Data(c.json.utf8), source: "cfg.json")
            Issue.record("\(c.name) was accepted")
        } catch let error as RuntimeError {
            #expect(error.message.hasPrefix("cfg.json"), "\(error.message)")
            for part in c.expected { #expect(error.message.contains(part), "\(error.message) lacks \(part)") }
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    /// The shipped configs parse; the default one is the original's, and the JSON written into
    /// checkpoints reads back to the same config.
    @Test func shippedConfigs() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let standard = try CNNConfig.load(path: root.appendingPathComponent("config/default_cnn_params.json").path)
        #expect(standard == CNNConfig.standard)
        let user = try CNNConfig.load(path: root.appendingPathComponent("config/user_cnn_params.json").path)
        #expect(try CNNConfig.parse(Data(user.json.utf8), source: "round trip") == user)
        #expect(standard.checkpointPath == "models/mnist_cnn.safetensors")
    }
}
