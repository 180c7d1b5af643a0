import Plots
import Runtime

/// One `train` call as the learner sees it, the same for every model family: the live picture
/// between `begin` and `finish`, the status line under it, q or Ctrl-C to stop (the weights
/// kept), frame pacing (`TrainingProgress`, on an injectable clock), lines held back while the
/// picture animates, and the closing status, frame and stop message.
///
/// A family's `train` builds one, runs its Runtime loop with `stopFlag`, and at each report
/// calls `report(status:frame:)` — or, when copying a frame's data costs something (the CNN),
/// `frameDue()` first and `offer(_:)` once the data is there. Frames are built only when
/// offered; the last is always drawn.
final class LiveTraining {
    let session: Session
    private(set) var progress: TrainingProgress
    private var stopper = TrainingStop()
    /// True when a terminal that animates shows the run: every report is a frame and training
    /// waits for its turn.
    let watching: Bool
    /// False under `--no-live`: no frames until the last.
    let live: Bool
    private var heldLines: [String] = []
    private var display: Display { session.display }

    /// - Parameters:
    ///   - total: the epochs (or other units the status counts) this call runs.
    ///   - firstEpoch: the model's count when the call started.
    ///   - drawingShare: the largest share of an unwatched run spent drawing (see
    ///     `TrainingProgress`); a watched run uses the usual fifth.
    init(session: Session, total: Int, firstEpoch: Int,
         framesPerSecond: Double = TrainingProgress.defaultFramesPerSecond,
         drawingShare: Double = 0.2, clock: any TrainingClock = SystemTrainingClock()) {
        self.session = session
        live = session.options.live
        watching = live && session.display.animates
        progress = TrainingProgress(total: total, firstEpoch: firstEpoch, framesPerSecond: framesPerSecond,
                                    drawingShare: watching ? 0.2 : drawingShare, clock: clock)
    }

    /// Raised when the learner asks to stop; the Runtime loop polls it between steps.
    var stopFlag: StopFlag { stopper.flag }
    /// "Ctrl-C" or "q" once the learner asked to stop; nil before.
    var stopReason: String? { stopper.reason }
    /// The share of the run spent waiting for the display, when large enough to mention.
    var waitingShare: Double? { progress.waitingShare }

    /// Starts the live picture.
    func begin() { display.beginLive() }

    /// At a report of the Runtime loop: checks for q / Ctrl-C, rewrites the status line when
    /// due, and offers `frame` when one is due.
    func report(status: () -> String, frame: () -> Figure) {
        check(status: status)
        guard frameDue() else { return }
        offer(frame)
    }

    /// Checks for q / Ctrl-C and rewrites the status line when due (a report without a frame).
    func check(status: () -> String) {
        stopper.check(session, &progress)
        if progress.statusDue() { display.setStatus(status(), force: false) }
    }

    /// True when a frame should be offered now; while watching it waits for the frame's turn.
    func frameDue() -> Bool {
        live && progress.frameDue(watching: watching)
    }

    /// Offers one frame (built now) to the display.
    func offer(_ frame: () -> Figure) {
        progress.offerFrame { display.updateLive(frame(), force: false) }
    }

    /// A line of output: held while the picture animates (text under a live picture would end
    /// it, and the next frame would start a new picture below), written at once otherwise.
    func line(_ text: String) {
        if watching { heldLines.append(text) } else { display.write(text) }
    }

    /// Ends the run: the last status, the last frame (always drawn), the held lines.
    func finish(status: String, frame: Figure?) {
        display.setStatus(status, force: true)
        if let frame { display.updateLive(frame, force: true) }
        display.endLive()
        flushLines()
    }

    /// Ends a run that failed: the last status when given, the picture closed, the held lines.
    func fail(status: String?) {
        if let status { display.setStatus(status, force: true) }
        display.endLive()
        flushLines()
    }

    /// "stopped at epoch 1200 (q); the weights are kept" when the learner stopped the run.
    func writeStopMessage(at place: String, kept: String = "the weights are kept") {
        guard let reason = stopReason else { return }
        display.write("stopped \(place) (\(reason)); \(kept)\n")
    }

    private func flushLines() {
        for line in heldLines { display.write(line) }
        heldLines = []
    }
}
