import Foundation
@testable import Plots

/// Writes what a test drew into `$NV_LOOK_DIR` when that variable is set, for a person to look
/// at: a raster as PNG, or text as `--graphics blocks` shows it. Does nothing otherwise; never
/// part of an assertion.
enum LookAt {
    static func save(_ raster: Raster, _ name: String) {
        guard let dir = ProcessInfo.processInfo.environment["NV_LOOK_DIR"] else { return }
        try? Data(PNGEncoder.encode(raster)).write(to: URL(fileURLWithPath: dir).appendingPathComponent(name + ".png"))
    }

    /// `raster` as half-block text `columns` cells wide.
    static func saveBlocks(_ raster: Raster, _ name: String, columns: Int = 100) {
        guard let dir = ProcessInfo.processInfo.environment["NV_LOOK_DIR"] else { return }
        let text = HalfBlockEncoder.encode(raster, columns: columns).joined(separator: "\n") + "\n"
        try? text.write(to: URL(fileURLWithPath: dir).appendingPathComponent(name + ".txt"), atomically: true, encoding: .utf8)
    }

    /// A text rendering as it is.
    static func saveText(_ text: String, _ name: String) {
        guard let dir = ProcessInfo.processInfo.environment["NV_LOOK_DIR"] else { return }
        try? text.write(to: URL(fileURLWithPath: dir).appendingPathComponent(name + ".txt"), atomically: true, encoding: .utf8)
    }
}
