import Foundation

/// Paces what a training run shows: decides when a live frame is worth building and writes
/// the status line (epoch, a bar, loss, rate in epochs/s, ETA).
///
/// Watching (a terminal that animates): every report is a frame, at most `framesPerSecond`
/// (`train(fps:)`, 30 by default) and spaced at least `drawingShare⁻¹` times the last frame's
/// cost apart, training waiting for each frame's turn — a fast run (40,000 XOR epochs take a few
/// ms, three CNN epochs half a second) is slowed to a pace a learner can watch, the same rule
/// for every model family, while drawing still takes at most about a fifth of the time; the
/// status line says how much of the run is that waiting. Otherwise frames are offered at most
/// `framesPerSecond`, and after a frame that took `d` to build and draw, not before
/// `drawingShare⁻¹ − 1` times `d` has passed, so drawing takes at most about a fifth of the run
/// (a fast run drops frames; it is never slowed down). The first frame waits one interval.
struct TrainingProgress {
    /// Epochs this call runs.
    let total: Int
    /// The model's epoch count when the call started.
    let firstEpoch: Int
    /// The largest share of the run's time spent drawing frames (0.2; a CNN's dashboard, drawn
    /// between batches that take well under a millisecond, asks for less).
    let drawingShare: Double
    /// What time is measured by and waits are made on.
    private let clock: any TrainingClock
    private let start: ContinuousClock.Instant
    /// `Suspension`'s stopped time when the run started: time stopped by Ctrl-Z since then is
    /// left out of `elapsed`.
    private let stoppedAtStart = Suspension.shared.stoppedSeconds
    private var lastFrameEnd: ContinuousClock.Instant
    private var lastFrameStart: ContinuousClock.Instant
    private var lastFrameCost = Duration.zero
    /// Time spent building and drawing frames so far (reported when the run ends).
    private var drawing = Duration.zero
    private let frameInterval: Duration
    /// Time training spent waiting for a frame's turn while watched (`frameDue(watching: true)`).
    private(set) var waited = Duration.zero
    private var lastKeyPoll: ContinuousClock.Instant?
    private var lastStatus: ContinuousClock.Instant?
    /// How often the status line is rebuilt (the display redraws it at most 15 times a second).
    private let statusInterval = Duration.milliseconds(66)
    /// How often the keyboard is asked for q: reading it is a system call, too slow to make
    /// at every report of a run with `every: 1`, and a person cannot tell 20 ms apart.
    private let keyPollInterval = Duration.milliseconds(20)

    /// Frames a second while watching, unless `train(fps:)` says otherwise.
    static let defaultFramesPerSecond = 30.0
    /// The range `train(fps:)` accepts: slower than one frame a second would make q sluggish.
    static let framesPerSecondRange = 1.0...120.0

    init(total: Int, firstEpoch: Int, framesPerSecond: Double = TrainingProgress.defaultFramesPerSecond,
         drawingShare: Double = 0.2, clock: any TrainingClock = SystemTrainingClock()) {
        self.clock = clock
        start = clock.now
        self.total = total
        self.firstEpoch = firstEpoch
        self.drawingShare = drawingShare
        frameInterval = .seconds(1 / min(max(framesPerSecond, Self.framesPerSecondRange.lowerBound),
                                         Self.framesPerSecondRange.upperBound))
        lastFrameEnd = start
        lastFrameStart = start
    }

    /// True when a new frame may be offered now (see the type's pacing rules). When the
    /// learner is `watching` a live figure, every report is a frame: this waits for the frame's
    /// turn and returns true.
    mutating func frameDue(watching: Bool = false) -> Bool {
        if watching {
            let spacing = max(frameInterval, lastFrameCost * (1 / drawingShare))
            let wait = spacing - (clock.now - lastFrameStart)
            if wait > .zero {
                clock.sleep(for: wait)
                waited += wait
            }
            return true
        }
        let pause = max(frameInterval, lastFrameCost * (1 / drawingShare - 1))
        return clock.now - lastFrameEnd >= pause
    }

    /// Offers one frame through `draw` (which returns whether the display drew it) and
    /// remembers what it cost.
    mutating func offerFrame(_ draw: () -> Bool) {
        let begin = clock.now
        lastFrameStart = begin
        let drawn = draw()
        lastFrameEnd = clock.now
        drawing += lastFrameEnd - begin
        if drawn { lastFrameCost = lastFrameEnd - begin }
    }

    /// True when the status line is due for a new text (the first is due at once).
    mutating func statusDue() -> Bool {
        let now = clock.now
        if let lastStatus, now - lastStatus < statusInterval { return false }
        lastStatus = now
        return true
    }

    /// True when it is time to ask the display whether q was pressed (the first ask is at once).
    mutating func keyPollDue() -> Bool {
        let now = clock.now
        if let lastKeyPoll, now - lastKeyPoll < keyPollInterval { return false }
        lastKeyPoll = now
        return true
    }

    /// Seconds since the run started, without the time the process stood stopped (Ctrl-Z).
    var elapsed: Double {
        max(0, Self.seconds(of: clock.now - start) - (Suspension.shared.stoppedSeconds - stoppedAtStart))
    }

    static func seconds(of d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    /// The share of the run so far that training spent waiting for the display, when it is
    /// large enough to explain a slow rate (a tenth or more); nil otherwise.
    var waitingShare: Double? {
        let seconds = elapsed
        guard seconds > 0 else { return nil }
        let share = Self.seconds(of: waited) / seconds
        return share >= 0.1 ? min(share, 1) : nil
    }

    /// What the status line says about waiting: "  · waiting for the display" while it runs,
    /// and how much of the run it was at the end.
    static func waitingNote(_ share: Double?, finished: Bool) -> String {
        guard let share else { return "" }
        return finished ? String(format: ", %.0f%% waiting for the display", 100 * share) : "  · waiting for the display"
    }

    /// `epoch 12300/40000 ▕█████░░░░░▏ loss 0.01234  52.1k epochs/s  ETA 0.5 s`; `epoch` is
    /// the model's epoch count.
    func status(epoch: Int, loss: Double, testLoss: Double? = nil, finished: Bool = false) -> String {
        let done = max(0, epoch - firstEpoch)
        let fraction = total > 0 ? min(1, Double(done) / Double(total)) : 1
        let cells = 20
        let filled = Int((fraction * Double(cells)).rounded(.down))
        let bar = "▕" + String(repeating: "█", count: filled) + String(repeating: "░", count: cells - filled) + "▏"
        var line = "epoch \(epoch)/\(firstEpoch + total) \(bar) loss \(Self.number(loss))"
        if let testLoss { line += "  test \(Self.number(testLoss))" }
        let seconds = elapsed
        if seconds > 0, done > 0 {
            let rate = Double(done) / seconds
            line += "  \(Self.rate(rate)) epochs/s"
            if finished {
                let drawn = Self.seconds(of: drawing)
                line += "  done in \(Self.seconds(seconds))"
                if drawn > 0 {
                    line += String(format: " (%.0f%% drawing", 100 * drawn / seconds)
                        + Self.waitingNote(waitingShare, finished: true) + ")"
                }
            } else if done < total {
                line += "  ETA \(Self.seconds(Double(total - done) / rate))" + Self.waitingNote(waitingShare, finished: false)
            }
        }
        return line
    }

    static func number(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : (x < 0 ? "-inf" : "inf") }
        return String(format4: x)
    }

    /// A fraction as a percentage with one decimal: 0.9263 → "92.6%".
    static func percent(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }

    static func rate(_ r: Double) -> String {
        if r >= 1e6 { return String(format: "%.1fM", r / 1e6) }
        if r >= 1e4 { return String(format: "%.1fk", r / 1e3) }
        return String(format: "%.0f", r)
    }

    static func seconds(_ s: Double) -> String {
        if s < 1 { return String(format: "%.0f ms", s * 1000) }
        if s < 120 { return String(format: "%.1f s", s) }
        return String(format: "%.0f min", s / 60)
    }
}
