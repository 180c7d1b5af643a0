import Foundation
import Testing
@testable import Runtime

@Suite struct KNNTests {
    /// On a line: the 3 nearest of 1.4 are 1, 2 and 0, two votes for class 0.
    @Test func votesOfTheNearest() throws {
        let m = try KNNClassifier(points: [0, 1, 2, 10, 11], labels: [0, 0, 1, 1, 1], features: 1, classes: 2, k: 3)
        let nb = try m.neighbours([1.4])
        #expect(nb.indices == [1, 2, 0])
        #expect(zip(nb.distances, [0.4, 0.6, 1.4]).allSatisfy { abs($0 - $1) < 1e-6 })
        let p = try m.probabilities([1.4])
        #expect(abs(p[0] - 2.0 / 3) < 1e-12 && abs(p[1] - 1.0 / 3) < 1e-12)
        #expect(try m.predict([1.4, 10.2]) == [0, 1])
    }

    /// Two training points at the same distance: the lower training index is the neighbour.
    @Test(arguments: KNNMetric.allCases)
    func equalDistanceGoesToTheLowerIndex(metric: KNNMetric) throws {
        let points: [Float] = metric == .cosine ? [1, 2, 2, 1] : [-1, 0, 1, 0]
        let query: [Float] = metric == .cosine ? [1, 1] : [0, 0]
        let m = try KNNClassifier(points: points, labels: [1, 0], features: 2, classes: 2, k: 1, metric: metric)
        #expect(try m.neighbours(query).indices == [0])
        #expect(try m.predict(query) == [1])
    }

    /// An equal vote goes to the lower class.
    @Test func equalVoteGoesToTheLowerClass() throws {
        let m = try KNNClassifier(points: [-1, 1], labels: [1, 0], features: 1, classes: 2, k: 2)
        #expect(try m.probabilities([0.5]) == [0.5, 0.5])
        #expect(try m.predict([0.5]) == [0])
    }

    /// Distance weights: 1/d, and a training point at distance 0 takes the whole vote.
    @Test func distanceWeights() throws {
        let m = try KNNClassifier(points: [0, 1, 3], labels: [0, 1, 1], features: 1, classes: 2, k: 3, weights: .distance)
        let p = try m.probabilities([0.5])
        let w = [1 / 0.5, 1 / 0.5, 1 / 2.5]
        #expect(abs(p[0] - w[0] / w.reduce(0, +)) < 1e-12)
        #expect(try m.probabilities([1]) == [0, 1])
    }

    /// Manhattan and cosine distances, worked by hand.
    @Test func manhattanAndCosine() throws {
        let manhattan = try KNNClassifier(points: [0, 0, 3, 4], labels: [0, 1], features: 2, classes: 2, k: 2, metric: .manhattan)
        #expect(try manhattan.neighbours([0, 0]).distances == [0, 7])
        let cosine = try KNNClassifier(points: [1, 0, 0, 2], labels: [0, 1], features: 2, classes: 2, k: 2, metric: .cosine)
        let nb = try cosine.neighbours([1, 1])
        #expect(abs(nb.distances[0] - (1 - 1 / 2.0.squareRoot())) < 1e-12)
    }

    /// The GEMM ranking with the exact re-ranking gives the neighbours of a direct exact search,
    /// also when many training points are duplicates (exact ties).
    @Test func euclideanMatchesAnExactSearch() throws {
        var rng = SeededGenerator(seed: 12)
        let (n, m, d, k) = (700, 40, 37, 7)
        var points = (0..<(n * d)).map { _ in Float(rng.normal()) }
        for i in stride(from: 0, to: n, by: 10) where i + 1 < n {
            for f in 0..<d { points[(i + 1) * d + f] = points[i * d + f] }   // duplicates
        }
        let labels = (0..<n).map { $0 % 4 }
        var queries = (0..<(m * d)).map { _ in Float(rng.normal()) }
        for f in 0..<d { queries[f] = points[20 * d + f] }   // a query on a duplicated training point
        let model = try KNNClassifier(points: points, labels: labels, features: d, classes: 4, k: k)
        let found = try model.neighbours(queries)
        for i in 0..<m {
            let expected = Self.exactNearest(Array(queries[i * d ..< i * d + d]), points, d: d, k: k)
            #expect(Array(found.indices[i * k ..< i * k + k]) == expected)
        }
        #expect(found.indices[0] == 20 && found.indices[1] == 21 && found.distances[0] == 0)
    }

    /// The k nearest by exact double-precision squared distance, ties to the lower index.
    static func exactNearest(_ query: [Float], _ points: [Float], d: Int, k: Int) -> [Int] {
        let n = points.count / d
        var pairs: [(Double, Int)] = []
        for j in 0..<n {
            var s = 0.0
            for f in 0..<d {
                let e = Double(query[f]) - Double(points[j * d + f])
                s += e * e
            }
            pairs.append((s, j))
        }
        pairs.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        return pairs.prefix(k).map { $0.1 }
    }

    /// With grams beside millimetres the mass decides everything; standardised, both count.
    @Test func scalingMakesBothFeaturesCount() throws {
        // Class is decided by the first feature (0 or 1 mm); the second is noise in the thousands.
        let points: [Float] = [0, 4000, 0, 4100, 1, 4050, 1, 3950]
        let labels = [0, 0, 1, 1]
        let query: [Float] = [0, 3960]
        let raw = try KNNClassifier(points: points, labels: labels, features: 2, classes: 2, k: 1)
        let scaled = try KNNClassifier(points: points, labels: labels, features: 2, classes: 2, k: 1, scale: true)
        #expect(try raw.predict(query) == [1])
        #expect(try scaled.predict(query) == [0])
        let s = try FeatureScaler(points: points, features: 2)
        #expect(s.mean == [0.5, 4025] && s.scale[0] == 0.5)
        #expect(try FeatureScaler(points: [3, 3, 3], features: 1).scale == [1], "a constant feature is left unscaled")
    }

    @Test func badInputIsRefusedWithAClearMessage() throws {
        #expect(runtimeMessage { try KNNClassifier(points: [], labels: [], features: 2, classes: 2) }
                == "the data has no points")
        #expect(runtimeMessage { try KNNClassifier(points: [0, 1], labels: [0, 1], features: 1, classes: 2, k: 0) }
                == "k must be at least 1, got 0")
        #expect(runtimeMessage { try KNNClassifier(points: [0, 1], labels: [0, 1], features: 1, classes: 2, k: 3) }
                == "k = 3 is more than the 2 training points")
        #expect(runtimeMessage { try KNNClassifier(points: [0, .nan], labels: [0, 1], features: 1, classes: 2, k: 1) }
                == "point 1, feature 0 is not a number (NaN)")
        let m = try KNNClassifier(points: [0, 0, 1, 1], labels: [0, 1], features: 2, classes: 2, k: 1)
        #expect(runtimeMessage { try m.predict([1, 2, 3]) }
                == "the model takes points of 2 features; 3 values are not a whole number of such points")
        #expect(runtimeMessage { try m.predict([1, .infinity]) } == "query 0, feature 1 is not a number (inf)")
    }
}
