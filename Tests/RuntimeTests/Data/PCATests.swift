import Testing
@testable import Runtime

/// PCA against scikit-learn (numbers from tools/reference/check_pca.py, scikit-learn 1.9.1) and
/// against its own definition on small cases.
@Suite struct PCATests {
    static func close(_ a: [Double], _ b: [Double], _ tolerance: Double) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance * max(1, abs($1)) }
    }

    @Test func irisMatchesScikitLearn() throws {
        let iris = try TabularData.iris()
        let pca = try PCA.fit(points: iris.points, featureCount: 4, components: 2)
        #expect(Self.close(pca.components, [0.3613865917853652, -0.08452251406457312, 0.856670605949836, 0.35828919715155155,
                                            0.6565887712868261, 0.7301614347850451, -0.17337266279585106, -0.07548101991744255], 1e-5))
        #expect(Self.close(pca.variances, [4.228241706034838, 0.2426707479286116], 1e-5))
        #expect(Self.close(pca.explainedRatio, [0.924618723201734, 0.05306648311706378], 1e-5))
        let projected = pca.project(points: Array(iris.points.prefix(12))).map(Double.init)
        #expect(Self.close(projected, [-2.68412562596954, 0.31939724658508517, -2.7141416872943265, -0.17700122506480298,
                                       -2.8889905690592976, -0.14494942608557349], 1e-4))
    }

    @Test func wineMatchesScikitLearnDespiteItsScales() throws {
        let wine = try TabularData.wine()
        let pca = try PCA.fit(points: wine.points, featureCount: 13, components: 2)
        #expect(Self.close(pca.variances, [99201.78951748088, 172.5352664778916], 1e-5))
        #expect(abs(pca.components[12] - 0.9998229365233259) < 1e-6)  // PC1 is proline
        #expect(abs(pca.components[13 + 4] - 0.9993441860623378) < 1e-6)  // PC2 is magnesium
        let projected = pca.project(points: Array(wine.points.prefix(13))).map(Double.init)
        #expect(Self.close(projected, [318.5629792879365, 21.492130734540012], 1e-4))
    }

    /// Points along (1, 2) with a spread across it uncorrelated with the position: PC1 is
    /// (1, 2)/√5 and PC2 (2, −1)/√5, each signed so its larger loading is positive. Mirrored
    /// (y → −y), PC1 is (1, −2)/√5 flipped to (−1, 2)/√5.
    @Test func aLineGivesItsDirectionWithTheSignConvention() throws {
        let along: [Float] = [-2, -1, 0, 1, 2], across: [Float] = [0.1, -0.1, 0, -0.1, 0.1]
        var points: [Float] = []
        for (t, e) in zip(along, across) { points += [t - 2 * e, 2 * t + e] }
        let s = 1 / 5.0.squareRoot()
        let pca = try PCA.fit(points: points, featureCount: 2, components: 2)
        #expect(Self.close(pca.components, [s, 2 * s, 2 * s, -s], 1e-6))
        #expect(pca.variances[0] > 100 * pca.variances[1])
        let mirrored = (0..<points.count).map { $0 % 2 == 1 ? -points[$0] : points[$0] }
        let flipped = try PCA.fit(points: mirrored, featureCount: 2, components: 2)
        #expect(Self.close(flipped.components, [-s, 2 * s, 2 * s, s], 1e-6))
    }

    /// The components are orthonormal eigenvectors of the covariance, on 64-feature digits.
    @Test func digitsComponentsAreOrthonormalEigenvectors() throws {
        let digits = try TabularData.digits()
        let d = 64
        let pca = try PCA.fit(points: digits.points, featureCount: d, components: 5)
        // covariance [d, d], computed directly.
        let n = digits.count
        var covariance = [Double](repeating: 0, count: d * d)
        for i in 0..<n {
            for a in 0..<d {
                let xa = Double(digits.points[i * d + a]) - pca.mean[a]
                for b in 0..<d { covariance[a * d + b] += xa * (Double(digits.points[i * d + b]) - pca.mean[b]) }
            }
        }
        for k in covariance.indices { covariance[k] /= Double(n - 1) }
        for c in 0..<5 {
            let v = Array(pca.components[(c * d)..<(c * d + d)])
            let cv = (0..<d).map { a in (0..<d).reduce(0.0) { $0 + covariance[a * d + $1] * v[$1] } }
            #expect(Self.close(cv, v.map { $0 * pca.variances[c] }, 1e-6))
            for other in 0..<5 {
                let w = pca.components[(other * d)..<(other * d + d)]
                let dot = zip(v, w).reduce(0.0) { $0 + $1.0 * $1.1 }
                #expect(abs(dot - (c == other ? 1 : 0)) < 1e-9)
            }
        }
        #expect(zip(pca.variances, pca.variances.dropFirst()).allSatisfy { $0 >= $1 })
        #expect(try PCA.fit(points: digits.points, featureCount: d, components: 5) == pca)
    }

    @Test func constantDataHasNoVariance() throws {
        let pca = try PCA.fit(points: [3, 4, 3, 4, 3, 4], featureCount: 2, components: 2)
        #expect(pca.variances == [0, 0] && pca.explainedRatio == [0, 0])
        #expect(pca.project(points: [3, 4]) == [0, 0])
    }

    @Test(arguments: [([Float](), 2, 2), ([1, 2, 3], 2, 1), ([1, 2], 2, 3), ([1, 2], 2, 0), ([1, .nan], 2, 1), ([1], 0, 1)])
    func badInputIsAnError(points: [Float], features: Int, components: Int) {
        #expect(throws: RuntimeError.self) { try PCA.fit(points: points, featureCount: features, components: components) }
    }
}
