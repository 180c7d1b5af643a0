import Foundation
import Plots
import Runtime

/// `--frames DIR`: every frame as a numbered PNG (`frame-00001.png`, ...), rendered at the
/// figure's own size (no wider than `--width`), so the files do not depend on the terminal. A
/// frame identical to the one before (a run's closing picture after its last reported frame)
/// is not written again. The folder is created on the first frame; when it cannot be written,
/// the error is reported once and recording stops, while the work goes on.
public final class PNGFrameSink: FrameSink {
    public let directory: String
    public let maxWidth: Int?
    /// Frames written so far.
    public private(set) var written = 0
    private var failed = false
    private var previous: Raster?
    private let reportError: (String) -> Void

    public init(directory: String, maxWidth: Int?, reportError: @escaping (String) -> Void) {
        self.directory = directory
        self.maxWidth = maxWidth
        self.reportError = reportError
    }

    public func size(for figure: Figure) -> (width: Int, height: Int) { Self.cappedSize(figure, maxWidth: maxWidth) }

    public func record(_ raster: Raster, framesPerSecond: Double) {
        guard !failed, raster != previous else { return }
        previous = raster
        do {
            if written == 0 { try NotebookFiles.makeFolder(directory, what: "--frames") }
            let digits = String(written + 1)
            let name = "frame-" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits + ".png"
            // One core, so the bytes do not depend on the machine either.
            let png = PNGEncoder.encode(raster, options: PNGEncoder.Options(deflate: DeflateSettings(level: 6, parallel: false)))
            try AtomicFile.write(png, to: (directory as NSString).appendingPathComponent(name), what: "--frames")
            written += 1
        } catch {
            failed = true
            reportError("nv: \(error); no more frames will be written\n")
        }
    }

    public func finish() throws {}
}
