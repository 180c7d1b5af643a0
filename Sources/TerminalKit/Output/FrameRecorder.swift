import Foundation
import Plots

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
                fail("cannot create the directory '\(directory)': \(problem)")
                return
            }
            directoryReady = true
        }
        let path = (directory as NSString).appendingPathComponent(Self.fileName(index: written + 1))
        if let problem = Self.writeFile(path, png(raster)) {
            fail("cannot write '\(path)': \(problem)")
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

    /// Writes `bytes` to a new file at `path`; nil on success, else the system's reason.
    private static func writeFile(_ path: String, _ bytes: [UInt8]) -> String? {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return String(cString: strerror(errno)) }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return String(cString: strerror(errno))
            }
            offset += count
        }
        return nil
    }
}
