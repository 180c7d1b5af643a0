import Foundation
import Testing
@testable import Plots

/// The one golden mechanism of the Plots tests: reference files on disk under `Goldens/`
/// (UnicodePlots style — one file per picture or text form, readable with `cat`), compared
/// exactly (text renderings) or as a `LuminanceArt` picture with one ramp step of tolerance
/// per cell (raster pictures, so an anti-aliasing change of one shade passes and a moved line
/// does not).
///
/// After an intended change run the tests with `NV_RECORD_GOLDENS=1` (and `NV_LOOK_DIR=DIR`
/// for the PNGs of the pictures): every checked golden is rewritten and its test FAILS, so
/// nothing is regenerated silently; look at each picture and file (`git diff` shows what
/// moved), then run again without the variable.
enum Golden {
    /// `Tests/PlotsTests/Goldens`.
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Goldens")

    /// True when the run records goldens instead of checking them.
    static var recording: Bool { ProcessInfo.processInfo.environment["NV_RECORD_GOLDENS"] == "1" }

    /// Checks `text` against the file at `path` (relative to `directory`), byte for byte.
    static func check(text: String, _ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = directory.appendingPathComponent(path)
        if recording {
            try record(text, url, sourceLocation)
            return
        }
        let golden = try String(contentsOf: url, encoding: .utf8)
        #expect(text == golden, "\(path) differs from its reference file; now:\n\(text)", sourceLocation: sourceLocation)
    }

    /// Checks `raster`, reduced to `columns` x `rows` luminance cells, against the picture in
    /// the file at `path`; the raster also goes to `$NV_LOOK_DIR` as `golden-<name>`.
    static func check(picture raster: Raster, _ path: String, columns: Int, rows: Int,
                      sourceLocation: SourceLocation = #_sourceLocation) throws {
        let name = (path as NSString).lastPathComponent.replacingOccurrences(of: ".txt", with: "")
        LookAt.save(raster, "golden-" + name)
        let art = LuminanceArt(raster, columns: columns, rows: rows)
        let url = directory.appendingPathComponent(path)
        if recording {
            try record(art.text + "\n", url, sourceLocation)
            return
        }
        var stored = try String(contentsOf: url, encoding: .utf8)
        if stored.hasSuffix("\n") { stored.removeLast() }
        let differences = art.differences(from: LuminanceArt(text: stored))
        #expect(differences.isEmpty,
                "\(path): \(differences.count) cells differ, first at \(differences.prefix(5)); now:\n\(art.text)",
                sourceLocation: sourceLocation)
    }

    private static func record(_ text: String, _ url: URL, _ sourceLocation: SourceLocation) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
        Issue.record("recorded \(url.path): look at it, then run again without NV_RECORD_GOLDENS", sourceLocation: sourceLocation)
    }
}
