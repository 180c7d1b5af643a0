import Foundation
import Testing
@testable import Plots

/// Pixel-level checks of the canvas primitives, on white rasters drawn in black so that
/// "ink" = 1 - red/255 is the coverage a pixel received.
@Suite struct PrimitiveTests {
    static func ink(_ r: Raster, _ x: Int, _ y: Int) -> Double { 1 - Double(r[x, y].r) / 255 }

    static func totalInk(_ r: Raster) -> Double {
        var sum = 0.0
        for y in 0..<r.height { for x in 0..<r.width { sum += ink(r, x, y) } }
        return sum
    }

    /// The inked pixels' bounding box (minX, minY, maxX, maxY), inclusive; nil when blank.
    static func inkBox(_ r: Raster) -> (Int, Int, Int, Int)? {
        var box: (Int, Int, Int, Int)? = nil
        for y in 0..<r.height {
            for x in 0..<r.width where ink(r, x, y) > 0 {
                if let b = box { box = (min(b.0, x), min(b.1, y), max(b.2, x), max(b.3, y)) }
                else { box = (x, y, x, y) }
            }
        }
        return box
    }

    @Test func horizontalLineCoversItsRow() {
        var r = Raster(width: 16, height: 10)
        r.line(from: Point(2, 5.5), to: Point(12, 5.5), width: 1, color: .black)
        for x in 2...11 { #expect(r[x, 5] == .black, "pixel \(x) on the line") }
        for x in 0..<16 {
            #expect(r[x, 4] == .white && r[x, 6] == .white, "rows above and below stay white at \(x)")
        }
        #expect(Self.ink(r, 1, 5) > 0.3 && Self.ink(r, 1, 5) < 0.7, "round cap half covers the end pixel")
    }

    @Test func diagonalLineHasPartialCoverageAtItsEdges() {
        var r = Raster(width: 30, height: 30)
        r.line(from: Point(3, 5), to: Point(27, 22), width: 1.5, color: .black)
        var partial = 0, full = 0
        for y in 0..<30 { for x in 0..<30 {
            let c = Self.ink(r, x, y)
            if c > 0.05 && c < 0.95 { partial += 1 }
            if c >= 0.99 { full += 1 }
        } }
        #expect(partial > 20, "anti-aliased edge pixels: \(partial)")
        #expect(full > 10, "solid core pixels: \(full)")
        // The ink is about length x width.
        let expected = (24.0 * 24.0 + 17.0 * 17.0).squareRoot() * 1.5
        #expect(abs(Self.totalInk(r) - expected) / expected < 0.12)
    }

    @Test func translucentPolylineIsEvenAcrossItsJoints() {
        var r = Raster(width: 40, height: 20)
        r.polyline([Point(5, 10.5), Point(20, 10.5), Point(35, 10.5), Point(20, 10.5)], width: 3,
                   color: RGBA(0, 0, 0, 128))
        #expect(r[20, 10] == r[12, 10], "the joint is not darker than the middle of a segment")
        #expect(r[30, 10] == r[12, 10], "nor is the doubled-back stretch")
        #expect(abs(Int(r[12, 10].r) - 127) <= 1)
    }

    @Test func dashedLineIsOnAboutAsMuchAsThePatternSays() {
        var r = Raster(width: 110, height: 5)
        r.line(from: Point(5, 2.5), to: Point(105, 2.5), width: 1, color: .black, dash: [6, 4])
        let row = (0..<110).map { Self.ink(r, $0, 2) }
        let inked = row.filter { $0 > 0.5 }.count
        #expect(inked >= 58 && inked <= 62, "60% of 100 px inked: \(inked)")
        #expect(row[5 + 8] < 0.5, "a gap 8 px in (between 6 on and 10)")
    }

    @Test func clipIsHonouredByEveryPrimitive() {
        var r = Raster(width: 40, height: 40)
        let inside = Rect(x: 10, y: 10, width: 20, height: 20)
        r.withClip(inside) { r in
            r.fillRect(Rect(x: -5, y: -5, width: 60, height: 60), color: .black)
            r.line(from: Point(0, 0), to: Point(40, 40), width: 5, color: .black)
            r.fillCircle(center: Point(20, 20), radius: 30, color: .black)
            r.fillPolygon([Point(-10, -10), Point(50, 0), Point(20, 50)], color: .black)
            r.drawText("clipped text", x: 0, y: 15, color: .black)
            r.drawValues([1, 2, 3, 4], columns: 2, rows: 2, in: Rect(x: 0, y: 0, width: 40, height: 40),
                         colormap: .gray)
        }
        for y in 0..<40 { for x in 0..<40 {
            let isInside = (10..<30).contains(x) && (10..<30).contains(y)
            if !isInside { #expect(r[x, y] == .white, "pixel \(x),\(y) outside the clip") }
        } }
        #expect(r.clip == PixelBox(minX: 0, minY: 0, maxX: 40, maxY: 40), "clip restored")
    }

    @Test func halfCoverageBlendsHalfway() {
        var r = Raster(width: 2, height: 1)
        r.blend(x: 0, y: 0, color: .black, coverage: 0.5)
        r.blend(x: 1, y: 0, color: RGBA(0, 0, 0, 128), coverage: 1)
        #expect(abs(Int(r[0, 0].r) - 127) <= 1)
        #expect(abs(Int(r[1, 0].r) - 127) <= 1)
        #expect(r[0, 0].a == 255)
        r.blend(x: 5, y: 5, color: .black)   // outside: ignored, no crash
    }

    @Test func fractionalRectangleEdgesAreCoveredByTheirArea() {
        var r = Raster(width: 10, height: 10)
        r.fillRect(Rect(x: 2.5, y: 2, width: 5, height: 3.25), color: .black)
        #expect(abs(Self.totalInk(r) - 5 * 3.25) < 0.2)
        #expect(abs(Self.ink(r, 2, 3) - 0.5) < 0.02)
        #expect(r[4, 3] == .black)
    }

    struct AreaCase: CustomTestStringConvertible, Sendable {
        let name: String
        let points: [Point]
        let area: Double
        var testDescription: String { name }
    }

    static let polygons: [AreaCase] = [
        AreaCase(name: "triangle", points: [Point(5, 5), Point(55, 12), Point(20, 47)],
                 area: 0.5 * abs((55 - 5) * (47 - 5) - (20 - 5) * (12 - 5))),
        AreaCase(name: "concave arrow", points: [Point(10, 50), Point(30, 5), Point(50, 50), Point(30, 30)],
                 area: 900 - 400),  // outer triangle minus the notch
        AreaCase(name: "square with fractional corners",
                 points: [Point(10.3, 10.3), Point(40.7, 10.3), Point(40.7, 40.7), Point(10.3, 40.7)],
                 area: 30.4 * 30.4),
        AreaCase(name: "self-touching bow (non-zero winding)",
                 points: [Point(10, 10), Point(50, 50), Point(50, 10), Point(10, 50)],
                 area: 2 * 0.5 * 40 * 20),
    ]

    @Test(arguments: polygons)
    func polygonAreaMatchesAnalyticArea(_ c: AreaCase) {
        var r = Raster(width: 64, height: 64)
        r.fillPolygon(c.points, color: .black)
        let measured = Self.totalInk(r)
        #expect(abs(measured - c.area) / c.area < 0.01, "\(c.name): \(measured) vs \(c.area)")
    }

    @Test(arguments: [2.0, 5.5, 20.0])
    func discAreaIsPiRSquared(radius: Double) {
        var r = Raster(width: 50, height: 50)
        r.fillCircle(center: Point(25, 25), radius: radius, color: .black)
        let area = Double.pi * radius * radius
        #expect(abs(Self.totalInk(r) - area) / area < 0.04)
    }

    @Test func textInkStaysInsideItsMeasuredBox() {
        for font in [Font.small, Font.large] {
            for text in ["Ag|y_", "loss ŷ∇", "two\nlines", "日?"] {
                var r = Raster(width: 120, height: 60)
                r.drawText(text, x: 10, y: 10, font: font, color: .black)
                let size = Raster.measure(text, font: font)
                guard let box = Self.inkBox(r) else { Issue.record("nothing drawn for \(text)"); continue }
                #expect(box.0 >= 10 && box.1 >= 10, "\(text) in \(font.name)")
                #expect(box.2 < 10 + size.width && box.3 < 10 + size.height, "\(text) in \(font.name)")
                #expect(box.2 >= 10 + size.width - 2 * font.cellWidth, "ink reaches the last cell")
            }
        }
    }

    @Test func anchorsPlaceTheBoxAroundThePoint() {
        let size = Raster.measure("Hello", font: .small)
        var r = Raster(width: 100, height: 60)
        r.drawText("Hello", x: 50, y: 30, font: .small, color: .black, anchor: .bottomRight)
        let box = Self.inkBox(r)!
        #expect(box.2 < 50 && box.2 >= 50 - Font.small.cellWidth)
        #expect(box.3 < 30 && box.0 >= 50 - size.width)
    }

    @Test func rotatedTextRunsUpTheRaster() {
        var r = Raster(width: 40, height: 100)
        r.drawText("accuracy", x: 20, y: 50, font: .small, color: .black, anchor: .center, rotation: .up)
        let box = Self.inkBox(r)!
        let size = Raster.measure("accuracy", font: .small)
        #expect(box.3 - box.1 + 1 > size.width - Font.small.cellWidth, "tall: the text's length")
        #expect(box.2 - box.0 + 1 <= Font.small.lineHeight, "narrow: one line")
        #expect(abs((box.1 + box.3) / 2 - 50) <= 3, "centred on the anchor")
    }

    @Test func unknownCharactersDrawABoxOfOneCell() {
        #expect(Raster.measure("☃", font: .small).width == Font.small.cellWidth)
        var r = Raster(width: 20, height: 20)
        r.drawText("☃", x: 2, y: 2, color: .black)
        #expect(Self.totalInk(r) > 10)
        #expect(Font.small.hasGlyph("∇") && Font.large.hasGlyph("∇") && Font.small.hasGlyph("ŷ"))
    }

    @Test func absurdCoordinatesDrawNothingAndNeverTrap() {
        var r = Raster(width: 20, height: 20)
        r.line(from: Point(.nan, 1), to: Point(5, 5), color: .black)
        r.line(from: Point(-1e300, 1), to: Point(1e300, 1e300), width: 1e300, color: .black)
        r.fillCircle(center: Point(.infinity, 3), radius: 4, color: .black)
        r.fillPolygon([Point(0, 0), Point(.nan, 4), Point(9, 9)], color: .black)
        r.fillRect(Rect(x: .nan, y: 0, width: 5, height: 5), color: .black)
        r.drawText("x", x: .infinity, y: 0, color: .black)
        r.drawValues([1, 2, 3], columns: 2, rows: 2, in: Rect(x: 0, y: 0, width: 9, height: 9), colormap: .gray)
        #expect(Self.inkBox(r) == nil)
    }

    @Test func valuesDrawThroughTheColormapWithMissingForNaN() {
        var r = Raster(width: 20, height: 20)
        r.drawValues([0, 1, .nan, 0.5], columns: 2, rows: 2, in: Rect(x: 0, y: 0, width: 20, height: 20),
                     colormap: .viridis, missing: RGBA(1, 2, 3))
        #expect(r[5, 5] == Colormap.viridis.color(at: 0))
        #expect(r[15, 5] == Colormap.viridis.color(at: 1))
        #expect(r[5, 15] == RGBA(1, 2, 3))
        let mid = r[15, 15], expected = Colormap.viridis.color(at: 0.5)
        #expect(abs(Int(mid.g) - Int(expected.g)) <= 2)
    }
}

@Suite struct DashPhaseTests {
    @Test func dashesContinueAcrossJointsAndAbsurdLengthsStayCheap() {
        // The same dashed line drawn whole and as two joined halves looks the same.
        var whole = Raster(width: 100, height: 5), split = Raster(width: 100, height: 5)
        whole.line(from: Point(0, 2.5), to: Point(100, 2.5), color: .black, dash: [7, 3])
        split.polyline([Point(0, 2.5), Point(43, 2.5), Point(100, 2.5)], color: .black, dash: [7, 3])
        #expect(whole == split)
        // A line from far away keeps its phase: compare with the same line started at 0.
        var far = Raster(width: 100, height: 5), near = Raster(width: 100, height: 5)
        far.line(from: Point(-1e6, 2.5), to: Point(100, 2.5), color: .black, dash: [6, 4])
        near.line(from: Point(0, 2.5), to: Point(100, 2.5), color: .black, dash: [6, 4])
        #expect(far == near, "1e6 is a whole number of 10 px periods")
        // Only the visible stretch is walked: these return at once instead of walking 1e9 or
        // 1e300 dashes (where Double has no pixel precision left, nothing need be drawn).
        var long = Raster(width: 50, height: 50)
        long.line(from: Point(-1e9, -1e9), to: Point(1e9, 1e9), color: .black, dash: [1, 1])
        #expect((0..<50).filter { long[$0, $0] != .white }.count > 10)
        long.line(from: Point(-1e300, -1e300), to: Point(1e300, 1e300), color: .black, dash: [1, 1])
    }
}
