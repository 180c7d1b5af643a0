import Foundation
import Plots
import Testing
@testable import TerminalKit

private func makeDisplay(_ mode: GraphicsMode, port: FakePort) -> TerminalDisplay {
    TerminalDisplay(capabilities: capabilities(mode), port: port, encoders: FakeEncoders.encoders,
                    maxWidth: nil, live: true, framesDirectory: nil, reportError: { _ in })
}

private func frames(_ display: TerminalDisplay, port: FakePort, _ range: ClosedRange<Int>, last: Int) {
    for frame in range {
        port.clock += 0.05
        display.setStatus("epoch \(frame) of \(last), a status line long enough to wrap", force: true)
        display.updateLive(numberedFigure(frame, width: 800, height: 400), force: frame == last)
    }
}

/// Rows holding a text frame of the fake encoders, and the frame numbers they show.
private func textFrames(_ screen: ScreenModel) -> [Int: String] {
    screen.text.filter { $0.value.contains("frame") }
}

@Suite struct ResizeAndResumeTests {
    /// SIGWINCH mid-run: the next frame is fitted to the new window, drawn from where the old
    /// frame began, and nothing of the old frame is left.
    @Test(arguments: [GraphicsMode.sixel, .kitty, .iterm])
    func aResizedWindowGetsARefittedFrameAndNoStaleCopy(_ mode: GraphicsMode) throws {
        let port = FakePort()
        port.window = WindowSize(columns: 100, rows: 40)
        let display = makeDisplay(mode, port: port)
        display.write("> train\n")
        display.beginLive()
        frames(display, port: port, 1...3, last: 6)
        let before = try #require(ScreenModel(port.output).visibleImages.last)
        port.window = WindowSize(columns: 50, rows: 40)
        frames(display, port: port, 4...6, last: 6)
        display.endLive()
        display.write("> ")
        let screen = ScreenModel(port.output)
        let visible = screen.visibleImages
        #expect(visible.count == 1, "only the refitted frame is on screen: \(visible)")
        let after = try #require(visible.last)
        #expect(after.row == before.row, "the new frame starts where the old one began")
        #expect(after.rows < before.rows, "fitted to 50 columns (\(after.rows) rows, was \(before.rows))")
        #expect(screen.text[after.row + after.rows]?.hasPrefix("epoch 6 of 6") == true)
        #expect(screen.text[after.row + after.rows + 1] == "> ")
        #expect(screen.text.keys.allSatisfy { $0 <= after.row + after.rows + 1 }, "no stale rows below")
        #expect(screen.cursorVisible)
    }

    @Test(arguments: [GraphicsMode.blocks, .braille])
    func aResizedTextFrameLeavesNoStaleLines(_ mode: GraphicsMode) {
        let port = FakePort()
        port.window = WindowSize(columns: 100, rows: 60)
        let display = makeDisplay(mode, port: port)
        display.write("> train\n")
        display.beginLive()
        frames(display, port: port, 1...3, last: 6)
        let rowsBefore = textFrames(ScreenModel(port.output)).count
        port.window = WindowSize(columns: 50, rows: 60)
        frames(display, port: port, 4...6, last: 6)
        display.endLive()
        display.write("> ")
        let screen = ScreenModel(port.output)
        let lines = textFrames(screen)
        #expect(lines.values.allSatisfy { $0.contains("frame 6") }, "\(lines)")
        #expect(lines.count < rowsBefore && lines.keys.min() == 1)
        let last = lines.keys.max() ?? 0
        #expect(screen.text[last + 1]?.hasPrefix("epoch 6 of 6") == true)
        #expect(screen.text[last + 2] == "> ")
        #expect(screen.text.keys.allSatisfy { $0 <= last + 2 })
    }

    /// Ctrl-Z, the shell's lines, `fg`: drawing goes on below what the shell printed, which
    /// stays readable.
    @Test(arguments: [GraphicsMode.sixel, .kitty, .blocks])
    func afterCtrlZAndFgFramesContinueBelowTheShellsLines(_ mode: GraphicsMode) {
        let port = FakePort()
        let display = makeDisplay(mode, port: port)
        display.write("> train\n")
        display.beginLive()
        frames(display, port: port, 1...2, last: 5)
        // What the shell writes while nv is stopped, and after `fg`.
        port.output += Array("\n[1]+  Stopped                 nv\n$ fg\nnv\n".utf8)
        port.resumes += 1
        frames(display, port: port, 3...5, last: 5)
        display.endLive()
        display.write("> ")
        let screen = ScreenModel(port.output)
        let shellRow = screen.text.first { $0.value.hasPrefix("[1]+  Stopped") }?.key
        let fgRow = screen.text.first { $0.value == "nv" }?.key
        #expect(shellRow != nil && fgRow != nil, "the shell's lines are intact: \(screen.text)")
        guard let fgRow else { return }
        let lastStatus = screen.text.first { $0.value.hasPrefix("epoch 5 of 5") }?.key ?? -1
        #expect(lastStatus > fgRow, "the run goes on below the shell's lines")
        if mode == .blocks {
            #expect(textFrames(screen).keys.filter { $0 > fgRow }.count > 0)
        } else {
            #expect(screen.visibleImages.last.map { $0.row > fgRow } == true)
        }
        #expect(screen.text[lastStatus + 1] == "> ")
    }
}
