import Runtime

/// The learner's way out of a training run, shared by every `train`: Ctrl-C (the session's
/// interrupt flag, checked at every report) or q (asked of the display at most every 20 ms,
/// as `TrainingProgress.keyPollDue` paces it). The first stop raises `flag`, which the Runtime
/// loop polls between steps, and is remembered as `reason` for the closing message.
struct TrainingStop {
    /// The flag the training loop polls.
    let flag = StopFlag()
    /// "Ctrl-C" or "q" once the learner asked to stop; nil before.
    private(set) var reason: String?

    /// Checks for a stop request; raises `flag` on the first one.
    mutating func check(_ session: Session, _ progress: inout TrainingProgress) {
        guard reason == nil else { return }
        if session.interrupt.isRaised {
            reason = "Ctrl-C"
        } else if progress.keyPollDue(), session.display.stopRequested() {
            reason = "q"
        }
        if reason != nil { flag.raise() }
    }
}
