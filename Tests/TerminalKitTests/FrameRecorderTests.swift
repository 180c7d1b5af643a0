import Foundation
import Plots
import Testing
@testable import TerminalKit

private func temporaryDirectory() -> String {
    NSTemporaryDirectory() + "nv-frames-\(UUID().uuidString)"
}

@Suite struct FrameRecorderTests {
    @Test(arguments: [(1, "frame-00001.png"), (42, "frame-00042.png"), (123456, "frame-123456.png")])
    func namesAreNumbered(index: Int, name: String) {
        #expect(FrameRecorder.fileName(index: index) == name)
    }

    @Test func everyDrawnFrameAndEveryShownPictureIsWritten() throws {
        let directory = temporaryDirectory() + "/nested"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let port = FakePort()
        let display = TerminalDisplay(capabilities: capabilities(.kitty), port: port,
                                      encoders: FakeEncoders.encoders, maxWidth: nil, live: true,
                                      framesDirectory: directory, reportError: { _ in })
        display.show(numberedFigure(7))
        display.beginLive()
        for frame in 1...3 {
            port.clock += 1
            display.updateLive(numberedFigure(frame), force: false)
        }
        port.clock += 0.001
        #expect(!display.updateLive(numberedFigure(9), force: false), "dropped frames are not written")
        display.endLive()
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(files == (1...4).map { FrameRecorder.fileName(index: $0) })
        let last = try String(contentsOfFile: directory + "/frame-00004.png", encoding: .utf8)
        #expect(last.hasSuffix(" 3"))
    }

    @Test func textModesRecordAtTheFiguresOwnSize() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let port = FakePort()
        let display = TerminalDisplay(capabilities: capabilities(.blocks), port: port,
                                      encoders: FakeEncoders.encoders, maxWidth: 300, live: true,
                                      framesDirectory: directory, reportError: { _ in })
        display.show(numberedFigure(1, width: 600, height: 400))
        let first = try String(contentsOfFile: directory + "/frame-00001.png", encoding: .utf8)
        #expect(first.hasPrefix("PNG 300x200"))
    }

    @Test func anUnwritableDirectoryIsReportedOnce() throws {
        let blocker = temporaryDirectory()
        try Data("a file".utf8).write(to: URL(fileURLWithPath: blocker))
        defer { try? FileManager.default.removeItem(atPath: blocker) }
        var errors: [String] = []
        let port = FakePort()
        let display = TerminalDisplay(capabilities: capabilities(.sixel), port: port,
                                      encoders: FakeEncoders.encoders, maxWidth: nil, live: true,
                                      framesDirectory: blocker + "/frames", reportError: { errors.append($0) })
        display.show(numberedFigure(1))
        display.show(numberedFigure(2))
        #expect(errors.count == 1)
        #expect(errors.first?.contains("--frames") == true)
        #expect(errors.first?.contains(blocker) == true)
        #expect(errors.first?.contains("'\(blocker)' is a file, not a directory") == true)
        #expect(ScreenModel(port.output).visibleImages.count == 2, "pictures still show")
    }
}
