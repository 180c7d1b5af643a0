import Plots
import Testing
@testable import TerminalKit

/// A white figure with a small square whose shade is `frame`: only the square changes.
private func squareFigure(_ frame: Int) -> Figure {
    Figure(preferredWidth: 400, preferredHeight: 200) { w, h in
        var raster = Raster(width: w, height: h, fill: .white)
        for y in 40..<60 { for x in 100..<120 { raster[x, y] = RGBA(UInt8(frame % 256), 0, 0) } }
        return raster
    }
}

private func kittyCapabilities(term: String, tmux: Bool) -> TerminalCapabilities {
    TerminalCapabilities(mode: .kitty, modeReason: "test", colors: .trueColor, colorsReason: "test",
                         cellWidth: 10, cellHeight: 20, cellSizeSource: "test", columns: 80, rows: 40,
                         synchronizedOutput: true, tmux: tmux, interactive: true,
                         term: term, termProgram: "", replies: [])
}

/// The actions of the kitty commands in `output` that start a transmission (`a=T`, `a=f`).
private func actions(_ output: [UInt8]) -> [String] {
    let text = String(decoding: output, as: UTF8.self)
    return text.components(separatedBy: "_Ga=").dropFirst().map { String($0.prefix(1)) }
}

@Suite struct LiveFrameEditTests {
    @Test func frameEditsOnlyInKittyItselfOutsideTmux() {
        #expect(kittyCapabilities(term: "xterm-kitty", tmux: false).kittyFrameEdits)
        #expect(!kittyCapabilities(term: "xterm-kitty", tmux: true).kittyFrameEdits)
        #expect(!kittyCapabilities(term: "xterm-256color", tmux: false).kittyFrameEdits,
                "another terminal answering the graphics query may not edit frames")
        var sixel = kittyCapabilities(term: "xterm-kitty", tmux: false)
        sixel = TerminalCapabilities(mode: .sixel, modeReason: "test", colors: .trueColor, colorsReason: "test",
                                     cellWidth: 10, cellHeight: 20, cellSizeSource: "test", columns: 80, rows: 40,
                                     synchronizedOutput: true, tmux: false, interactive: true,
                                     term: "xterm-kitty", termProgram: "", replies: [])
        #expect(!sixel.kittyFrameEdits)
    }

    @Test(arguments: [("xterm-kitty", false), ("xterm-256color", false), ("xterm-kitty", true)])
    func laterFramesEditTheImageOnlyWhereKittyAllowsIt(term: String, tmux: Bool) {
        let capabilities = kittyCapabilities(term: term, tmux: tmux)
        let port = FakePort()
        let display = TerminalDisplay(capabilities: capabilities, port: port,
                                      encoders: PictureEncoders.plots(for: capabilities), maxWidth: nil,
                                      live: true, framesDirectory: nil, reportError: { _ in })
        display.beginLive()
        for frame in 1...5 {
            port.clock += 0.05
            display.updateLive(squareFigure(frame * 40), force: frame == 5)
        }
        display.endLive()
        let sent = actions(port.output)
        if capabilities.kittyFrameEdits {
            #expect(sent.first == "T")
            #expect(sent.dropFirst().allSatisfy { $0 == "f" } && sent.count >= 5)
        } else {
            #expect(sent == Array(repeating: "T", count: 5))
        }
        #expect(!port.outputText.contains("a=d"), "a frame never deletes the previous one first")
    }

    @Test func aNewLiveRegionStartsWithAWholeFrame() {
        let capabilities = kittyCapabilities(term: "xterm-kitty", tmux: false)
        let port = FakePort()
        let display = TerminalDisplay(capabilities: capabilities, port: port,
                                      encoders: PictureEncoders.plots(for: capabilities), maxWidth: nil,
                                      live: true, framesDirectory: nil, reportError: { _ in })
        for _ in 0..<2 {
            display.beginLive()
            for frame in 1...3 {
                port.clock += 0.05
                display.updateLive(squareFigure(frame * 40), force: frame == 3)
            }
            display.endLive()
            display.write("> \n")
        }
        #expect(actions(port.output) == ["T", "f", "f", "T", "f", "f"])
    }
}
