import Plots

/// Where the interpreter's output goes. The executable implements it for the terminal
/// (graphics protocols, in-place animation); tests inject a recording fake.
public protocol Display: AnyObject {
    /// Writes text output (from `print`, or a value the REPL echoes). `text` carries its own
    /// newlines.
    func write(_ text: String)
    /// Shows a figure once, inline, below the current output.
    func show(_ figure: Figure)
    /// Starts a live figure: the next `updateLive` frames replace each other in place.
    func beginLive()
    /// Offers a new frame of the live figure. The display may drop it (frame-rate cap) unless
    /// `force` is set (the last frame of a run is always forced). Returns whether it was drawn.
    @discardableResult
    func updateLive(_ figure: Figure, force: Bool) -> Bool
    /// Ends the live figure; the last frame stays on screen and output continues below it.
    func endLive()
    /// Polled between steps of long work: true once the user pressed q (during live output).
    /// Ctrl-C reaches the evaluator through the session's `StopFlag` instead.
    func stopRequested() -> Bool
    /// Sets the status line under the live figure (see the default in the extension below).
    func setStatus(_ line: String, force: Bool)
    /// True when live figures really animate (a terminal, live mode on, a mode that can redraw
    /// in place). Training then shows every report as a frame, paced to the frame rate;
    /// otherwise it never waits for the display.
    var animates: Bool { get }
}

extension Display {
    /// Sets the text line shown under the live figure (training's epoch, loss, rate, ETA).
    /// Redrawn at most about 15 times a second unless `force`; a display that draws no status
    /// line ignores it (this default).
    public func setStatus(_ line: String, force: Bool) {}

    /// A display animates nothing unless it says so.
    public var animates: Bool { false }
}
