import Testing
@testable import Plots

/// The Sixel passes (`SixelEncoder.Band`): colours share passes and paint under later colours,
/// and the picture must stay exactly what one pass per colour, painting only its own pixels,
/// showed before.
@Suite struct SixelPassTests {
    /// The indexed image as a terminal shows it: each register's percentages mapped back.
    static func shown(_ image: IndexedImage) -> Raster {
        var raster = image.raster()
        for i in stride(from: 0, to: raster.pixels.count, by: 4) {
            for channel in 0..<3 {
                raster.pixels[i + channel] = SixelDecoder.channel(SixelEncoder.percent(raster.pixels[i + channel]))
            }
        }
        return raster
    }

    /// The encoding before passes were shared: per band, one pass per colour in first-seen order,
    /// each painting only its own pixels, registers numbered as the palette.
    static func onePassPerColour(_ image: IndexedImage) -> [UInt8] {
        var text = "\u{1B}Pq\"1;1;\(image.width);\(image.height)"
        for (n, c) in image.palette.enumerated() {
            text += "#\(n);2;\(SixelEncoder.percent(c.r));\(SixelEncoder.percent(c.g));\(SixelEncoder.percent(c.b))"
        }
        for top in stride(from: 0, to: image.height, by: 6) {
            if top > 0 { text += "-" }
            var colours: [Int] = []
            for y in top..<min(top + 6, image.height) {
                for x in 0..<image.width where !colours.contains(Int(image.indices[y * image.width + x])) {
                    colours.append(Int(image.indices[y * image.width + x]))
                }
            }
            for (k, c) in colours.enumerated() {
                text += (k > 0 ? "$" : "") + "#\(c)"
                for x in 0..<image.width {
                    var mask = 0
                    for y in top..<min(top + 6, image.height) where Int(image.indices[y * image.width + x]) == c {
                        mask |= 1 << (y - top)
                    }
                    text += String(UnicodeScalar(UInt8(63 + mask)))
                }
            }
        }
        return Array((text + "\u{1B}\\").utf8)
    }

    @Test(arguments: TestImages.names)
    func everyPixelEndsInItsOwnColour(name: String) throws {
        let image = IndexedImage(TestImages.named(name))
        let decoded = try SixelDecoder(SixelEncoder.encode(image))
        #expect(decoded.raster == Self.shown(image))
        #expect(decoded.paintCount.allSatisfy { $0 >= 1 })
        #expect(decoded.raster == (try SixelDecoder(Self.onePassPerColour(image))).raster)
    }

    /// A live run: every frame (an anti-aliased plot with a moving marker, quantised) replayed on
    /// one canvas shows exactly what whole frames in one pass per colour showed, and is within
    /// the quantiser's bounds of the rendered frame: the frame's frequent colours within ±2 per
    /// channel, a mean error under 1.
    @Test func aLiveRunReplaysToEachFrame() throws {
        var canvas: Raster?
        var fewer = 0
        for step in 0..<12 {
            let frame = LiveFrameEncoderTests.frame(step, width: 240, height: 150)
            let image = IndexedImage(frame)
            let bytes = SixelEncoder.encode(frame)
            let decoded = try SixelDecoder(bytes)
            // Every pixel is painted, so the frame replaces all of the canvas.
            #expect(decoded.paintCount.allSatisfy { $0 >= 1 })
            canvas = decoded.raster
            #expect(canvas == Self.shown(image), "frame \(step)")
            let before = Self.onePassPerColour(image)
            #expect(canvas == (try SixelDecoder(before)).raster, "frame \(step)")
            if bytes.count < before.count * 8 / 10 { fewer += 1 }
            var frequency: [RGBA: Int] = [:]
            for y in 0..<frame.height { for x in 0..<frame.width { frequency[frame[x, y], default: 0] += 1 } }
            let frequent = Set(frequency.sorted { $0.value > $1.value }.prefix(6).map(\.key))
            var total = 0
            for y in 0..<frame.height {
                for x in 0..<frame.width {
                    let (a, b) = (frame[x, y], canvas![x, y])
                    let error = max(abs(Int(a.r) - Int(b.r)), abs(Int(a.g) - Int(b.g)), abs(Int(a.b) - Int(b.b)))
                    if frequent.contains(a) { #expect(error <= 2, "frame \(step): \(a) at \(x),\(y) shown as \(b)") }
                    total += error
                }
            }
            #expect(Double(total) / Double(frame.width * frame.height) < 1, "frame \(step)")
        }
        #expect(fewer == 12, "every frame 20% smaller than one pass per colour")
    }

    @Test func backgroundRunsUnderLaterColoursAndDisjointColoursSharePasses() {
        var raster = Raster(width: 100, height: 6, fill: .white)
        for y in 0..<6 {
            for x in 10..<20 { raster[x, y] = RGBA(255, 0, 0) }
            for x in 50..<60 { raster[x, y] = RGBA(0, 0, 255) }
        }
        let text = String(decoding: SixelEncoder.encode(raster), as: UTF8.self)
        // White first, under the squares; red and blue in one pass after one `$`.
        #expect(text.hasSuffix("#0!100~$#1!10?!10~#2!30?!10~\u{1B}\\"), "\(text)")
    }

    @Test func aColourIsCutAtAWideGapSoAnotherColourFillsItInTheSamePass() throws {
        var raster = Raster(width: 100, height: 6, fill: .white)
        for y in 0..<6 {
            for x in 10..<20 { raster[x, y] = RGBA(255, 0, 0) }
            for x in 80..<90 { raster[x, y] = RGBA(255, 0, 0) }
            for x in 40..<50 { raster[x, y] = RGBA(0, 0, 255) }
        }
        let bytes = SixelEncoder.encode(raster)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasSuffix("#0!100~$#1!10?!10~#2!20?!10~#1!30?!10~\u{1B}\\"), "\(text)")
        #expect(try SixelDecoder(bytes).raster == raster)
    }

    @Test func registersAreNumberedByPixelCountAndUnusedOnesLeftOut() throws {
        let image = IndexedImage(width: 4, height: 1, palette: [RGBA(1, 1, 1), RGBA(2, 2, 2), RGBA(200, 0, 0)],
                                 indices: [2, 2, 2, 0], isExact: true)
        let text = String(decoding: SixelEncoder.encode(image), as: UTF8.self)
        #expect(text.hasPrefix("\u{1B}Pq\"1;1;4;1#0;2;78;0;0#1;2;0;0;0#"))
        #expect(!text.contains("#2"))
        #expect(try SixelDecoder(Array(text.utf8)).raster == Self.shown(image))
    }
}
