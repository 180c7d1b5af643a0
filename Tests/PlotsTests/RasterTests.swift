import Testing
@testable import Plots

@Suite struct RasterTests {
    @Test func fillAndSubscript() {
        var raster = Raster(width: 3, height: 2, fill: .white)
        raster[2, 1] = RGBA(1, 2, 3, 4)
        #expect(raster[2, 1] == RGBA(1, 2, 3, 4))
        #expect(raster[0, 0] == .white)
        #expect(raster.pixels.count == 24)
    }
}
