import Testing
@testable import Runtime

@Suite struct FeatureScalingTests {
    @Test func standardisesEachFeatureAndLeavesAConstantOneCentred() {
        // Features: [1, 3] (mean 2, population sd 1), [10, 10] (constant), [0, 4] (mean 2, sd 2).
        let points: [Float] = [1, 10, 0, 3, 10, 4]
        let scaling = FeatureScaling.fit(points: points, featureCount: 3)
        #expect(scaling.mean == [2, 10, 2] && scaling.scale == [1, 1, 2])
        #expect(scaling.apply(points) == [-1, 0, -1, 1, 0, 1])
    }

    @Test func noRowsIsTheIdentity() {
        let scaling = FeatureScaling.fit(points: [], featureCount: 2)
        #expect(scaling.mean == [0, 0] && scaling.scale == [1, 1])
    }
}
