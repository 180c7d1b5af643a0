import Testing
@testable import Plots

/// Log-axis labels such as "5×10⁻⁴" read evenly: every superscript digit of each font stands on
/// the same rows (misc-fixed's ¹²³ came from Latin-1 a row lower), and the period is a small
/// square near the baseline, not a diamond reaching below it that reads as a comma.
@Suite struct SuperscriptGlyphTests {
    /// The rows of `scalar`'s ink in `font`, drawn alone in black on white.
    static func inkRows(_ scalar: Unicode.Scalar, _ font: Font) -> ClosedRange<Int>? {
        var raster = Raster(width: font.cellWidth + 4, height: font.lineHeight + 4, fill: .white)
        raster.drawText(String(Character(scalar)), x: 2, y: 2, font: font, color: .black, anchor: .topLeft)
        var rows: [Int] = []
        for y in 0..<raster.height {
            for x in 0..<raster.width where raster[x, y].r < 128 { rows.append(y - 2); break }
        }
        guard let first = rows.first, let last = rows.last else { return nil }
        return first...last
    }

    @Test(arguments: [("small", Font.small), ("large", Font.large)])
    func superscriptDigitsShareTheirRows(_ name: String, _ font: Font) throws {
        let digits: [Unicode.Scalar] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        let rows = try digits.map { try #require(Self.inkRows($0, font), "\(name) has no ink for \($0)") }
        let reference = rows[5]
        for (digit, range) in zip(digits, rows) {
            #expect(range == reference, "\(name) \(digit) stands on rows \(range), ⁵ on \(reference)")
        }
        #expect(reference.upperBound < font.ascent - 3, "superscripts sit high")
    }

    @Test(arguments: [("small", Font.small), ("large", Font.large)])
    func thePeriodSitsOnTheBaseline(_ name: String, _ font: Font) throws {
        let rows = try #require(Self.inkRows(".", font))
        #expect(rows.upperBound == font.ascent - 1, "\(name) period ends on the baseline row, got \(rows)")
        #expect(rows.count <= 2)
    }

    /// Kept for a person to look at: "5×10⁻⁴ 2×10⁻⁶ 0.001 3.5" in both fonts.
    @Test func sampleForTheEye() {
        var raster = Raster(width: 260, height: 50, fill: .white)
        raster.drawText("5×10⁻⁴ 2×10⁻⁶ 1×10³ 0.001 3.5", x: 4, y: 4, font: .small, color: .black, anchor: .topLeft)
        raster.drawText("5×10⁻⁴ 2×10⁻⁶ 0.001", x: 4, y: 24, font: .large, color: .black, anchor: .topLeft)
        LookAt.save(raster, "superscripts")
        #expect(ViewFixtures.hasInk(raster))
    }
}
