import Foundation
import Testing
@testable import Runtime

@Suite struct SafeTensorsTests {
    static let sample: [(name: String, tensor: Tensor)] = [
        ("layers.0.weight", Tensor(shape: [2, 3], data: [1, -2, 3.5, 0, 1e-7, -0])),
        ("layers.0.bias", Tensor(shape: [2], data: [0.25, -8])),
        ("scalar", Tensor(shape: [], data: [42])),
    ]

    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("nv-\(ProcessInfo.processInfo.globallyUniqueString)-\(name)").path
    }

    @Test func layoutFollowsTheFormat() throws {
        let bytes = [UInt8](try SafeTensors.encode(tensors: Self.sample, metadata: ["a": "b \"quoted\""]))
        let headerLength = (0..<8).reduce(0) { $0 | Int(bytes[$1]) << (8 * $1) }
        #expect(headerLength % 8 == 0)
        #expect(bytes.count == 8 + headerLength + 4 * 9)
        let header = try JSONSerialization.jsonObject(with: Data(bytes[8..<(8 + headerLength)])) as? [String: Any]
        #expect((header?["__metadata__"] as? [String: String]) == ["a": "b \"quoted\""])
        let bias = header?["layers.0.bias"] as? [String: Any]
        #expect(bias?["dtype"] as? String == "F32")
        #expect(bias?["shape"] as? [Int] == [2])
        #expect(bias?["data_offsets"] as? [Int] == [24, 32])
        // Data are little-endian F32: 0.25 is 0x3E800000.
        #expect(Array(bytes[(8 + headerLength + 24)..<(8 + headerLength + 28)]) == [0, 0, 0x80, 0x3E])
    }

    @Test func roundTripThroughAFile() throws {
        let path = Self.temporaryPath("round.safetensors")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try SafeTensors.write(tensors: Self.sample, metadata: ["config": "{}"], to: path)
        let file = try SafeTensors.read(path: path)
        #expect(file.order == Self.sample.map(\.name))
        for (name, tensor) in Self.sample { #expect(file.tensors[name] == tensor) }
        #expect(file.metadata == ["config": "{}"])
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: (path as NSString).deletingLastPathComponent)
            .filter { $0.hasSuffix(".tmp") && $0.contains((path as NSString).lastPathComponent) }
        #expect(leftovers.isEmpty)
    }

    @Test func mlpCheckpointPredictsIdentically() throws {
        var rng = SeededGenerator(seed: 11)
        let data = try PlaygroundData.make(.moons, n: 80, noise: 0.1, rng: &rng)
        var net = try MLP(layers: [3, 5, 4, 1], activation: .relu, loss: .binaryCrossEntropy,
                          features: [.x, .y, .sinY], regularization: .l2(rate: 0.001), batchSize: 7,
                          optimizer: Adam(lr: 0.01, beta1: 0.8), rng: &rng)
        try net.train(on: data, epochs: 5, rng: &rng)
        let path = Self.temporaryPath("mlp.safetensors")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try net.save(to: path)
        let loaded = try MLP.load(path: path)
        #expect(loaded.predict(points: data.points) == net.predict(points: data.points))
        #expect(loaded.widths == net.widths && loaded.features == net.features && loaded.activation == .relu)
        #expect(loaded.regularization == .l2(rate: 0.001) && loaded.batchSize == 7 && loaded.epoch == 5)
        #expect((loaded.optimizer as? Adam)?.beta1 == 0.8)
    }

    static func corrupt(_ edit: (inout [UInt8]) -> Void) throws -> Data {
        var bytes = [UInt8](try SafeTensors.encode(tensors: sample))
        edit(&bytes)
        return Data(bytes)
    }

    /// Replaces the header with `json` (padded), keeping the data section.
    static func withHeader(_ json: String) throws -> Data {
        let bytes = [UInt8](try SafeTensors.encode(tensors: sample))
        let oldLength = (0..<8).reduce(0) { $0 | Int(bytes[$1]) << (8 * $1) }
        var header = Array(json.utf8)
        while header.count % 8 != 0 { header.append(32) }
        var out = [UInt8]()
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { out.append(contentsOf: $0) }
        return Data(out + header + bytes[(8 + oldLength)...])
    }

    @Test(arguments: [
        ("short", "shorter than the 8-byte header length"),
        ("truncated data", "tensor 'scalar' data_offsets [32, 36] lie outside the 35 bytes of data"),
        ("trailing bytes", "the tensors cover 36 bytes but the data section has 37"),
        ("header past end", "truncated: the header needs"),
        ("bad json", "the header is not valid JSON"),
        ("wrong dtype", "has dtype 'F16'; nv reads only F32"),
        ("offsets out of range", "lie outside the 36 bytes of data"),
        ("offsets disagree with shape", "needs 8 bytes, its offsets give 12"),
        ("gap", "a gap or an overlap"),
        ("huge shape", "needs more bytes than a file can hold"),
        ("metadata not strings", "__metadata__ entry 'n' is not a string"),
    ])
    func malformedFilesAreExplained(kind: String, message: String) throws {
        let data: Data
        let tail = #""layers.0.weight":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]},"scalar":{"dtype":"F32","shape":[],"data_offsets":[32,36]}}"#
        switch kind {
        case "short": data = Data([1, 2, 3])
        case "truncated data": data = try Self.corrupt { $0.removeLast() }
        case "trailing bytes": data = try Self.corrupt { $0.append(0) }
        case "header past end": data = try Self.corrupt { $0[2] = 0x10 }
        case "bad json": data = try Self.withHeader(#"{"layers.0.bias": [1, 2"#)
        case "wrong dtype": data = try Self.withHeader(#"{"layers.0.bias":{"dtype":"F16","shape":[2],"data_offsets":[24,32]},"# + tail)
        case "offsets out of range": data = try Self.withHeader(#"{"layers.0.bias":{"dtype":"F32","shape":[2],"data_offsets":[32,40]},"# + tail)
        case "offsets disagree with shape": data = try Self.withHeader(#"{"layers.0.bias":{"dtype":"F32","shape":[2],"data_offsets":[20,32]},"# + tail)
        case "huge shape": data = try Self.withHeader(#"{"layers.0.bias":{"dtype":"F32","shape":[4611686018427387904,4],"data_offsets":[24,32]},"# + tail)
        case "gap": data = try Self.withHeader(#"{"layers.0.bias":{"dtype":"F32","shape":[1],"data_offsets":[24,28]},"# + tail)
        default: data = try Self.withHeader(#"{"__metadata__":{"n":3},"layers.0.bias":{"dtype":"F32","shape":[2],"data_offsets":[24,32]},"# + tail)
        }
        #expect { try SafeTensors.decode(data, source: "m.safetensors") } throws: { error in
            let text = (error as? RuntimeError)?.message ?? ""
            return text.hasPrefix("m.safetensors") && text.contains(message)
        }
    }

    @Test func checkpointOfAnotherShapeIsRefused() throws {
        var rng = SeededGenerator(seed: 12)
        let net = try MLP(layers: [2, 4, 1], rng: &rng)
        var file = try SafeTensors.decode(try SafeTensors.encode(tensors: net.stateDict, metadata: net.checkpointMetadata()), source: "m")
        file.tensors["layers.0.weight"] = Tensor(shape: [5, 2])
        #expect(throws: RuntimeError("m: tensor 'layers.0.weight' has shape [5, 2], the config needs [4, 2]")) {
            try MLP(checkpoint: file, source: "m")
        }
        file.metadata["config"] = "{not json"
        #expect(throws: RuntimeError("m: the config in __metadata__ is not a valid MLP config")) {
            try MLP(checkpoint: file, source: "m")
        }
    }
}

@Suite struct XORCheckpointTests {
    @Test func xorCheckpointRoundTripsAsASequential() throws {
        var rng = SeededGenerator(seed: 13)
        var net = try XORNetwork(hidden: 3, rng: &rng)
        try net.train(epochs: 500)
        #expect(net.stateDict.map(\.tensor.shape) == [[3, 2], [3], [1, 3], [1]])
        // layers.0.weight[j][i] is the weight from input i to hidden unit j: w1[i, j].
        #expect(net.stateDict[0].tensor.data[2 * 1 + 0] == Float(net.w1[1]))
        #expect(net.stateDict[0].tensor.data[2 * 1 + 1] == Float(net.w1[3 + 1]))
        let path = SafeTensorsTests.temporaryPath("xor.safetensors")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try net.save(to: path)
        let loaded = try XORNetwork.load(path: path)
        for (a, b) in zip(loaded.forward().outputs, net.forward().outputs) { #expect(abs(a - b) < 1e-6) }
        var rng2 = SeededGenerator(seed: 1)
        try MLP(layers: [2, 2, 1], rng: &rng2).save(to: path)
        #expect(throws: RuntimeError.self) { try XORNetwork.load(path: path) }
    }
}
