import Foundation
import Testing
@testable import Interpreter

/// The CNN builtins against files a user may hand them (configs, IDX directories, checkpoints)
/// and against q during training. Language-level behaviour with stable output lives in
/// Scripts/cnn.nv.
@Suite struct CNNLanguageTests {
    static func scratch() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nv-cnnlang-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// The message of the error `source` fails with.
    func message(_ source: String) -> String {
        failure(of: source)?.message ?? "(no error)"
    }

    @Test(arguments: [
        (#"{"layers": [{"type": "conv", "out_channels": 4}, {"type": "pool"}]}"#,
         "layer 2 has unknown type 'pool'; known types: avgpool, conv, dense"),
        (#"{"epochs": -1}"#, "'epochs' must be an integer from 1 to 10,000,000, got -1"),
        (#"{"batch_sise": 32}"#, "unknown key 'batch_sise'"),
        (#"{"layers": [{"type": "dense", "out_features": 10, "size": 3}]}"#, "layer 1 (dense) has unknown key 'size'"),
        (#"{"input_size": 4}"#, "layer 4 (conv(16, size: 3)): a 3x3 filter does not fit the 1x1 input"),
        ("[1, 2]", "not a JSON object"),
    ])
    func badConfigsNameTheFileAndTheProblem(_ json: String, _ expected: String) throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("bad.json").path
        try json.write(toFile: path, atomically: true, encoding: .utf8)
        let text = message("cnn(\"\(path)\")")
        #expect(text.hasPrefix("cnn: \(path): "), "\(text)")
        #expect(text.contains(expected), "\(text)")
    }

    /// A directory with a good label file and the image file `images` (plain IDX bytes).
    static func idxDirectory(images: [UInt8]) throws -> URL {
        let folder = try scratch()
        for (name, count) in [("train", 2), ("t10k", 2)] {
            let labels: [UInt8] = [0, 0, 0x08, 0x01, 0, 0, 0, UInt8(count)] + [UInt8](repeating: 1, count: count)
            try Data(labels).write(to: folder.appendingPathComponent("\(name)-labels-idx1-ubyte"))
            try Data(images).write(to: folder.appendingPathComponent("\(name)-images-idx3-ubyte"))
        }
        return folder
    }

    @Test(arguments: [
        ([0, 0, 0x08, 0x01, 0, 0, 0, 2] as [UInt8], "wrong magic number 2049; expected an image file (magic 2051)"),
        ([0, 0, 0x08, 0x03, 0, 0, 0, 2, 0, 0, 0, 28, 0, 0, 0, 28, 1, 2, 3] as [UInt8],
         "truncated: dimensions [2, 28, 28] need 1568 data bytes, the file has 3"),
        ([0, 0] as [UInt8], "truncated IDX file (2 bytes, no magic number)"),
    ])
    func badIDXFilesNameTheFile(_ bytes: [UInt8], _ expected: String) throws {
        let folder = try Self.idxDirectory(images: bytes)
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = message("mnist(path: \"\(folder.path)\")")
        #expect(text.hasPrefix("mnist: \(folder.path)/train-images-idx3-ubyte: "), "\(text)")
        #expect(text.contains(expected), "\(text)")
    }

    @Test func aPlainIDXDirectoryLoads() throws {
        // Two 28x28 images per file: plain (not gzip) IDX is read as well.
        let images: [UInt8] = [0, 0, 0x08, 0x03, 0, 0, 0, 2, 0, 0, 0, 28, 0, 0, 0, 28] + [UInt8](repeating: 255, count: 2 * 784)
        let folder = try Self.idxDirectory(images: images)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(output(of: "d = mnist(path: \"\(folder.path)\", size: 7, validation: 0.5); print(len(d.test), d.test[0].label, d.test.images[0][0][0][0])")
                == "2 1 1\n")
    }

    @Test func aCheckpointThatIsNotACNNIsRefusedByName() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("x.safetensors").path
        try "not safetensors".write(toFile: path, atomically: true, encoding: .utf8)
        let text = message("load(\"\(path)\")")
        #expect(text.hasPrefix("load: "), "\(text)")
        #expect(text.contains(path), "\(text)")
    }

    @Test func qStopsCNNTrainingAndTheBestWeightsStay() throws {
        let display = LiveRecordingDisplay()
        display.stopAfterPolls = 3
        let session = Session(display: display, options: SessionOptions(graphics: .none, seed: 3))
        let source = """
            d = mnist(size: 7, train_fraction: 0.1, test_fraction: 0.02, seed: 1)
            m = cnn(input: 7, layers: [flatten(), dense(10)], seed: 1)
            h = train(m, d, epochs: 100000, patience: 100000, batch: 8)
            print(h.stopped, m.epoch < 100000, m.best_epoch == m.epoch or m.best_epoch < m.epoch)
            """
        if case .failure(let error) = session.run(source, name: "test") { Issue.record("\(error.message)") }
        #expect(display.text.contains("stopped in epoch"))
        #expect(display.text.hasSuffix("stopped by user true true\n"), "\(display.text)")
        #expect(display.events.first == .begin)
        #expect(display.events.contains(.status(forced: true)))
        #expect(display.events.last == .end)
        #expect(display.statuses.last?.contains("done in") == true)
    }

    /// A run too short (or frames too rare) for any frame to be due still ends on a dashboard
    /// showing its last batch, not the placeholder of a run that has not drawn yet.
    @Test func theLastFrameShowsTheLastBatchWhenNoFrameWasDue() throws {
        let (session, display) = makeSession(seed: 1)
        let source = """
            d = mnist(size: 7, train_fraction: 0.1, test_fraction: 0.02, seed: 1)
            m = cnn(input: 7, layers: [conv(2, size: 3), relu(), flatten(), dense(10)], seed: 1)
            h = train(m, d, epochs: 2, batch: 8, every: 100000)
            """
        if case .failure(let error) = session.run(source, name: "test") { Issue.record("\(error.message)") }
        let figure = try #require(display.lastLive)
        let text = try #require(figure.drawText?(160, 60, .ascii)).plainText
        #expect(!text.contains("the batch appears"), "\(text)")
        #expect(text.contains("batch 50/50"), "\(text)")
    }
}
