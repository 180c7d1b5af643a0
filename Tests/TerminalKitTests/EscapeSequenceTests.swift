import Testing
@testable import TerminalKit

@Suite struct EscapeSequenceTests {
    @Test func tmuxPassthroughDoublesEveryEscape() {
        let wrapped = EscapeSequence.tmuxPassthrough("\u{1B}_Gi=1;AAAA\u{1B}\\")
        #expect(wrapped == "\u{1B}Ptmux;\u{1B}\u{1B}_Gi=1;AAAA\u{1B}\u{1B}\\\u{1B}\\")
        #expect(EscapeSequence.tmuxPassthrough(Array("\u{1B}x".utf8)) == Array(EscapeSequence.tmuxPassthrough("\u{1B}x").utf8))
    }

    @Test func queriesEndWithDeviceAttributes() {
        for tmux in [false, true] {
            let queries = EscapeSequence.detectionQueries(tmux: tmux)
            #expect(queries.hasSuffix(EscapeSequence.deviceAttributesQuery))
            #expect(queries.contains("a=q"))
        }
        #expect(EscapeSequence.detectionQueries(tmux: true).hasPrefix("\u{1B}Ptmux;"))
    }

    @Test(arguments: [(0, ""), (1, "\u{1B}[1A"), (12, "\u{1B}[12A")])
    func cursorUp(lines: Int, expected: String) {
        #expect(EscapeSequence.cursorUp(lines) == expected)
    }
}

@Suite struct TerminalProbeTests {
    @Test func theWaitEndsWithDA1OrUnderTmuxWithTheKittyReply() {
        let da1: [TerminalReply] = [.deviceAttributes([1, 2])]
        let kitty: [TerminalReply] = [.kittyGraphics(id: 31, message: "OK")]
        #expect(TerminalProbe.isComplete(da1, tmux: false))
        #expect(!TerminalProbe.isComplete(kitty, tmux: false))
        #expect(!TerminalProbe.isComplete(da1, tmux: true))
        #expect(TerminalProbe.isComplete(da1 + kitty, tmux: true))
    }
}
