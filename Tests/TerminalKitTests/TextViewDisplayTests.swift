import Foundation
import Plots
import Testing
@testable import TerminalKit

/// A figure with a text form goes to the text modes as characters (titles, ticks and labels as
/// text), sized to the window, and live text frames still replace each other in place.
@Suite struct TextViewDisplayTests {
    static func chart(_ title: String) -> Figure {
        Figure.single(Axes([LineChart(ys: [1, 4, 9, 16, 25])], xLabel: "epoch", yLabel: "loss"), title: title)
    }

    func display(_ mode: GraphicsMode, port: FakePort, colors: ColorDepth = .trueColor) -> TerminalDisplay {
        TerminalDisplay(capabilities: capabilities(mode, colors: colors), port: port, encoders: FakeEncoders.encoders,
                        maxWidth: nil, live: true, framesDirectory: nil, reportError: { _ in })
    }

    @Test(arguments: [GraphicsMode.blocks, .braille, .ascii])
    func aShownFigureIsTextSizedToTheWindow(_ mode: GraphicsMode) {
        let port = FakePort()
        display(mode, port: port).show(Self.chart("squares"))
        let screen = ScreenModel(port.output)
        let rows = screen.text.values
        #expect(rows.contains { $0.contains("squares") }, "the title is text")
        #expect(rows.contains { $0.contains("epoch") } && rows.contains { $0.contains("loss") })
        #expect(rows.contains { $0.contains("25") }, "the top tick is text")
        #expect(rows.allSatisfy { $0.count <= 79 }, "never as wide as the window (no wrap)")
        #expect(screen.text.count <= 39)
        if mode == .ascii { #expect(!port.output.contains(0x1B), "ASCII writes no escape sequence") }
    }

    @Test func noColourTerminalsGetNoColourCodes() {
        let port = FakePort()
        display(.blocks, port: port, colors: .none).show(Self.chart("plain"))
        let text = String(decoding: port.output, as: UTF8.self)
        #expect(!text.contains("\u{1B}[38;") && !text.contains("\u{1B}[48;"))
        #expect(text.contains("plain"))
    }

    @Test func liveTextFramesReplaceEachOtherInPlace() {
        let port = FakePort()
        let display = display(.blocks, port: port)
        display.beginLive()
        for frame in 1...4 {
            port.clock += 0.1
            display.setStatus("epoch \(frame)", force: true)
            display.updateLive(Self.chart("frame \(frame)"), force: frame == 4)
        }
        display.endLive()
        let screen = ScreenModel(port.output)
        let titles = screen.text.filter { $0.value.contains("frame") }
        #expect(titles.count == 1 && titles.values.first?.contains("frame 4") == true, "\(titles)")
        #expect(titles.keys.first == 0, "every frame starts on the region's first row")
        #expect(screen.text.values.contains { $0.hasPrefix("epoch 4") })
    }
}
