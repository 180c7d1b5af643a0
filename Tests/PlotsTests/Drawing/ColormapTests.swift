import Testing
@testable import Plots

@Suite struct ColormapTests {
    @Test func viridisRunsThroughItsPublishedEndpoints() {
        #expect(Colormap.viridis.color(at: 0) == RGBA(0x44, 0x01, 0x54))
        #expect(Colormap.viridis.color(at: 1) == RGBA(0xFD, 0xE7, 0x25))
        #expect(Colormap.viridis.color(at: 0.5) == RGBA(0x21, 0x91, 0x8C))
        #expect(Colormap.viridis.color(at: -3) == Colormap.viridis.color(at: 0))
        #expect(Colormap.viridis.color(at: .nan) == Colormap.viridis.color(at: 0))
    }

    @Test func viridisLightnessRisesMonotonically() {
        func luma(_ c: RGBA) -> Double { 0.2126 * Double(c.r) + 0.7152 * Double(c.g) + 0.0722 * Double(c.b) }
        let samples = (0...20).map { luma(Colormap.viridis.color(at: Double($0) / 20)) }
        #expect(zip(samples, samples.dropFirst()).allSatisfy { $0 < $1 })
    }

    @Test func divergingIsBlueForNegativeWhiteAtZeroRedForPositive() {
        let low = Colormap.diverging.color(at: 0), mid = Colormap.diverging.color(at: 0.5)
        let high = Colormap.diverging.color(at: 1)
        #expect(low.b > low.r && high.r > high.b)
        #expect(mid.r > 240 && mid.g > 240 && mid.b > 240)
    }

    @Test func tableAgreesWithTheInterpolatedMap() {
        for i in 0...255 {
            let t = Double(i) / 255
            #expect(Colormap.viridis.fastColor(at: t) == Colormap.viridis.color(at: t))
        }
    }

    @Test func classPaletteWrapsAndHasTenDistinctColours() {
        #expect(Set(ClassPalette.colors).count == 10)
        #expect(ClassPalette.color(10) == ClassPalette.color(0))
        #expect(ClassPalette.color(-1) == ClassPalette.color(9))
        #expect(Colormap.named("Viridis") != nil && Colormap.named("jet") == nil)
    }
}
