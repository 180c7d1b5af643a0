import Testing
@testable import Plots
import Runtime

/// A table network's pictures span the two columns that tell the classes apart best.
@Suite struct InformativePairTests {
    @Test func theSeparatingColumnsArePicked() throws {
        // Column 0 repeats the same values in both classes, columns 1 and 3 separate them
        // (3 more sharply), column 2 only a little.
        var points: [Float] = []
        var labels: [Int] = []
        for i in 0..<40 {
            let k = i % 2
            let wobble = Float(i % 5) * 0.1
            points += [Float(i % 4), Float(k) * 2 + wobble, Float(k) * 0.1 + wobble, Float(k) * 5 + wobble * 0.1]
            labels.append(k)
        }
        let data = try Dataset(points: points, labels: labels, featureNames: ["a", "b", "c", "d"], name: "t")
        #expect(PlaygroundPanels.informativePair(data, columns: 4) == (1, 3))
    }

    @Test func aRegressionPicksTheColumnsThatFollowTheTarget() throws {
        var points: [Float] = [], targets: [Float] = []
        for i in 0..<30 {
            let x = Float(i)
            points += [Float(i % 3), x, -2 * x + Float(i % 2), Float(i % 7)]
            targets.append(x)
        }
        let data = try Dataset(points: points, targets: targets, featureNames: ["a", "b", "c", "d"], name: "r")
        #expect(PlaygroundPanels.informativePair(data, columns: 4) == (1, 2))
    }
}
