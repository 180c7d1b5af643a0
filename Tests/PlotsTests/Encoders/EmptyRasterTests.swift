import Testing
@testable import Plots

/// Every encoder takes an empty raster (a 0-pixel figure) without crashing.
@Suite struct EmptyRasterTests {
    @Test(arguments: [(0, 0), (5, 0), (0, 3)])
    func emptyRastersDoNotCrash(width: Int, height: Int) throws {
        let raster = Raster(width: width, height: height)
        let kitty = try KittyDecoder(KittyEncoder.encode(raster))
        #expect(kitty.raster.pixels.isEmpty)
        let sixel = try SixelDecoder(SixelEncoder.encode(raster))
        #expect(sixel.raster.width == width && sixel.raster.height == height)
        #expect(MedianCut.quantize(raster, maxColors: 4, background: .white).indices.isEmpty)
        _ = ITermEncoder.encode(raster)
        _ = HalfBlockEncoder.encode(raster, columns: 10, palette: .trueColor)
        _ = BrailleEncoder.encode(raster, columns: 10, colored: true)
        _ = AsciiEncoder.encode(raster, columns: 10)
    }
}
