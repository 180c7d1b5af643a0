import Testing
@testable import Plots

@Suite struct TerminalImageTests {
    static let raster = TestPattern.plot(width: 200, height: 120, antialiased: false)

    @Test(arguments: GraphicsMode.allCases)
    func everyModeProducesWhatItsEncoderDoes(mode: GraphicsMode) throws {
        let options = TerminalImage.Options(columns: 50, cellHeight: 16)
        let image = TerminalImage(TerminalImageTests.raster, mode: mode, options: options)
        switch mode {
        case .auto, .none:
            #expect(image.bytes.isEmpty && image.rows == nil)
        case .kitty:
            #expect(try KittyDecoder(image.bytes).raster == TerminalImageTests.raster)
            #expect(image.rows == 8) // 120 px / 16 px per row, rounded up
        case .sixel:
            #expect(try SixelDecoder(image.bytes).raster.width == 200)
            #expect(image.rows == 8)
        case .iterm:
            #expect(try PNGDecoder.decode(ITermTests.parse(image.bytes).png) == TerminalImageTests.raster)
        case .blocks, .braille, .ascii:
            let lines = try #require(image.lines)
            #expect(image.rows == lines.count)
            #expect(lines.count == TextGrid.rows(for: TerminalImageTests.raster, columns: 50))
            #expect(image.bytes == Array(lines.joined(separator: "\r\n").utf8))
            if mode == .ascii { #expect(!image.bytes.contains(0x1B)) }
        }
    }

    @Test func kittyScaledToColumns() throws {
        let image = TerminalImage(TerminalImageTests.raster, mode: .kitty,
                                  options: .init(columns: 40, scaleToColumns: true, kittyImageID: 9, tmux: true))
        let decoded = try KittyDecoder(image.bytes)
        #expect(decoded.keys["c"] == "40" && decoded.keys["r"] == nil && decoded.keys["i"] == "9")
        #expect(image.rows == 12) // 120 * 40 / 200 / 2, for 1:2 cells
        let measured = TerminalImage(TerminalImageTests.raster, mode: .kitty,
                                     options: .init(columns: 40, cellHeight: 17, cellWidth: 8, scaleToColumns: true))
        #expect(measured.rows == 12) // 120 px scaled by 320/200 = 192 px, over 17 px rows = 11.3
    }

    @Test(arguments: [(0, 0), (5, 0), (0, 3)])
    func emptyRastersDoNotCrash(width: Int, height: Int) throws {
        let raster = Raster(width: width, height: height)
        for mode in GraphicsMode.allCases {
            _ = TerminalImage(raster, mode: mode, options: .init(columns: 10, cellHeight: 10))
        }
        let kitty = try KittyDecoder(KittyEncoder.encode(raster))
        #expect(kitty.raster.pixels.isEmpty)
        let sixel = try SixelDecoder(SixelEncoder.encode(raster))
        #expect(sixel.raster.width == width && sixel.raster.height == height)
        #expect(MedianCut.quantize(raster, maxColors: 4, background: .white).indices.isEmpty)
    }
}
