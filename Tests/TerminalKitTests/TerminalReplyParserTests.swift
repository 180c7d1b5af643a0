import Testing
@testable import TerminalKit

private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

@Suite struct TerminalReplyParserTests {
    @Test(arguments: [
        ("\u{1B}_Gi=31;OK\u{1B}\\", TerminalReply.kittyGraphics(id: 31, message: "OK")),
        ("\u{1B}_Gi=31;ENOTSUPPORTED:no\u{1B}\\", .kittyGraphics(id: 31, message: "ENOTSUPPORTED:no")),
        ("\u{1B}[?63;1;2;4;6;9;15;22c", .deviceAttributes([63, 1, 2, 4, 6, 9, 15, 22])),
        ("\u{1B}[?62;c", .deviceAttributes([62])),
        ("\u{1B}[?2026;2$y", .privateModeReport(mode: 2026, value: 2)),
        ("\u{1B}[?2026;0$y", .privateModeReport(mode: 2026, value: 0)),
        ("\u{1B}[6;20;10t", .cellSizePixels(width: 10, height: 20)),
        ("\u{1B}[4;480;800t", .textAreaPixels(width: 800, height: 480)),
        ("\u{1B}[?2;0;1000;1000S", .graphicsAttribute(item: 2, status: 0, values: [1000, 1000])),
        ("\u{1B}[?1;3;0S", .graphicsAttribute(item: 1, status: 3, values: [0])),
    ])
    func parsesOneReply(text: String, expected: TerminalReply) {
        let parsed = TerminalReplyParser.parse(bytes(text))
        #expect(parsed.replies == [expected])
        #expect(parsed.pending.isEmpty)
    }

    @Test func repliesInAnyOrderWithTypedKeysBetween() {
        let text = "q\u{1B}[?62;4c" + "x" + "\u{1B}[6;17;9t" + "\u{1B}_Gi=31;OK\u{1B}\\"
        let parsed = TerminalReplyParser.parse(bytes(text))
        #expect(parsed.replies == [.deviceAttributes([62, 4]), .cellSizePixels(width: 9, height: 17),
                                   .kittyGraphics(id: 31, message: "OK")])
    }

    @Test func unfinishedSequenceIsPendingUntilTheRestArrives() {
        let whole = bytes("\u{1B}[?2026;1$y\u{1B}[?65;4;1c")
        for cut in 1..<whole.count {
            let first = TerminalReplyParser.parse(Array(whole[..<cut]))
            let second = TerminalReplyParser.parse(first.pending + whole[cut...])
            #expect(first.replies + second.replies
                    == [.privateModeReport(mode: 2026, value: 1), .deviceAttributes([65, 4, 1])],
                    "cut at \(cut)")
        }
    }

    @Test func unknownSequencesAreKeptReadable() {
        let parsed = TerminalReplyParser.parse(bytes("\u{1B}[1;2R\u{1B}]11;rgb:0000/0000/0000\u{07}"))
        #expect(parsed.replies.count == 2)
        #expect(parsed.replies.allSatisfy { if case .unrecognized = $0 { true } else { false } })
        #expect(parsed.replies.first?.readable == "other reply ESC[1;2R")
    }
}
