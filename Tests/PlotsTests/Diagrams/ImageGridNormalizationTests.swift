import Testing
@testable import Plots

@Suite struct ImageGridNormalizationTests {
    @Test(arguments: [
        (ImageGridNormalization.minMax, [Float(2), 4, 3], [0.0, 1, 0.5]),
        (.minMax, [5, 5], [0.5, 0.5]),
        (.signed, [-2, 0, 1], [0.0, 0.5, 0.75]),
        (.signed, [0, 0], [0.5, 0.5]),
        (.signed, [1, 4], [0.625, 1]),
        (.fixed(low: 0, high: 1), [0, 0.25, 2, -1], [0, 0.25, 1, 0]),
        (.fixed(low: 1, high: 1), [3], [0.5]),
    ])
    func mapsValuesToColormapPositions(mode: ImageGridNormalization, values: [Float],
                                       expected: [Double]) {
        let got = mode.positions(values)
        #expect(got.count == expected.count)
        for (g, e) in zip(got, expected) { #expect(abs((g ?? -1) - e) < 1e-9) }
    }

    @Test func nonFiniteValuesAreMissingAndIgnoredByTheScan() {
        let got = ImageGridNormalization.minMax.positions([1, .nan, 3, .infinity])
        #expect(got[0] == 0 && got[1] == nil && got[2] == 1 && got[3] == nil)
        #expect(ImageGridNormalization.signed.positions([.nan]) == [nil])
        #expect(ImageGridNormalization.minMax.positions([]).isEmpty)
    }
}
