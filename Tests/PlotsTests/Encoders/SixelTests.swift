import Testing
@testable import Plots

@Suite struct SixelTests {
    /// Images with at most 256 colours after compositing over white.
    static let fewColours = ["gradient 15x17", "plot few colours 120x70", "1x1", "odd 5x7", "transparent",
                             "fully transparent 4x3"]

    @Test func percentRoundTripIsWithinOneForEveryByte() {
        for value in 0...255 {
            let back = Int(SixelDecoder.channel(SixelEncoder.percent(UInt8(value))))
            #expect(abs(back - value) <= 1, "value \(value) comes back as \(back)")
            #expect((0...100).contains(SixelEncoder.percent(UInt8(value))))
        }
    }

    @Test(arguments: fewColours)
    func exactPaletteDecodesWithinOne(name: String) throws {
        let raster = TestImages.named(name)
        let exact = IndexedImage(raster).isExact
        #expect(exact)
        let decoded = try SixelDecoder(SixelEncoder.encode(raster))
        #expect(decoded.paintCount.allSatisfy { $0 >= 1 }, "every pixel painted")
        #expect(TestImages.maxColorError(decoded.raster, TestImages.flattened(raster, over: .white)) <= 1)
    }

    @Test func transparentPixelsTakeTheBackground() throws {
        let raster = Raster(width: 3, height: 7, fill: .clear)
        let decoded = try SixelDecoder(SixelEncoder.encode(raster, options: .init(background: RGBA(0, 0, 255))))
        #expect(decoded.raster == Raster(width: 3, height: 7, fill: RGBA(0, 0, 255)))
    }

    @Test(arguments: ["noise 33x17", "gradient 64x48", "plot anti-aliased 121x71", "noise with alpha 20x9"])
    func quantisedImagesHaveBoundedError(name: String) throws {
        let raster = TestImages.named(name)
        let flat = TestImages.flattened(raster, over: .white)
        let image = IndexedImage(raster, maxColors: 64)
        let (exact, colours) = (image.isExact, image.palette.count)
        #expect(!exact)
        #expect(colours <= 64)
        let decoded = try SixelDecoder(SixelEncoder.encode(raster, options: .init(maxColors: 64)))
        #expect(decoded.paintCount.allSatisfy { $0 >= 1 })
        var total = 0
        for i in 0..<flat.pixels.count where i % 4 != 3 {
            total += abs(Int(decoded.raster.pixels[i]) - Int(flat.pixels[i]))
        }
        let mean = Double(total) / Double(flat.width * flat.height * 3)
        // 64 colours: for noise filling the cube, cells about 64 wide, so a mean error near 16 per
        // channel; for a gradient (a 2-D sheet in the cube) cells about 32 wide, mean near 8.
        #expect(mean < (name.hasPrefix("noise") ? 24 : 10), "mean error \(mean)")
        #expect(TestImages.maxColorError(decoded.raster, flat) < 128)
    }

    @Test func plotColoursStayExactUnderQuantisation() throws {
        // An anti-aliased plot has over a thousand shades; its frequent colours (background, grid,
        // axes, series) must still come back within ±2, and the rare blends stay close on average.
        let raster = TestPattern.plot(width: 300, height: 200, antialiased: true)
        let exact = IndexedImage(raster).isExact
        #expect(!exact)
        let decoded = try SixelDecoder(SixelEncoder.encode(raster)).raster
        var frequency: [RGBA: Int] = [:]
        for y in 0..<raster.height { for x in 0..<raster.width { frequency[raster[x, y], default: 0] += 1 } }
        let frequent = Set(frequency.sorted { $0.value > $1.value }.prefix(6).map(\.key))
        var total = 0
        for y in 0..<raster.height {
            for x in 0..<raster.width {
                let (a, b) = (raster[x, y], decoded[x, y])
                let error = max(abs(Int(a.r) - Int(b.r)), abs(Int(a.g) - Int(b.g)), abs(Int(a.b) - Int(b.b)))
                if frequent.contains(a) { #expect(error <= 2, "colour \(a) at \(x),\(y) came back as \(b)") }
                total += error
            }
        }
        #expect(Double(total) / Double(raster.width * raster.height) < 1)
        #expect(TestImages.maxColorError(decoded, raster) <= 48)
    }

    @Test func encodingUsesRunsBandsAndRegisters() {
        let raster = Raster(width: 100, height: 13, fill: RGBA(255, 0, 0))
        let text = String(decoding: SixelEncoder.encode(raster), as: UTF8.self)
        #expect(text.hasPrefix("\u{1B}Pq\"1;1;100;13#0;2;100;0;0"))
        #expect(text.contains("#0!100~-#0!100~-#0!100@")) // 13 rows: two full bands, one row
        #expect(text.hasSuffix("\u{1B}\\"))
    }

    @Test func twoColourTableHas256Registers() throws {
        // 256 distinct colours exactly fit; 257 force quantisation.
        var raster = Raster(width: 16, height: 17)
        for i in 0..<256 { raster[i % 16, i / 16] = RGBA(UInt8(i), UInt8(255 - i), 7) }
        for x in 0..<16 { raster[x, 16] = RGBA(0, 255, 7) }
        let fits = IndexedImage(raster).isExact
        #expect(fits)
        raster[15, 16] = RGBA(1, 2, 3)
        let quantised = IndexedImage(raster)
        let (exact, colours) = (quantised.isExact, quantised.palette.count)
        #expect(!exact)
        #expect(colours <= 256)
    }

    @Test func tmuxWrapping() throws {
        let raster = TestPattern.gradient(width: 9, height: 8)
        let wrapped = SixelEncoder.encode(raster, options: .init(tmux: true))
        #expect(try KittyDecoder.unwrapTmux(wrapped) == SixelEncoder.encode(raster))
    }
}
