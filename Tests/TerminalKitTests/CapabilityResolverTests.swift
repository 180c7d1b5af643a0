import Plots
import Testing
@testable import TerminalKit

private let window = WindowSize(columns: 100, rows: 40)

private func resolve(_ requested: GraphicsMode = .auto, tty: Bool = true,
                     env: [String: String] = [:], replies: [TerminalReply] = [],
                     window: WindowSize? = window) -> TerminalCapabilities {
    CapabilityResolver.resolve(requested: requested, stdoutIsTTY: tty, environment: env,
                               replies: replies, window: window)
}

@Suite struct CapabilityResolverTests {
    struct ModeCase: Sendable, CustomStringConvertible {
        var name: String
        var env: [String: String]
        var replies: [TerminalReply]
        var expected: GraphicsMode
        var description: String { name }
    }

    static let modeCases: [ModeCase] = [
        ModeCase(name: "kitty OK", env: ["TERM": "xterm-kitty"],
                 replies: [.kittyGraphics(id: 31, message: "OK"), .deviceAttributes([62])], expected: .kitty),
        ModeCase(name: "kitty beats a Sixel DA1", env: [:],
                 replies: [.deviceAttributes([62, 4]), .kittyGraphics(id: 31, message: "OK")], expected: .kitty),
        ModeCase(name: "kitty error is not kitty", env: ["COLORTERM": "truecolor"],
                 replies: [.kittyGraphics(id: 31, message: "EINVAL"), .deviceAttributes([62])], expected: .blocks),
        ModeCase(name: "xterm vt340", env: ["TERM": "xterm"],
                 replies: [.deviceAttributes([63, 1, 2, 4, 6, 9, 15, 22])], expected: .sixel),
        ModeCase(name: "iTerm2 by TERM_PROGRAM", env: ["TERM_PROGRAM": "iTerm.app"],
                 replies: [.deviceAttributes([62, 4])], expected: .iterm),
        ModeCase(name: "WezTerm", env: ["TERM_PROGRAM": "WezTerm"], replies: [], expected: .iterm),
        ModeCase(name: "mlterm", env: ["MLTERM": "3.9.0", "TERM": "xterm"],
                 replies: [.deviceAttributes([63, 1, 2, 3, 4, 7, 29])], expected: .iterm),
        ModeCase(name: "truecolor text", env: ["COLORTERM": "truecolor", "TERM": "xterm"],
                 replies: [.deviceAttributes([1, 2])], expected: .blocks),
        ModeCase(name: "256 colours", env: ["TERM": "screen-256color"], replies: [], expected: .blocks),
        ModeCase(name: "plain xterm", env: ["TERM": "xterm"], replies: [.deviceAttributes([1, 2])], expected: .ascii),
        ModeCase(name: "NO_COLOR", env: ["NO_COLOR": "1", "COLORTERM": "truecolor"], replies: [], expected: .ascii),
        ModeCase(name: "dumb", env: ["TERM": "dumb", "COLORTERM": "truecolor"], replies: [], expected: .ascii),
    ]

    @Test(arguments: modeCases)
    func autoPicksTheMode(_ testCase: ModeCase) {
        let capabilities = resolve(env: testCase.env, replies: testCase.replies)
        #expect(capabilities.mode == testCase.expected)
        #expect(!capabilities.modeReason.isEmpty)
    }

    @Test func notATerminalMeansTextWithoutColourOrAnimation() {
        let capabilities = resolve(tty: false, env: ["COLORTERM": "truecolor", "TERM": "xterm-kitty"])
        #expect(capabilities.mode == .ascii)
        #expect(capabilities.colors == .none)
        #expect(!capabilities.interactive)
        #expect(!capabilities.synchronizedOutput)
    }

    @Test(arguments: [GraphicsMode.kitty, .sixel, .iterm, .blocks, .braille, .ascii, .none])
    func anExplicitModeWins(_ mode: GraphicsMode) {
        let capabilities = resolve(mode, tty: false, replies: [.kittyGraphics(id: 31, message: "OK")])
        #expect(capabilities.mode == mode)
    }

    @Test(arguments: [(1, true), (2, true), (3, true), (4, false), (0, false)])
    func synchronizedOutputFollowsDECRPM(value: Int, supported: Bool) {
        let capabilities = resolve(replies: [.privateModeReport(mode: 2026, value: value)])
        #expect(capabilities.synchronizedOutput == supported)
    }

    @Test func cellSizeComesFromTheKernelFirst() {
        let capabilities = resolve(replies: [.cellSizePixels(width: 7, height: 15)],
                                   window: WindowSize(columns: 100, rows: 40, pixelWidth: 900, pixelHeight: 720))
        #expect((capabilities.cellWidth, capabilities.cellHeight) == (9, 18))
        #expect(capabilities.cellSizeSource.hasPrefix("TIOCGWINSZ"))
    }

    @Test func cellSizeFromTheTerminalsAnswersWhenTheKernelDoesNotKnow() {
        let fromCell = resolve(replies: [.textAreaPixels(width: 1000, height: 800), .cellSizePixels(width: 7, height: 15)])
        #expect((fromCell.cellWidth, fromCell.cellHeight) == (7, 15))
        let fromArea = resolve(replies: [.textAreaPixels(width: 1000, height: 800)])
        #expect((fromArea.cellWidth, fromArea.cellHeight) == (10, 20))
        #expect(fromArea.cellSizeSource.contains("14t"))
        let fromNothing = resolve()
        #expect(fromNothing.cellSizeSource.hasPrefix("default"))
    }

    @Test func tmuxUsesTheDefaultCellSize() {
        let capabilities = resolve(env: ["TMUX": "/tmp/tmux-0/default,1,0"],
                                   replies: [.cellSizePixels(width: 7, height: 15)],
                                   window: WindowSize(columns: 100, rows: 40, pixelWidth: 700, pixelHeight: 600))
        #expect(capabilities.tmux)
        #expect((capabilities.cellWidth, capabilities.cellHeight)
                == (CapabilityResolver.defaultCellWidth, CapabilityResolver.defaultCellHeight))
    }

    @Test func theSixelLimitIsTheSmallestSuccessfulAnswer() {
        let xterm = resolve(replies: [.graphicsAttribute(item: 2, status: 0, values: [900, 624]),
                                      .graphicsAttribute(item: 2, status: 0, values: [1000, 1000]),
                                      .deviceAttributes([63, 4])])
        #expect(xterm.maxSixelWidth == 900 && xterm.maxSixelHeight == 624)
        let mlterm = resolve(replies: [.graphicsAttribute(item: 1, status: 3, values: [0])])
        #expect(mlterm.maxSixelWidth == nil && mlterm.maxSixelHeight == nil)
    }

    /// xterm's VT340 mode has 16 colour registers unless told otherwise: a dashboard drawn
    /// with 256 came out in the wrong colours (registers taken modulo 16), seen under Xvfb.
    @Test func sixelColoursAreTheTerminalsRegistersAfterAskingForMore() {
        let sixelDA1 = TerminalReply.deviceAttributes([63, 1, 2, 4, 6, 9, 15, 22])
        let vt340 = resolve(env: ["TERM": "xterm"],
                            replies: [.graphicsAttribute(item: 1, status: 0, values: [16]), sixelDA1])
        #expect(vt340.mode == .sixel && vt340.sixelColorRegisters == 16)
        #expect(TerminalProbe.colorRegistersToRequest(vt340) == 256)

        let raised = resolve(env: ["TERM": "xterm"],
                             replies: vt340.replies + [.graphicsAttribute(item: 1, status: 0, values: [256]), sixelDA1])
        #expect(raised.sixelColorRegisters == 256)
        #expect(TerminalProbe.colorRegistersToRequest(raised) == nil)
        #expect(raised.sixelColorRegistersBefore == 16 && vt340.sixelColorRegistersBefore == nil)

        // A refusal leaves the count read first; no answer at all means the usual 256; more
        // than 256 registers are used as 256 (the encoder's palette).
        let refused = resolve(env: ["TERM": "xterm"], replies: vt340.replies + [.graphicsAttribute(item: 1, status: 3, values: [0])])
        #expect(refused.sixelColorRegisters == 16)
        #expect(resolve(env: ["TERM": "xterm"], replies: [sixelDA1]).sixelColorRegisters == 256)
        #expect(resolve(replies: [.graphicsAttribute(item: 1, status: 0, values: [1024]), sixelDA1]).sixelColorRegisters == 256)
        #expect(TerminalProbe.colorRegistersToRequest(resolve(replies: [sixelDA1])) == nil)

        // The Sixel encoder then uses the registers there are: a 300-colour ramp in 16.
        var ramp = Raster(width: 300, height: 6)
        for x in 0..<300 { for y in 0..<6 { ramp[x, y] = RGBA(UInt8(x * 255 / 299), UInt8(y * 40), 128) } }
        let sixel = String(decoding: PictureEncoders.plots(for: vt340).sixel(ramp), as: UTF8.self)
        let registers = Set(sixel.split(separator: "#").dropFirst().compactMap { Int($0.prefix { $0.isNumber }) })
        #expect(registers.count == 16 && registers.max() == 15)
        let full = String(decoding: PictureEncoders.plots(for: raised).sixel(ramp), as: UTF8.self)
        #expect(Set(full.split(separator: "#").dropFirst().compactMap { Int($0.prefix { $0.isNumber }) }).count > 100)

        // Only a Sixel picture asks: kitty never needs the registers.
        let kitty = resolve(env: ["TERM": "xterm-kitty"],
                            replies: [.kittyGraphics(id: 31, message: "OK"), .graphicsAttribute(item: 1, status: 0, values: [16])])
        #expect(kitty.mode == .kitty && TerminalProbe.colorRegistersToRequest(kitty) == nil)
    }

    @Test func missingWindowSizeFallsBackTo80x24() {
        let capabilities = resolve(window: nil)
        #expect((capabilities.columns, capabilities.rows) == (80, 24))
    }
}
