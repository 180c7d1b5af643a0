import Foundation
@testable import Plots

/// A compact text picture of a raster for golden tests: the raster is cut into a grid of cells,
/// and each cell's mean luminance picks a character from a 10-step ramp (" " white ... "@"
/// black). Two pictures "match" when every cell differs by at most one ramp step, so goldens
/// survive rounding noise but not a moved axis, a missing series or a lost label.
struct LuminanceArt: Equatable {
    static let ramp = Array(" .:-=+*#%@")
    let lines: [String]

    init(_ raster: Raster, columns: Int, rows: Int) {
        var result: [String] = []
        for row in 0..<rows {
            var line = ""
            let y0 = row * raster.height / rows, y1 = max(y0 + 1, (row + 1) * raster.height / rows)
            for column in 0..<columns {
                let x0 = column * raster.width / columns, x1 = max(x0 + 1, (column + 1) * raster.width / columns)
                var sum = 0.0
                for y in y0..<y1 { for x in x0..<x1 {
                    let p = raster[x, y]
                    sum += 0.2126 * Double(p.r) + 0.7152 * Double(p.g) + 0.0722 * Double(p.b)
                } }
                let luminance = sum / Double((y1 - y0) * (x1 - x0)) / 255
                let level = min(9, max(0, Int((1 - luminance) * 10)))
                line.append(Self.ramp[level])
            }
            result.append(line)
        }
        lines = result
    }

    init(text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    var text: String { lines.joined(separator: "\n") }

    /// The cells (row, column) where the two pictures differ by more than one ramp step.
    func differences(from other: LuminanceArt) -> [(Int, Int)] {
        var result: [(Int, Int)] = []
        for row in 0..<max(lines.count, other.lines.count) {
            let a = row < lines.count ? Array(lines[row]) : []
            let b = row < other.lines.count ? Array(other.lines[row]) : []
            for column in 0..<max(a.count, b.count) {
                let la = column < a.count ? Self.ramp.firstIndex(of: a[column]) ?? -9 : -9
                let lb = column < b.count ? Self.ramp.firstIndex(of: b[column]) ?? -9 : -9
                if abs(la - lb) > 1 { result.append((row, column)) }
            }
        }
        return result
    }
}
