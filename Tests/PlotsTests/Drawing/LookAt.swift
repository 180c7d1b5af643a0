import Foundation
@testable import Plots

/// Writes a raster as a PAM file (P7, RGB_ALPHA) into `$NV_LOOK_DIR` when that variable is set,
/// so a person can convert it (`convert x.pam x.png`) and look at what a test drew. Does
/// nothing otherwise; never part of an assertion.
enum LookAt {
    static func save(_ raster: Raster, _ name: String) {
        guard let dir = ProcessInfo.processInfo.environment["NV_LOOK_DIR"] else { return }
        var data = Data("P7\nWIDTH \(raster.width)\nHEIGHT \(raster.height)\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\n".utf8)
        data.append(contentsOf: raster.pixels)
        try? data.write(to: URL(fileURLWithPath: dir).appendingPathComponent(name + ".pam"))
    }
}
