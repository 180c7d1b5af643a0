import Foundation
import Plots
import Runtime

/// Writes every drawn frame as a numbered PNG (`frame-00001.png`, ...) for `--frames DIR`.
///
/// The directory is created on the first frame. When it cannot be created or written, the error
/// is reported once and recording stops: a missing frame dump must not stop the work itself.
public final class FrameRecorder {
    /// Where the frames go.
    public let directory: String
    /// Frames written so far; the next file is numbered `written + 1`.
    public private(set) var written = 0
    /// True once writing failed; nothing more is attempted.
    public private(set) var failed = false
    private let png: @Sendable (Raster) -> [UInt8]
    private let reportError: (String) -> Void
    private var directoryReady = false

    /// `reportError` receives one complete message (with a trailing newline) for the user.
    public init(directory: String, png: @escaping @Sendable (Raster) -> [UInt8],
                reportError: @escaping (String) -> Void) {
        self.directory = directory
        self.png = png
        self.reportError = reportError
    }

    /// The file name of frame number `index` (1-based): five digits, more once past 99999.
    public static func fileName(index: Int) -> String {
        let digits = String(index)
        return "frame-" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits + ".png"
    }

    /// Writes `raster` as the next numbered frame.
    public func record(_ raster: Raster) {
        guard !failed else { return }
        if !directoryReady {
            if let problem = Self.makeDirectory(directory) {
                fail("cannot create the directory '\(visible(directory, limit: 200))': \(problem)")
                return
            }
            directoryReady = true
        }
        let path = (directory as NSString).appendingPathComponent(Self.fileName(index: written + 1))
        do {
            try AtomicFile.write(png(raster), to: path, what: "--frames")
        } catch {
            failed = true  // the message already names --frames and the file
            reportError("nv: \(error); no more frames will be written\n")
            return
        }
        written += 1
    }

    private func fail(_ message: String) {
        failed = true
        reportError("nv: --frames: \(message); no more frames will be written\n")
    }

    /// Creates `path` and its missing parents; nil on success, else what went wrong and where.
    /// POSIX calls rather than FileManager, whose messages do not say which errno it was.
    private static func makeDirectory(_ path: String) -> String? {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            return isDirectory.boolValue ? nil : "'\(path)' is a file, not a directory"
        }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != path, let problem = makeDirectory(parent) { return problem }
        if mkdir(path, 0o755) != 0 && errno != EEXIST {
            return "'\(path)': \(String(cString: strerror(errno)))"
        }
        return nil
    }
}
