import Plots
@testable import TerminalKit

/// A terminal port that records what is written and replays typed keys, with a clock the test
/// moves by hand.
final class FakePort: TerminalPort {
    var output: [UInt8] = []
    var typed: [UInt8] = []
    var clock = 0.0
    var keyModeDepth = 0
    var keyModeEntries = 0
    var window: WindowSize? = WindowSize(columns: 80, rows: 40)

    func write(_ bytes: [UInt8]) { output += bytes }
    func readAvailableInput() -> [UInt8] {
        defer { typed = [] }
        return typed
    }
    func enterKeyMode() { keyModeDepth += 1; keyModeEntries += 1 }
    func leaveKeyMode() { keyModeDepth = max(0, keyModeDepth - 1) }
    func windowSize() -> WindowSize? { window }
    func now() -> Double { clock }
    var pauses: [(at: Int, seconds: Double)] = []
    func pause(seconds: Double) { pauses.append((output.count, seconds)) }
    /// Raised by a test to stand for Ctrl-Z and `fg`.
    var resumes = 0
    func resumeCount() -> Int { resumes }

    var outputText: String { String(decoding: output, as: UTF8.self) }
}

/// Encoders whose output `ScreenModel` understands: the image's rows (at 20 px per cell) and,
/// for text, the rows a 1x2-pixel cell grid `columns` wide takes naming the frame (the red value of the first pixel).
enum FakeEncoders {
    static func rows(_ raster: Raster) -> Int { (raster.height + 19) / 20 }

    static let encoders = PictureEncoders(
        png: { raster in Array("PNG \(raster.width)x\(raster.height) \(raster[0, 0].r)".utf8) },
        kitty: { raster, id in Array("\u{1B}_Ga=T,i=\(id),p=1,q=2,C=1,r=\(rows(raster));AAAA\u{1B}\\".utf8) },
        kittyVirtual: { raster, id, columns, rows in
            Array("\u{1B}_Ga=T,i=\(id),p=1,q=2,U=1,c=\(columns),r=\(rows),red=\(raster[0, 0].r);AAAA\u{1B}\\".utf8)
        },
        sixel: { raster in Array("\u{1B}Pq;r=\(rows(raster));#0\u{1B}\\".utf8) },
        iterm: { raster in Array("\u{1B}]1337;r=\(rows(raster));File=inline=1:AAAA\u{07}".utf8) },
        text: { raster, mode, colors, columns in
            let marker = "frame \(raster[0, 0].r) \(mode.rawValue)"
            let color = colors == .none || mode == .ascii ? "" : "\u{1B}[38;2;1;2;3m"
            let rows = max(1, Int((Double(raster.height) * Double(columns) / Double(raster.width) / 2).rounded()))
            return (0..<rows).map { _ in color + marker }
        })
}

/// A figure filled with red value `frame`, so encoders can tell frames apart.
func numberedFigure(_ frame: Int, width: Int = 400, height: Int = 200) -> Figure {
    Figure(preferredWidth: width, preferredHeight: height) { w, h in
        Raster(width: w, height: h, fill: RGBA(UInt8(frame % 256), 0, 0))
    }
}

func capabilities(_ mode: GraphicsMode, interactive: Bool = true, sync: Bool = true,
                  colors: ColorDepth = .trueColor, tmux: Bool = false) -> TerminalCapabilities {
    TerminalCapabilities(mode: mode, modeReason: "test", colors: colors, colorsReason: "test",
                         cellWidth: 10, cellHeight: 20, cellSizeSource: "test", columns: 80, rows: 40,
                         synchronizedOutput: sync, tmux: tmux, interactive: interactive,
                         term: "xterm", termProgram: "", replies: [])
}
