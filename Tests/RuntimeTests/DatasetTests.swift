import Foundation
import Testing
@testable import Runtime

@Suite struct DatasetTests {
    @Test(arguments: PlaygroundData.Kind.allCases)
    func generatorsAreSeededBalancedAndInRange(kind: PlaygroundData.Kind) throws {
        var a = SeededGenerator(seed: 9), b = SeededGenerator(seed: 9), c = SeededGenerator(seed: 10)
        let data = try PlaygroundData.make(kind, n: 200, noise: 0.1, rng: &a)
        #expect(data.count == 200 && data.points.count == 400)
        #expect(data.labels.allSatisfy { $0 == 0 || $0 == 1 })
        let ones = data.labels.filter { $0 == 1 }.count
        #expect(ones > 60 && ones < 140, "\(ones) of 200 in class 1")
        #expect(data.points.allSatisfy { $0.isFinite && abs($0) < 12 })
        #expect(try PlaygroundData.make(kind, n: 200, noise: 0.1, rng: &b) == data)
        #expect(try PlaygroundData.make(kind, n: 200, noise: 0.1, rng: &c).points != data.points)
    }

    /// Without noise the labels follow each generator's rule exactly.
    @Test func noiselessLabelsFollowTheirRule() throws {
        var rng = SeededGenerator(seed: 1)
        let circle = try PlaygroundData.make(.circle, n: 100, noise: 0, rng: &rng)
        let quadrants = try PlaygroundData.make(.quadrants, n: 100, noise: 0, rng: &rng)
        for i in 0..<100 {
            let (x, y) = (circle.points[2 * i], circle.points[2 * i + 1])
            #expect((circle.labels[i] == 1) == ((x * x + y * y).squareRoot() < 2.5))
            let (u, v) = (quadrants.points[2 * i], quadrants.points[2 * i + 1])
            #expect((quadrants.labels[i] == 1) == (u * v >= 0))
        }
    }

    @Test(arguments: [(0, 0.1), (100, -0.1), (100, 2.0), (100, Double.nan)])
    func badGeneratorArgumentsAreErrors(n: Int, noise: Double) {
        var rng = SeededGenerator(seed: 1)
        #expect(throws: RuntimeError.self) { try PlaygroundData.make(.spiral, n: n, noise: noise, rng: &rng) }
    }

    @Test func splitIsADisjointShuffledPartition() throws {
        var rng = SeededGenerator(seed: 3)
        let data = try PlaygroundData.make(.moons, n: 101, noise: 0.1, rng: &rng)
        let (train, test) = try data.split(trainFraction: 0.7, rng: &rng)
        #expect(train.count == 70 && test.count == 30)
        var pairs = Set<[Float]>()
        for d in [train, test] { for i in 0..<d.count { pairs.insert([d.points[2 * i], d.points[2 * i + 1], Float(d.labels[i])]) } }
        #expect(pairs.count == 100)
        #expect(throws: RuntimeError.self) { try data.split(trainFraction: 0, rng: &rng) }
    }

    @Test func csvWithHeaderCommentsAndBlankLines() throws {
        let text = "x, y, label\n# a comment\n0.5,1,1\r\n\n-2, 3.25 ,0\n"
        let data = try CSVPoints.parse(text, source: "p.csv")
        #expect(data.points == [0.5, 1, -2, 3.25])
        #expect(data.labels == [1, 0])
        let headless = try CSVPoints.parse("1,2,0\n3,4,1", source: "q.csv")
        #expect(headless.count == 2)
    }

    @Test(arguments: [
        ("x,y,label\n1,2\n", "p.csv line 2: expected 3 columns (x, y, label), got 2"),
        ("1,2,1\n3,abc,0\n", "p.csv line 2: y 'abc' is not a number"),
        ("1,2,1\n\n3,4,2\n", "p.csv line 3: label 2 must be 0 or 1"),
        ("x,y,label\n", "p.csv: no points found"),
        ("1,2,1,5\n", "p.csv line 1: expected 3 columns (x, y, label), got 4"),
    ])
    func csvErrorsNameTheLine(text: String, message: String) {
        #expect(throws: RuntimeError(message)) { try CSVPoints.parse(text, source: "p.csv") }
    }

    @Test func csvReadsAFileAndNamesAMissingOne() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nv-points-\(ProcessInfo.processInfo.globallyUniqueString).csv").path
        try "0,0,0\n1,1,1\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try CSVPoints.read(path: path).count == 2)
        #expect { try CSVPoints.read(path: path + ".missing") } throws: { error in
            (error as? RuntimeError)?.message.contains("cannot read") == true
        }
    }
}
