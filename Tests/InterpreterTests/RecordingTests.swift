import Foundation
import Testing
@testable import Interpreter
@testable import Plots

/// Recordings: every frame a run reports reaches `--frames` and the animations, terminal or not,
/// and the same seed gives the same files.
@Suite struct RecordingTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nv-recording-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func run(_ source: String, options: SessionOptions) -> (Session, RecordingDisplay) {
        let display = RecordingDisplay()
        let session = Session(display: display, options: options)
        if case .failure(let error) = session.run(source, name: "test") { Issue.record("\(error.message)") }
        _ = session.finishRecordings()
        return (session, display)
    }

    @Test func framesWritesEveryReportedFrameWithoutATerminalAndTheSameFilesTwice() throws {
        let base = try Self.folder()
        defer { try? FileManager.default.removeItem(at: base) }
        var listings: [[String: Data]] = []
        for run in ["a", "b"] {
            let directory = base.appendingPathComponent(run).path
            _ = Self.run("net = xor(hidden: 2); train(net, epochs: 2000, every: 500)",
                         options: SessionOptions(graphics: .none, framesDirectory: directory))
            // Epochs 0, 500, 1000 and 1500, then the final picture at 2000.
            let names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
            #expect(names == (1...5).map { "frame-0000\($0).png" })
            listings.append(Dictionary(uniqueKeysWithValues: try names.map {
                ($0, try Data(contentsOf: URL(fileURLWithPath: directory).appendingPathComponent($0)))
            }))
        }
        #expect(listings[0] == listings[1])
        let first = try PNGDecoder.decode([UInt8](listings[0]["frame-00001.png"]!))
        // The dashboard's own size, whatever the terminal.
        #expect(first.width == 1200 && first.height == 720)
    }

    @Test func aRecordBlockWritesOneAnimationOfItsFrames() throws {
        let base = try Self.folder()
        defer { try? FileManager.default.removeItem(at: base) }
        let apng = base.appendingPathComponent("run.apng").path
        let gif = base.appendingPathComponent("run.gif").path
        _ = Self.run("""
            record("\(apng)") { train(xor(hidden: 2), epochs: 300, every: 100) }
            train(xor(hidden: 2), epochs: 200, every: 100, record: "\(gif)")
            """, options: SessionOptions(graphics: .none))
        let png = [UInt8](try Data(contentsOf: URL(fileURLWithPath: apng)))
        // acTL (after the signature and IHDR) counts epochs 0, 100, 200 and the final 300.
        #expect(String(decoding: png[37..<41], as: UTF8.self) == "acTL")
        #expect(Array(png[41..<45]) == [0, 0, 0, 4])
        #expect(try PNGDecoder.decode(png).width > 100)
        let gifBytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: gif)))
        #expect(Array(gifBytes.prefix(6)) == Array("GIF89a".utf8) && gifBytes.last == 0x3B)
    }

    @Test func aBlockThatFailsStillLeavesAWholeAnimation() throws {
        let base = try Self.folder()
        defer { try? FileManager.default.removeItem(at: base) }
        let apng = base.appendingPathComponent("cut.apng").path
        let display = RecordingDisplay()
        let session = Session(display: display, options: SessionOptions(graphics: .none))
        guard case .failure(let error) = session.run("record(\"\(apng)\") { train(xor(hidden: 2), epochs: 200, every: 100); nope }",
                                                     name: "test") else {
            Issue.record("expected the block to fail")
            return
        }
        #expect(error.message.contains("nope"))
        let png = [UInt8](try Data(contentsOf: URL(fileURLWithPath: apng)))
        #expect(Array(png[41..<45]) == [0, 0, 0, 3])
        #expect(session.frameSinks.isEmpty, "the block's sink is gone after it")
        // Nothing shown, nothing recorded: no file at all.
        let empty = base.appendingPathComponent("empty.gif").path
        _ = session.run("record(\"\(empty)\") { 1 }", name: "test")
        #expect(!FileManager.default.fileExists(atPath: empty))
    }
}
