import Testing
@testable import Runtime

/// A user's picture becomes an MNIST-like input: inverted when light, cropped, scaled to the
/// 20/28 box, centred by mass; bad pictures are refused with a message.
@Suite("Digit preprocessing")
struct DigitPreprocessorTests {
    /// A `width` x `height` picture, `paper` everywhere but a filled rectangle of `ink`.
    static func picture(width: Int, height: Int, paper: Float, ink: Float, box: (x: Range<Int>, y: Range<Int>)) -> [Float] {
        var gray = [Float](repeating: paper, count: width * height)
        for y in box.y { for x in box.x { gray[y * width + x] = ink } }
        return gray
    }

    /// A tall bar off in a corner of a big white page comes out as a centred bar whose height is
    /// the 20/28 box (20 px at 28, 10 px at 14), bright on black.
    @Test(arguments: [28, 14])
    func cropsScalesAndCentres(side: Int) throws {
        let gray = Self.picture(width: 200, height: 120, paper: 0.95, ink: 0.1, box: (x: 20..<40, y: 10..<90))
        let out = try DigitPreprocessor.prepare(gray: gray, width: 200, height: 120, side: side)
        #expect(out.count == side * side)
        let rows = (0..<side).filter { y in (0..<side).contains { out[y * side + $0] > 0.5 } }
        let columns = (0..<side).filter { x in (0..<side).contains { out[$0 * side + x] > 0.5 } }
        #expect(rows.count == Int((Double(side) * 20 / 28).rounded()))
        #expect(columns.count == Int((Double(rows.count) / 4).rounded()))
        // Centre of mass within half a pixel of the centre.
        var mass: Float = 0, cx: Float = 0, cy: Float = 0
        for y in 0..<side { for x in 0..<side { let v = out[y * side + x]; mass += v; cx += v * (Float(x) + 0.5); cy += v * (Float(y) + 0.5) } }
        #expect(abs(cx / mass - Float(side) / 2) <= 0.75 && abs(cy / mass - Float(side) / 2) <= 0.75)
        #expect(out.max() == 1 && out[0] == 0)
    }

    /// Light ink on a dark background gives the same input as dark ink on paper.
    @Test func darkBackgroundIsNotInverted() throws {
        let box = (x: 30..<50, y: 20..<70)
        let paper = try DigitPreprocessor.prepare(gray: Self.picture(width: 100, height: 100, paper: 1, ink: 0, box: box), width: 100, height: 100, side: 28)
        let screen = try DigitPreprocessor.prepare(gray: Self.picture(width: 100, height: 100, paper: 0, ink: 1, box: box), width: 100, height: 100, side: 28)
        #expect(paper == screen)
    }

    @Test(arguments: [
        ([Float](repeating: 1, count: 100), 10, 10, "no ink"),
        ([Float](), 0, 0, "empty"),
        ([Float](repeating: 0.5, count: 6), 1 << 13, 1 << 12, "more than"),
    ])
    func refusesBadPictures(gray: [Float], width: Int, height: Int, expected: String) {
        #expect { _ = try DigitPreprocessor.prepare(gray: gray, width: width, height: height, side: 28) } throws: {
            "\($0)".contains(expected)
        }
    }
}
