/// Decides whether a live frame is drawn now or dropped.
///
/// Two limits: at most `maxFramesPerSecond`, and never faster than the terminal drains, measured
/// as the time the previous frame's write took (a blocking write to a terminal returns once the
/// terminal has taken the bytes): after a frame that took `d` seconds to write, the next one
/// waits at least `d` more, so training keeps at least half of the time. Frames offered too soon
/// are dropped, never queued: the next frame carries newer state anyway. Forced frames (the last
/// frame of a run) are always drawn. Times are seconds on any monotonic clock, passed in, so the
/// rules are tested without sleeping.
public struct FrameRateLimiter: Sendable {
    /// The shortest time between two frames.
    public let minimumInterval: Double
    private var nextAllowed: Double = -Double.infinity

    /// A limiter allowing at most `maxFramesPerSecond` (0 or less: no rate cap, only the
    /// terminal's pace).
    public init(maxFramesPerSecond: Double = 30) {
        minimumInterval = maxFramesPerSecond > 0 ? 1 / maxFramesPerSecond : 0
    }

    /// True when a frame offered at `now` should be drawn.
    public func allows(at now: Double, force: Bool) -> Bool {
        force || now >= nextAllowed
    }

    /// Records a frame that started writing at `start` and finished at `end`.
    public mutating func recordFrame(start: Double, end: Double) {
        let writeTime = max(0, end - start)
        nextAllowed = max(start + minimumInterval, end + writeTime)
    }

    /// Forgets past frames (a new live figure starts).
    public mutating func reset() {
        nextAllowed = -Double.infinity
    }
}
