import Foundation
import Runtime
import Testing
@testable import Plots

@Suite struct TextEncoderTests {
    /// Parses half-block lines back into cell colours: (top, bottom) per cell.
    static func parseHalfBlocks(_ line: String) throws -> [(RGBA, RGBA)] {
        var cells: [(RGBA, RGBA)] = []
        var fg = RGBA.black, bg = RGBA.black
        var scanner = Substring(line)
        while let first = scanner.first {
            if first == "\u{1B}" {
                let end = try #require(scanner.firstIndex(of: "m"))
                let codes = scanner[scanner.index(scanner.startIndex, offsetBy: 2)..<end].split(separator: ";").map { Int($0)! }
                scanner = scanner[scanner.index(after: end)...]
                if codes == [0] { continue }
                let color = codes[1] == 2 ? RGBA(UInt8(codes[2]), UInt8(codes[3]), UInt8(codes[4]))
                                          : XTerm256.color(UInt8(codes[2]))
                if codes[0] == 38 { fg = color } else { bg = color }
            } else {
                #expect(first == "▀")
                cells.append((fg, bg))
                scanner = scanner.dropFirst()
            }
        }
        return cells
    }

    @Test func halfBlocksShowEveryPixelWhenTheSizesMatch() throws {
        // 24 columns x 16 pixel rows = 8 text rows: the area average is the identity.
        let raster = TestPattern.noise(width: 24, height: 16, seed: 11)
        let lines = HalfBlockEncoder.encode(raster, columns: 24)
        #expect(lines.count == 8)
        for (row, line) in lines.enumerated() {
            #expect(line.hasSuffix("\u{1B}[0m"))
            let cells = try TextEncoderTests.parseHalfBlocks(line)
            #expect(cells.count == 24)
            for (x, cell) in cells.enumerated() {
                #expect(cell.0 == raster[x, 2 * row] && cell.1 == raster[x, 2 * row + 1])
            }
        }
    }

    @Test func halfBlocks256UseTheNearestPaletteColour() throws {
        let raster = TestPattern.noise(width: 10, height: 4, seed: 12)
        let lines = HalfBlockEncoder.encode(raster, columns: 10, palette: .xterm256)
        for (row, line) in lines.enumerated() {
            #expect(!line.contains(";2;"))
            for (x, cell) in try TextEncoderTests.parseHalfBlocks(line).enumerated() {
                #expect(cell.0 == XTerm256.color(XTerm256.nearest(raster[x, 2 * row])))
            }
        }
    }

    @Test func nearest256MatchesABruteForceSearch() {
        var generator = SeededGenerator(seed: 5)
        func distance(_ a: RGBA, _ b: RGBA) -> Int {
            let dr = Int(a.r) - Int(b.r), dg = Int(a.g) - Int(b.g), db = Int(a.b) - Int(b.b)
            return dr * dr + dg * dg + db * db
        }
        for _ in 0..<2000 {
            let color = RGBA(UInt8.random(in: 0...255, using: &generator), UInt8.random(in: 0...255, using: &generator),
                             UInt8.random(in: 0...255, using: &generator))
            let best = (16...255).map { distance(XTerm256.color(UInt8($0)), color) }.min()!
            #expect(distance(XTerm256.color(XTerm256.nearest(color)), color) == best)
        }
    }

    @Test func areaAveragingKeepsTheMean() {
        // Downsampling 3:1 with a fractional edge must preserve the image's mean colour.
        let raster = TestPattern.gradient(width: 61, height: 40)
        let sampler = AreaSampler(raster, width: 20, height: 13, background: .white)
        for c in 0..<3 {
            let source = stride(from: c, to: raster.pixels.count, by: 4).map { Double(raster.pixels[$0]) }
            let target = stride(from: c, to: sampler.rgb.count, by: 3).map { Double(sampler.rgb[$0]) }
            let sourceMean = source.reduce(0, +) / Double(source.count)
            let targetMean = target.reduce(0, +) / Double(target.count)
            #expect(abs(sourceMean - targetMean) < 0.01)
        }
    }

    @Test func brailleDotsMatchInkExactlyWhenTheSizesMatch() {
        // 2 dots per column and 4 per row: 8 columns x 3 rows for a 16x12 raster (12 * 8 / 16 / 2 = 3).
        let raster = TestPattern.noise(width: 16, height: 12, seed: 13)
        var ink = Raster(width: 16, height: 12, fill: .white)
        for y in 0..<12 { for x in 0..<16 where raster[x, y].r > 128 { ink[x, y] = .black } }
        let lines = BrailleEncoder.encode(ink, columns: 8, background: .white)
        #expect(lines.count == 3)
        for (row, line) in lines.enumerated() {
            for (column, character) in line.unicodeScalars.enumerated() {
                let bits = character == " " ? 0 : character.value - 0x2800
                for dy in 0..<4 {
                    for dx in 0..<2 {
                        let raised = bits & BrailleEncoder.dotBits[dy][dx] != 0
                        #expect(raised == (ink[column * 2 + dx, row * 4 + dy] == .black))
                    }
                }
            }
        }
    }

    @Test func brailleKeepsThinLinesWhenShrinking() {
        var raster = Raster(width: 400, height: 200, fill: .white)
        for x in 0..<400 { raster[x, 101] = RGBA(30, 30, 200) }
        let lines = BrailleEncoder.encode(raster, columns: 20)
        let marked = lines.filter { $0.unicodeScalars.contains { $0.value > 0x2800 } }
        #expect(marked.count == 1)
        #expect(marked[0].unicodeScalars.count == 20)
        let colored = BrailleEncoder.encode(raster, columns: 20, colored: true)
        #expect(colored.joined().contains("\u{1B}[38;2;30;30;200m"))
        #expect(!lines.joined().contains("\u{1B}"))
    }

    @Test(arguments: TestImages.names)
    func asciiHasNoEscapesAndTheRightShape(name: String) {
        let raster = TestImages.named(name)
        let lines = AsciiEncoder.encode(raster, columns: 30)
        #expect(lines.count == TextGrid.rows(for: raster, columns: 30))
        for line in lines {
            #expect(line.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F })
            #expect(line.count == 30)
        }
    }

    @Test func asciiRampFromWhiteToBlack() {
        var raster = Raster(width: 4, height: 2)
        raster[1, 0] = .black; raster[1, 1] = .black
        raster[2, 0] = RGBA(128, 128, 128); raster[2, 1] = RGBA(128, 128, 128)
        #expect(AsciiEncoder.encode(raster, columns: 4) == [" @= "])
        // Non-printable ramp characters are dropped: ESC must never reach the output.
        #expect(AsciiEncoder.encode(raster, columns: 4, ramp: "\u{1B}ab") == ["abaa"])
    }

    @Test func rowsFollowTheAspectRatio() {
        #expect(TextGrid.rows(for: Raster(width: 1200, height: 700), columns: 80) == 23)
        #expect(TextGrid.rows(for: Raster(width: 100, height: 1), columns: 10) == 1)
        #expect(TextGrid.rows(for: Raster(width: 0, height: 0), columns: 0) == 1)
        #expect(AsciiEncoder.encode(Raster(width: 0, height: 0), columns: 5) == [""])
        // Absurd sizes are clamped, not allocated.
        #expect(AsciiEncoder.encode(Raster(width: 4, height: 2), columns: Int.max).first?.count == TextGrid.maxColumns)
        #expect(TextGrid.rows(for: Raster(width: 1, height: 100_000), columns: 100) == TextGrid.maxRows)
    }
}

