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
            do {
                try FileManager.default.createDirectory(atPath: directory,
                                                        withIntermediateDirectories: true)
                directoryReady = true
            } catch {
                fail("cannot create the directory '\(directory)': \(Self.reason(error))")
                return
            }
        }
        let path = (directory as NSString).appendingPathComponent(Self.fileName(index: written + 1))
        do {
            try Data(png(raster)).write(to: URL(fileURLWithPath: path))
            written += 1
        } catch {
            fail("cannot write '\(path)': \(Self.reason(error))")
        }
    }

    private func fail(_ message: String) {
        failed = true
        reportError("nv: --frames: \(message); no more frames will be written\n")
    }

    private static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
           underlying.domain == NSPOSIXErrorDomain,
           let code = POSIXErrorCode(rawValue: Int32(underlying.code)) {
            return String(cString: strerror(code.rawValue))
        }
        return nsError.localizedDescription
    }
}
