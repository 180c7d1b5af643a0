import Foundation
@testable import Plots
import Testing
@testable import Interpreter

/// A learner's own PNG digits through `image(path)`, the files it refuses, and the live CNN
/// dashboard's frames during `train`.
@Suite struct CNNViewLanguageTests {
    static func scratch() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nv-cnnviews-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A "1" drawn as a dark bar on white loads as a 28x28 tensor with its ink centred, and a
    /// 14x14 network predicts it and explains it (the 28x28 input is pooled down).
    @Test func loadsAUsersDigit() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        var raster = Raster(width: 120, height: 160, fill: .white)
        raster.fillRect(Rect(x: 20, y: 30, width: 14, height: 100), color: RGBA(30, 30, 30))
        let path = folder.appendingPathComponent("one.png").path
        try Data(PNGEncoder.encode(raster)).write(to: URL(fileURLWithPath: path))
        let (session, display) = makeSession(seed: 1)
        let source = """
        d = image("\(path)")
        print(d.shape, d[14][14] > 0.9, d[0][0])
        m = cnn(seed: 1)
        print(type(predict(m, d)), type(saliency(m, d)), type(image("\(path)", size: 14)))
        """
        if case .failure(let error) = session.run(source, name: "test") { Issue.record("\(error.message)") }
        #expect(display.text == "[28, 28] true 0\nnumber figure tensor\n")
    }

    /// Files that are not a usable digit are refused with the path and the reason.
    @Test(arguments: [
        ("text.png", Array("hello, not a picture".utf8), "not a PNG file"),
        ("empty.png", [], "the file is empty"),
        ("huge.png", PNGDepthHeader.png(width: 8000, height: 8000, depth: 8), "more than the 16777216 accepted"),
        ("depth3.png", PNGDepthHeader.png(width: 4, height: 4, depth: 3), "bit depth 3 is not valid"),
        ("cut.png", Array(PNGEncoder.encode(Raster(width: 30, height: 30, fill: .black)).prefix(50)), "truncated"),
        ("blank.png", PNGEncoder.encode(Raster(width: 30, height: 30, fill: .white)), "no ink"),
    ] as [(String, [UInt8], String)])
    func refusesBadImages(name: String, bytes: [UInt8], expected: String) throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let message = failure(of: "image(\"\(path)\")")?.message ?? "(no error)"
        #expect(message.hasPrefix("image: \(path): "), "\(message)")
        #expect(message.contains(expected), "\(message)")
    }

    /// Live training draws dashboard frames every `every` batches as the pacing allows and
    /// always a last one; `show(model)` draws the summary; `infer` shows its cards.
    @Test func trainingDrawsTheDashboard() throws {
        let (session, display) = makeSession(seed: 1)
        let source = """
        d = mnist(size: 7, train_fraction: 0.1, test_fraction: 0.02, seed: 1)
        m = cnn(input: 7, layers: [conv(4, size: 3), relu(), maxpool(2), flatten(), dense(10), softmax()], seed: 4)
        h = train(m, d, epochs: 1, batch: 16, every: 1)
        show(m)
        infer(m, d, count: 2)
        """
        if case .failure(let error) = session.run(source, name: "test") { Issue.record("\(error.message)") }
        #expect(display.liveFrames >= 1)
        #expect(display.shown.count == 2)
    }
}

/// A PNG whose header says `width` x `height` at `depth` bits (gray), with a token IDAT: enough
/// to be refused before any pixel is decoded.
enum PNGDepthHeader {
    static func png(width: UInt32, height: UInt32, depth: UInt8) -> [UInt8] {
        var bytes = PNGEncoder.signature
        var header: [UInt8] = []
        PNGEncoder.appendBigEndian(width, to: &header)
        PNGEncoder.appendBigEndian(height, to: &header)
        header += [depth, 0, 0, 0, 0]
        PNGEncoder.appendChunk("IHDR", header, to: &bytes)
        PNGEncoder.appendChunk("IDAT", Zlib.deflate([0, 0]), to: &bytes)
        PNGEncoder.appendChunk("IEND", [], to: &bytes)
        return bytes
    }
}
