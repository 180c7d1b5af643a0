import Foundation

/// The clock a training run is paced by: the real one, or in tests a manual one that moves
/// only when told, so pacing is tested without sleeping.
protocol TrainingClock: AnyObject {
    /// Now.
    var now: ContinuousClock.Instant { get }
    /// Waits `duration` (the real clock sleeps; a manual one moves on).
    func sleep(for duration: Duration)
}

/// The real clock.
final class SystemTrainingClock: TrainingClock {
    var now: ContinuousClock.Instant { ContinuousClock.now }
    func sleep(for duration: Duration) {
        Thread.sleep(forTimeInterval: TrainingProgress.seconds(of: duration))
    }
}

/// A clock that stands still until `advance` or `sleep` moves it.
final class ManualTrainingClock: TrainingClock {
    private let origin = ContinuousClock.now
    private(set) var elapsed = Duration.zero
    /// Every wait asked of it, in order.
    private(set) var sleeps: [Duration] = []
    var now: ContinuousClock.Instant { origin + elapsed }
    func advance(_ duration: Duration) { elapsed += duration }
    func sleep(for duration: Duration) {
        sleeps.append(duration)
        elapsed += duration
    }
}
