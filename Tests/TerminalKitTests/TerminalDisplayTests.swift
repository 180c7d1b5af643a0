import Foundation
import Plots
import Testing
@testable import TerminalKit

private func makeDisplay(_ mode: GraphicsMode, port: FakePort, interactive: Bool = true,
                         live: Bool = true, frames: String? = nil, sync: Bool = true,
                         errors: ((String) -> Void)? = nil) -> TerminalDisplay {
    TerminalDisplay(capabilities: capabilities(mode, interactive: interactive, sync: sync),
                    port: port, encoders: FakeEncoders.encoders, maxWidth: nil, live: live,
                    framesDirectory: frames, reportError: errors ?? { _ in })
}

/// Runs a live figure of `frames` frames, one every 50 ms (all drawn at 30 fps), the last forced.
private func animate(_ display: TerminalDisplay, port: FakePort, frames: Int = 50,
                     status: Bool = false) {
    display.beginLive()
    for frame in 1...frames {
        port.clock += 0.05
        if status { display.setStatus("epoch \(frame)", force: frame == frames) }
        display.updateLive(numberedFigure(frame), force: frame == frames)
    }
    display.endLive()
}

@Suite struct TerminalDisplayTests {
    @Test(arguments: [GraphicsMode.kitty, .sixel, .iterm])
    func aLiveFigureEndsAsOneImageWithTheCursorBelow(_ mode: GraphicsMode) {
        let port = FakePort()
        let display = makeDisplay(mode, port: port)
        display.write("> train\n")
        animate(display, port: port)
        display.write("> ")
        let screen = ScreenModel(port.output)
        let images = screen.visibleImages
        #expect(images.count == 1)
        #expect(screen.images.count == 50)
        #expect(screen.saveCount == 1, "the cursor is saved once per live region")
        if let image = images.first {
            #expect(image.row == 1)
            #expect(screen.row == image.row + image.rows, "the prompt lands right under the image")
            #expect(screen.text[screen.row] == "> ")
        }
        #expect(screen.cursorVisible)
        #expect(screen.syncBalanced && screen.syncDepth == 0)
    }

    @Test(arguments: [GraphicsMode.blocks, .braille])
    func aLiveTextFigureIsOverwrittenInPlace(_ mode: GraphicsMode) {
        let port = FakePort()
        let display = makeDisplay(mode, port: port)
        animate(display, port: port, frames: 5, status: true)
        let screen = ScreenModel(port.output)
        let frameLines = screen.text.filter { $0.value.contains("frame") }
        #expect(!frameLines.isEmpty)
        #expect(frameLines.values.allSatisfy { $0.contains("frame 5 \(mode.rawValue)") })
        let lastFrameRow = frameLines.keys.max() ?? -1
        #expect(screen.text[lastFrameRow + 1] == "epoch 5")
        #expect(screen.row == lastFrameRow + 2)
        #expect(frameLines.keys.min() == 0)
    }

    /// A run that draws no picture (a CNN's epochs) still has its status line: on a row of its
    /// own, under the lines the run writes, and left standing as the closing line.
    @Test(arguments: [GraphicsMode.kitty, .blocks])
    func aStatusWithoutAPictureStaysUnderTheWrittenLines(_ mode: GraphicsMode) {
        let port = FakePort()
        let display = makeDisplay(mode, port: port)
        display.write("> train")
        display.beginLive()
        for epoch in 1...3 {
            for batch in 1...4 {
                port.clock += 0.1
                display.setStatus("epoch \(epoch) batch \(batch)", force: false)
            }
            display.write("epoch \(epoch) done\n")
        }
        display.setStatus("finished", force: true)
        display.endLive()
        display.write("> ")
        let screen = ScreenModel(port.output)
        #expect(screen.text[0] == "> train")
        #expect((1...3).map { screen.text[$0] } == ["epoch 1 done", "epoch 2 done", "epoch 3 done"])
        #expect(screen.text[4] == "finished")
        #expect(screen.row == 5)
        #expect(screen.text[5] == "> ")
        #expect(!screen.text.values.contains { $0.contains("batch") })
    }

    @Test func theStatusLineSitsUnderTheImageAndTheCursorUnderIt() {
        let port = FakePort()
        let display = makeDisplay(.kitty, port: port)
        animate(display, port: port, frames: 10, status: true)
        let screen = ScreenModel(port.output)
        let image = screen.visibleImages.first
        #expect(screen.visibleImages.count == 1)
        if let image {
            #expect(screen.text[image.row + image.rows] == "epoch 10")
            #expect(screen.row == image.row + image.rows + 1)
        }
    }

    @Test func framesOfferedTooFastAreDropped() {
        let port = FakePort()
        let display = makeDisplay(.kitty, port: port)
        display.beginLive()
        var drawn: [Bool] = []
        for frame in 1...10 {
            port.clock += 0.001
            drawn.append(display.updateLive(numberedFigure(frame), force: frame == 10))
        }
        display.endLive()
        #expect(drawn == [true] + Array(repeating: false, count: 8) + [true])
    }

    @Test func textWrittenDuringALiveFigureGoesBelowItAndTheNextFrameStartsANewImage() {
        let port = FakePort()
        let display = makeDisplay(.kitty, port: port)
        display.beginLive()
        port.clock += 1
        display.updateLive(numberedFigure(1), force: false)
        display.write("a message\n")
        port.clock += 1
        display.updateLive(numberedFigure(2), force: true)
        display.endLive()
        let screen = ScreenModel(port.output)
        let images = screen.visibleImages
        #expect(images.count == 2)
        #expect(Set(images.compactMap(\.id)).count == 2)
        if images.count == 2 {
            #expect(screen.text[images[0].row + images[0].rows] == "a message")
            #expect(images[1].row > images[0].row + images[0].rows)
        }
    }

    @Test func eachShownPictureIsItsOwnImage() {
        let port = FakePort()
        let display = makeDisplay(.kitty, port: port)
        display.show(numberedFigure(1))
        display.write("between\n")
        display.show(numberedFigure(2))
        let screen = ScreenModel(port.output)
        #expect(screen.visibleImages.count == 2)
        if let first = screen.visibleImages.first {
            #expect(screen.text[first.row + first.rows] == "between")
        }
        #expect(screen.column == 0)
    }

    @Test func aPictureAfterUnfinishedTextStartsOnANewLine() {
        let port = FakePort()
        let display = makeDisplay(.sixel, port: port)
        display.write("no newline")
        display.show(numberedFigure(1))
        let screen = ScreenModel(port.output)
        #expect(screen.visibleImages.first?.row == 1)
    }

    @Test func notATerminalPrintsOnlyTheForcedFrameAsText() {
        let port = FakePort()
        let display = makeDisplay(.ascii, port: port, interactive: false)
        display.beginLive()
        display.setStatus("epoch 3 loss 0.1")
        port.clock += 1
        #expect(!display.updateLive(numberedFigure(1), force: false))
        #expect(port.output.isEmpty)
        port.clock += 1
        #expect(display.updateLive(numberedFigure(2), force: true))
        display.endLive()
        #expect(port.keyModeEntries == 0)
        #expect(!port.output.contains(0x1B))
        #expect(port.outputText.contains("frame 2 ascii"))
        #expect(!port.outputText.contains("frame 1"))
        #expect(port.outputText.hasSuffix("epoch 3 loss 0.1\n"))
    }

    @Test func asciiOnATerminalWritesNoEscapeByte() {
        let port = FakePort()
        let display = makeDisplay(.ascii, port: port, sync: true)
        display.show(numberedFigure(1))
        animate(display, port: port, frames: 20, status: true)
        display.write("done\n")
        #expect(!port.output.isEmpty)
        #expect(!port.output.contains(0x1B))
        #expect(port.outputText.contains("frame 20 ascii"))
        #expect(!port.outputText.contains("frame 19"))
    }

    @Test func noLiveShowsOnlyTheLastFrame() {
        let port = FakePort()
        let display = makeDisplay(.kitty, port: port, live: false)
        animate(display, port: port, frames: 10)
        let screen = ScreenModel(port.output)
        #expect(screen.images.count == 1)
    }

    @Test func noneShowsNothing() {
        let port = FakePort()
        let display = makeDisplay(.none, port: port)
        display.show(numberedFigure(1))
        animate(display, port: port, frames: 3)
        #expect(port.output.isEmpty)
    }

    @Test func qStopsAndTheKeyboardModeIsRestored() {
        let port = FakePort()
        let display = makeDisplay(.kitty, port: port)
        display.beginLive()
        #expect(port.keyModeDepth == 1)
        #expect(!display.stopRequested())
        port.typed = Array("xq".utf8)
        #expect(display.stopRequested())
        #expect(display.stopRequested(), "a stop request stays until the live figure ends")
        display.endLive()
        #expect(port.keyModeDepth == 0)
        #expect(!display.stopRequested())
    }

    @Test func synchronizedOutputOnlyWhenSupported() {
        let withSync = FakePort()
        animate(makeDisplay(.kitty, port: withSync, sync: true), port: withSync, frames: 3)
        let without = FakePort()
        animate(makeDisplay(.kitty, port: without, sync: false), port: without, frames: 3)
        #expect(withSync.outputText.components(separatedBy: EscapeSequence.beginSync).count - 1 == 3)
        #expect(!without.outputText.contains(EscapeSequence.beginSync))
    }

    @Test func aLongStatusLineIsCutToTheWindow() {
        let port = FakePort()
        port.window = WindowSize(columns: 20, rows: 40)
        let display = makeDisplay(.blocks, port: port)
        display.beginLive()
        display.setStatus(String(repeating: "x", count: 50))
        port.clock += 1
        display.updateLive(numberedFigure(1), force: true)
        display.endLive()
        let screen = ScreenModel(port.output)
        #expect(screen.text.values.contains(String(repeating: "x", count: 17) + " …"))
    }

    @Test(arguments: [GraphicsMode.kitty, .sixel])
    func underTmuxThePictureIsSentOnlyAfterTheCursorIsParked(_ mode: GraphicsMode) {
        let port = FakePort()
        let display = TerminalDisplay(capabilities: capabilities(mode, tmux: true), port: port,
                                      encoders: FakeEncoders.encoders, maxWidth: nil, live: true,
                                      framesDirectory: nil, reportError: { _ in })
        display.show(numberedFigure(1))
        animate(display, port: port, frames: 5)
        #expect(port.pauses.count == 6)
        for pause in port.pauses {
            let before = String(decoding: port.output[..<pause.at], as: UTF8.self)
            let after = port.output[pause.at...]
            #expect(before.hasSuffix(EscapeSequence.saveCursor) || before.hasSuffix(EscapeSequence.restoreCursor))
            #expect(after.starts(with: [0x1B, mode == .kitty ? UInt8(ascii: "_") : UInt8(ascii: "P")]))
        }
        let screen = ScreenModel(port.output)
        #expect(screen.visibleImages.count == 2)
        #expect(!port.outputText.contains(EscapeSequence.beginSync))
    }

    @Test func withoutTmuxThereIsNoPause() {
        let port = FakePort()
        animate(makeDisplay(.kitty, port: port), port: port, frames: 5)
        #expect(port.pauses.isEmpty)
    }
}
