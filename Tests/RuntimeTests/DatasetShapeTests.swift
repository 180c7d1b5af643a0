import Testing
@testable import Runtime

/// The general `Dataset`: d features, K classes or a regression target.
@Suite struct DatasetShapeTests {
    /// 4 rows of 3 features, 3 classes.
    static func threeClasses() throws -> Dataset {
        try Dataset(points: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], labels: [2, 0, 1, 2],
                    featureNames: ["a", "b", "c"], classNames: ["red", "green", "blue"], name: "t")
    }

    @Test func rowsFeaturesAndClasses() throws {
        let data = try Self.threeClasses()
        #expect(data.count == 4 && data.featureCount == 3 && data.classCount == 3)
        #expect(!data.isRegression)
        #expect(data.classCounts == [1, 1, 2])
        #expect(data.column(1) == [2, 5, 8, 11])
        #expect(data.pointTensor.shape == [4, 3])
        #expect(data.labelTensor.data == [2, 0, 1, 2])
        #expect(data.oneHotTensor.shape == [4, 3])
        #expect(data.oneHotTensor.data == [0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1])
    }

    @Test func subsetKeepsRowsTogetherWithTheirNames() throws {
        let part = try Self.threeClasses().subset([3, 1], name: "p")
        #expect(part.points == [10, 11, 12, 4, 5, 6])
        #expect(part.labels == [2, 0])
        #expect(part.featureNames == ["a", "b", "c"] && part.classNames == ["red", "green", "blue"])
        #expect(part.name == "p")
    }

    @Test func defaultNamesForThePlaygroundCase() throws {
        let binary = try Dataset(points: [0, 1, 2, 3], labels: [0, 1], name: "b")
        #expect(binary.featureNames == ["x", "y"] && binary.classNames == ["0", "1"])
        let allZero = try Dataset(points: [0, 1], labels: [0], name: "z")
        #expect(allZero.classNames == ["0", "1"])
        let four = try Dataset(points: [0, 1, 2, 3], labels: [3, 1], name: "f")
        #expect(four.classNames == ["0", "1", "2", "3"])
    }

    @Test func regressionSetsCarryTargets() throws {
        var rng = SeededGenerator(seed: 2)
        let data = try Dataset(points: [0, 0, 1, 0, 0, 1, 1, 1], targets: [0, 1, 1, 2],
                               targetName: "sum", name: "r")
        #expect(data.isRegression && data.classCount == 0 && data.labels.isEmpty)
        #expect(data.labelTensor.shape == [4, 1] && data.labelTensor.data == [0, 1, 1, 2])
        let (train, test) = try data.split(trainFraction: 0.5, rng: &rng)
        #expect(train.count == 2 && test.count == 2)
        for part in [train, test] {
            for i in 0..<part.count {
                // Each target still sits next to its own row: target = x + y.
                #expect(part.targets?[i] == part.points[2 * i] + part.points[2 * i + 1])
            }
        }
    }

    @Test func splitKeepsKClassLabelsWithTheirRows() throws {
        var rng = SeededGenerator(seed: 5)
        // Row i is (i, i, i) with class i % 3, so a pairing error shows.
        let n = 30
        let data = try Dataset(points: (0..<n).flatMap { i in [Float](repeating: Float(i), count: 3) },
                               labels: (0..<n).map { $0 % 3 }, featureNames: ["a", "b", "c"],
                               classNames: ["p", "q", "r"], name: "k")
        let (train, test) = try data.split(trainFraction: 0.8, rng: &rng)
        #expect(train.count == 24 && test.count == 6)
        var seen = Set<Int>()
        for part in [train, test] {
            #expect(part.classNames == ["p", "q", "r"])
            for i in 0..<part.count {
                let row = Int(part.points[3 * i])
                #expect(part.labels[i] == row % 3)
                seen.insert(row)
            }
        }
        #expect(seen.count == n)
    }

    @Test(arguments: [
        ([Float](repeating: 0, count: 5), [0, 1], ["x", "y"], nil as [String]?,
         "d: 5 coordinates do not make 2 2D points"),
        ([Float](repeating: 0, count: 6), [0, 1], ["a", "b", "c"], ["u", "v"] as [String]?, ""),
        ([Float](repeating: 0, count: 6), [0, 3], ["a", "b", "c"], ["u", "v", "w"] as [String]?,
         "d: point 2 has label 3; labels must be in 0...2"),
        ([Float](repeating: 0, count: 4), [0, -1], ["x", "y"], nil as [String]?,
         "d: point 2 has label -1; labels must be 0 or 1"),
        ([Float](repeating: 0, count: 4), [0, 1], ["x", "x"], nil as [String]?,
         "d: the feature name 'x' is used twice"),
        ([Float](), [], [], nil as [String]?, "d: a data set needs at least one feature"),
    ])
    func badShapesAreErrors(points: [Float], labels: [Int], features: [String], classes: [String]?, message: String) {
        do {
            _ = try Dataset(points: points, labels: labels, featureNames: features, classNames: classes, name: "d")
            #expect(message.isEmpty, "expected \(message)")
        } catch {
            #expect(String(describing: error) == message)
        }
    }

    @Test func nonFiniteTargetIsAnError() {
        #expect(throws: RuntimeError.self) {
            try Dataset(points: [0, 0, 1, 1], targets: [1, .nan], name: "r")
        }
    }
}
