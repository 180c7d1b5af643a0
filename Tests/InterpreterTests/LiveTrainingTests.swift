import Foundation
import Plots
import Runtime
import Testing
@testable import Interpreter

/// The shared live-training driver's pacing, on a manual clock: no test here sleeps.
@Suite struct LiveTrainingTests {
    final class AnimatingDisplay: Display {
        var frames = 0
        var forced = 0
        var text = ""
        func write(_ text: String) { self.text += text }
        func show(_ figure: Figure) {}
        var animates: Bool { true }
        func beginLive() {}
        func updateLive(_ figure: Figure, force: Bool) -> Bool {
            if force { forced += 1 } else { frames += 1 }
            return true
        }
        func endLive() {}
        func stopRequested() -> Bool { false }
        func setStatus(_ line: String, force: Bool) {}
    }

    static let blank = Figure(preferredWidth: 16, preferredHeight: 16) { w, h in Raster(width: w, height: h) }

    func driver(_ display: Display, live: Bool = true, fps: Double = 30, clock: ManualTrainingClock) -> LiveTraining {
        let session = Session(display: display, options: SessionOptions(graphics: .none, live: live))
        return LiveTraining(session: session, total: 100, firstEpoch: 0, framesPerSecond: fps, clock: clock)
    }

    @Test func watchedEveryReportIsAFrameAndTrainingWaitsForItsTurn() {
        let clock = ManualTrainingClock()
        let display = AnimatingDisplay()
        let run = driver(display, fps: 20, clock: clock)
        for _ in 0..<10 { run.report(status: { "" }, frame: { Self.blank }) }
        #expect(display.frames == 10)
        // Reports cost nothing on this clock, so each frame waited a whole 1/20 s for its turn.
        #expect(clock.sleeps.count == 10)
        #expect(clock.sleeps.allSatisfy { $0 == .milliseconds(50) })
        #expect(run.waitingShare == 1)
    }

    @Test func unwatchedRunsAreNeverSlowedAndDropFrames() {
        let clock = ManualTrainingClock()
        let display = RecordingDisplay()   // does not animate
        let run = driver(display, fps: 30, clock: clock)
        // 1,000 reports 1 ms apart: a second of training, at most 30 frames offered.
        var offered = 0
        for _ in 0..<1000 {
            clock.advance(.milliseconds(1))
            run.report(status: { "" }, frame: { offered += 1; return Self.blank })
        }
        #expect(clock.sleeps.isEmpty)
        #expect(offered >= 25 && offered <= 31)
    }

    @Test func noLiveOffersNoFramesButTheLast() {
        let clock = ManualTrainingClock()
        let display = AnimatingDisplay()
        let run = driver(display, live: false, clock: clock)
        for _ in 0..<100 {
            clock.advance(.milliseconds(100))
            run.report(status: { "" }, frame: { Self.blank })
        }
        run.finish(status: "done", frame: Self.blank)
        #expect(display.frames == 0)
        #expect(display.forced == 1)
        #expect(clock.sleeps.isEmpty)
    }

    @Test func linesUnderAnAnimatedPictureWaitForItsEnd() {
        let clock = ManualTrainingClock()
        let display = AnimatingDisplay()
        let run = driver(display, clock: clock)
        run.begin()
        run.line("epoch 1\n")
        #expect(display.text.isEmpty)
        run.finish(status: "done", frame: nil)
        #expect(display.text == "epoch 1\n")
    }
}
