import Foundation
import Plots
import Runtime

/// An animated GIF or APNG of the frames recorded (`--record`, `record(…) { … }`,
/// `train(…, record:)`), written atomically when the recording finishes, so the file is a whole
/// animation of the frames so far (also after q or Ctrl-C) or, without a frame, no file at all.
///
/// Each frame is shown for 1/fps seconds of the run that drew it (`train(fps:)`, 30 by default;
/// delays are rounded so their sum does not drift); the last frame holds for `hold` seconds. A
/// frame identical to the one before is not added again.
public final class AnimationSink: FrameSink {
    /// The formats, by file extension.
    public enum Format: String, CaseIterable, Sendable {
        case gif, apng
    }

    public let path: String
    public let format: Format
    public let maxWidth: Int?
    /// Seconds the last frame stays before the animation loops.
    public let hold: Double
    /// Frames recorded so far.
    public private(set) var frameCount = 0
    private var gif: GIFEncoder?
    private var apng: APNGEncoder?
    private var pending: (raster: Raster, fps: Double)?
    /// Milliseconds of animation written so far, to round each delay without drift.
    private var elapsed = 0.0

    /// The format `path` names by its extension (`.gif`, `.apng`, or `.png` for APNG), else nil.
    public static func format(of path: String) -> Format? {
        switch (path as NSString).pathExtension.lowercased() {
        case "gif": return .gif
        case "apng", "png": return .apng
        default: return nil
        }
    }

    /// Why `path` cannot be recorded to, or nil when it can: the extension, a directory, a
    /// missing or unwritable folder. Checked before the run, so a long run is not lost at its end.
    public static func problem(with path: String) -> String? {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return "'\(VisibleText.escape(path))' is a directory; give a file name ending in .gif or .apng"
        }
        guard format(of: path) != nil else {
            return "'\(VisibleText.escape(path))' is neither .gif nor .apng"
        }
        let folder = (path as NSString).deletingLastPathComponent
        let shown = folder.isEmpty ? "." : folder
        guard FileManager.default.fileExists(atPath: shown, isDirectory: &isDirectory), isDirectory.boolValue else {
            return "the folder '\(VisibleText.escape(shown))' does not exist"
        }
        guard access(shown, W_OK) == 0 else {
            return "the folder '\(VisibleText.escape(shown))' is not writable"
        }
        return nil
    }

    public init(path: String, maxWidth: Int?, hold: Double = 2.5) {
        self.path = path
        format = Self.format(of: path) ?? .gif
        self.maxWidth = maxWidth
        self.hold = hold
    }

    public func size(for figure: Figure) -> (width: Int, height: Int) { Self.cappedSize(figure, maxWidth: maxWidth) }

    public func record(_ raster: Raster, framesPerSecond: Double) {
        if let pending {
            guard pending.raster != raster else { return }
            add(pending.raster, milliseconds: 1000 / max(pending.fps, 0.1))
        }
        pending = (raster, framesPerSecond)
    }

    /// Adds a frame shown for about `milliseconds`: GIF counts hundredths of a second, so the
    /// delay is the rounded end time minus the rounded start time.
    private func add(_ raster: Raster, milliseconds: Double) {
        let start = elapsed
        elapsed += milliseconds
        switch format {
        case .gif:
            if gif == nil { gif = GIFEncoder(width: raster.width, height: raster.height) }
            gif!.add(raster, delay: Int((elapsed / 10).rounded()) - Int((start / 10).rounded()))
        case .apng:
            if apng == nil { apng = APNGEncoder(width: raster.width, height: raster.height) }
            apng!.add(raster, milliseconds: Int(elapsed.rounded()) - Int(start.rounded()))
        }
        frameCount += 1
    }

    /// Writes the file (the last frame holding); nothing when no frame was recorded.
    public func finish() throws {
        if let pending {
            add(pending.raster, milliseconds: hold * 1000)
            self.pending = nil
        }
        let bytes = format == .gif ? gif?.finished() : apng?.finished()
        guard let bytes else { return }
        try AtomicFile.write(bytes, to: path, what: "record")
    }
}
