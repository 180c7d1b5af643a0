import Testing
@testable import TerminalKit

@Suite struct StatusLineFitTests {
    static let finished = "epoch 40000/40000 ▕████████████████████▏ loss 0.0012  test 0.0150  52.1k epochs/s  done in 59 ms (19% drawing)"

    @Test func aLineThatFitsIsKept() {
        #expect(StatusLineFit.fit(Self.finished, columns: 200) == Self.finished)
    }

    /// The least important parts go first, and the end of the run ("done in") stays.
    @Test(arguments: [
        (99, "epoch 40000/40000 loss 0.0012  test 0.0150  52.1k epochs/s  done in 59 ms (19% drawing)"),
        (79, "epoch 40000/40000 loss 0.0012  test 0.0150  52.1k epochs/s  done in 59 ms"),
        (60, "epoch 40000/40000 loss 0.0012  test 0.0150  done in 59 ms"),
        (54, "40000/40000 loss 0.0012  test 0.0150  done in 59 ms"),
        (39, "40000/40000 loss 0.0012  test 0.0150 …"),
    ])
    func aLongLineLosesItsLeastImportantPartsFirst(_ columns: Int, _ expected: String) {
        let fitted = StatusLineFit.fit(Self.finished, columns: columns)
        #expect(fitted == expected)
        #expect(fitted.count <= columns)
    }

    @Test func aRunningLineKeepsItsETA() {
        let line = "epoch 6200/40000 ▕███░░░░░░░░░░░░░░░░░▏ loss 0.2400  52.1k epochs/s  ETA 14.5 s"
        #expect(StatusLineFit.fit(line, columns: 39) == "6200/40000 loss 0.2400  ETA 14.5 s")
    }

    /// The note that training waits for the display goes before the rate and the ETA.
    @Test func aWaitingNoteGoesBeforeTheETA() {
        let line = "epoch 6200/40000 ▕███░░░░░░░░░░░░░░░░░▏ loss 0.2400  1.2k epochs/s  ETA 14.5 s  · waiting for the display"
        #expect(StatusLineFit.fit(line, columns: 60) == "epoch 6200/40000 loss 0.2400  1.2k epochs/s  ETA 14.5 s")
    }
}
