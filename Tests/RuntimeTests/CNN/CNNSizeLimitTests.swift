import Foundation
import Testing
@testable import Runtime

/// Networks too large to build are refused by shape inference with a message that gives the
/// size, whichever way they arrive: a layer list, a JSON config, or the config in a
/// checkpoint's `__metadata__` (issue 10, crash 2).
@Suite("CNN size limits")
struct CNNSizeLimitTests {
    struct Huge: CustomTestStringConvertible, Sendable {
        let name: String
        let layers: [CNNLayerSpec]
        let input: [Int]
        var batch = 32
        var classes = 10
        let expected: [String]
        var testDescription: String { name }
    }

    static let huge: [Huge] = [
        // Used to trap on Int overflow in flatten's size.
        Huge(name: "1e18 filters", layers: [.conv(filters: 1_000_000_000_000_000_000, size: 2, stride: 1, padding: 0), .flatten, .dense(outputs: 10)],
             input: [1, 8, 8], expected: ["layer 1", "out_channels must be a positive integer up to 65,536"]),
        // Used to overflow in DenseLayer's weight count.
        Huge(name: "padding 1e9", layers: [.conv(filters: 1, size: 3, stride: 1, padding: 1_000_000_000), .flatten, .dense(outputs: 10)],
             input: [1, 8, 8], expected: ["layer 1", "padding must be from 0 to 65,536, got 1000000000"]),
        // Used to abort allocating 4,000,000,000,000,032 bytes.
        Huge(name: "1e15 filters", layers: [.conv(filters: 1_000_000_000_000_000, size: 1, stride: 1, padding: 0), .flatten, .dense(outputs: 10)],
             input: [1, 8, 8], expected: ["out_channels must be a positive integer up to 65,536"]),
        // Used to try 36 GB.
        Huge(name: "30000x30000 input", layers: [.flatten, .dense(outputs: 10), .softmax],
             input: [1, 30000, 30000], expected: ["the input images [1, 30000, 30000] would need 115 GB for activations at batch 32 (limit 4 GB)"]),
        Huge(name: "padding grows the map", layers: [.conv(filters: 1, size: 1, stride: 1, padding: 65536), .flatten, .dense(outputs: 10)],
             input: [1, 1, 1], expected: ["layer 1 (conv(1, size: 1, padding: 65536)) outputs [1, 131073, 131073]", "2.20 TB", "limit 4 GB"]),
        Huge(name: "padding compounds over layers",
             layers: Array(repeating: .conv(filters: 1, size: 1, stride: 1, padding: 100), count: 40) + [.flatten, .dense(outputs: 10)],
             input: [1, 1, 1], expected: ["layer 28 (conv(1, size: 1, padding: 100)) outputs [1, 5601, 5601] would need 4.02 GB for activations at batch 32 (limit 4 GB)"]),
        Huge(name: "too many classes", layers: [.flatten, .dense(outputs: 1_000_000)], input: [1, 4, 4], classes: 1_000_000,
             expected: ["classes must be from 1 to 65,536"]),
        Huge(name: "dense weights", layers: [.flatten, .dense(outputs: 1 << 20), .relu, .dense(outputs: 10)],
             input: [1, 200, 200], expected: ["41,954,574,346 parameters (168 GB of weights); the limit is 100,000,000 (400 MB)"]),
        Huge(name: "conv weights", layers: [.conv(filters: 65536, size: 64, stride: 64, padding: 0), .flatten, .dense(outputs: 10)],
             input: [16, 64, 64], expected: ["4,295,688,202 parameters (17.2 GB of weights)"]),
        Huge(name: "all activations together", layers: Array(repeating: .conv(filters: 64, size: 1, stride: 1, padding: 0), count: 10) + [.flatten, .dense(outputs: 10)],
             input: [1, 256, 256], expected: ["the network would need", "GB for activations at batch 32 (limit 4 GB)"]),
        Huge(name: "batch", layers: CNNConfig.defaultLayers, input: [1, 28, 28], batch: 1 << 30,
             expected: ["for activations at batch 1073741824 (limit 4 GB)"]),
        Huge(name: "out_features 2^31", layers: [.flatten, .dense(outputs: 1 << 31), .dense(outputs: 10)], input: [1, 4, 4],
             expected: ["layer 2 (dense(2147483648)): out_features must be a positive integer up to 1,048,576"]),
        Huge(name: "input channels 2^31", layers: [.flatten, .dense(outputs: 10)], input: [1 << 31, 4, 4],
             expected: ["the input shape [2147483648, 4, 4] is too large"]),
        Huge(name: "huge filter", layers: [.conv(filters: 1, size: 1_000_000_000_000, stride: 1, padding: 0)], input: [1, 4, 4],
             expected: ["filter_size must be a positive integer up to 65,536"]),
        Huge(name: "a million layers", layers: [.flatten] + Array(repeating: .relu, count: 1_000_000) + [.dense(outputs: 10)], input: [1, 1, 1],
             expected: ["the layer list has 1,000,002 layers; at most 1,024 are accepted"]),
        Huge(name: "negative stride", layers: [.conv(filters: 1, size: 1, stride: -2, padding: 0)], input: [1, 4, 4],
             expected: ["stride must be a positive integer up to 65,536, got -2"]),
    ]

    @Test(arguments: huge)
    func refusedWithTheSize(_ c: Huge) {
        do {
            _ = try CNNLayerSpec.inferShapes(c.layers, input: c.input, classes: c.classes, batch: c.batch)
            Issue.record("\(c.name) was accepted")
        } catch let error as RuntimeError {
            for part in c.expected { #expect(error.message.contains(part), "\(error.message) lacks \(part)") }
            #expect(!error.message.hasPrefix("cnn:"), "Runtime names no builtin: \(error.message)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func networksBelowTheLimitsStillBuild() throws {
        // 40 million parameters and 2.3 GB of activations: large, but allowed.
        let wide = try CNN(layers: [.flatten, .dense(outputs: 10)], inputShape: [1, 2000, 2000], classes: 10, seed: 1)
        #expect(wide.parameterCount == 40_000_010)
        let budget = CNNBudget(CNNConfig.defaultLayers, input: [1, 14, 14],
                               shapes: try CNNLayerSpec.inferShapes(CNNConfig.defaultLayers, input: [1, 14, 14], classes: 10),
                               classes: 10, batch: 32)
        #expect(budget.parameters == 10858)
        #expect(budget.activationBytes > 0 && budget.activationBytes < 10_000_000)
    }

    @Test func trainingAtAHugeBatchIsRefusedBeforeAllocating() throws {
        let model = try CNN(layers: [.flatten, .dense(outputs: 10)], inputShape: [1, 1000, 1000], classes: 10, seed: 1)
        #expect(throws: Never.self) { try model.checkBudget(batch: 32) }
        #expect { try model.checkBudget(batch: 1 << 16) } throws: { error in
            (error as? RuntimeError)?.message.contains("at batch 65536 (limit 4 GB)") == true
        }
    }

    @Test func sizesAreWrittenForPeople() {
        #expect(SizeText.bytes(36e9) == "36 GB")
        #expect(SizeText.bytes(36.4e9) == "36.4 GB")
        #expect(SizeText.bytes(803e6) == "803 MB")
        #expect(SizeText.bytes(4e9) == "4 GB")
        #expect(SizeText.bytes(512) == "512 B")
        #expect(SizeText.bytes(4.0155e9) == "4.02 GB")
        #expect(SizeText.count(9_000_000_010) == "9,000,000,010")
        #expect(SizeText.count(100) == "100")
        #expect(SizeText.count(1.6e22) == "1.6e+22")
    }
}
