import Plots

/// Somewhere every frame of a run and every figure shown is also kept: `--frames DIR` (numbered
/// PNGs), `--record FILE`, `record(FILE) { … }` and `train(…, record: FILE)` (an animation).
///
/// A sink is fed by the session (`Session.recordFrame`), which renders each figure once per size.
/// Recording never drops a frame: the live-training driver hands every scheduled frame to the
/// sinks whether or not the terminal draws it, so a recording is the same with or without a
/// terminal, and the same seed gives the same files.
public protocol FrameSink: AnyObject {
    /// The size to render `figure` at for this sink.
    func size(for figure: Figure) -> (width: Int, height: Int)
    /// Keeps one frame, shown at `framesPerSecond` when the sink is an animation.
    func record(_ raster: Raster, framesPerSecond: Double)
    /// Writes what is pending (the animation file); the error's message names the file.
    func finish() throws
}

extension FrameSink {
    /// The figure's own size, no wider than `maxWidth`: what `--frames` and a notebook write.
    public static func cappedSize(_ figure: Figure, maxWidth: Int?) -> (width: Int, height: Int) {
        var width = max(1, figure.preferredWidth), height = max(1, figure.preferredHeight)
        if let maxWidth, maxWidth > 0, width > maxWidth {
            height = max(1, height * maxWidth / width)
            width = maxWidth
        }
        return (width, height)
    }
}
