import Foundation
import Testing
@testable import Plots
import Runtime

/// The kNN pictures: the dashboard as points arrive, a query with its neighbours, image
/// neighbours and the k sweep, in pixels and in text.
@Suite struct KNNViewsTests {
    static func data(classes: Int = 3) throws -> KNNPicture {
        var rng = SeededGenerator(seed: 4)
        let all = try Blobs.make(n: 300, centers: classes, std: 1.6, rng: &rng)
        // Every fifth point is a test point; the blobs come one after another, so both sets hold every class.
        let test = (0..<300).filter { $0 % 5 == 4 }, train = (0..<300).filter { $0 % 5 != 4 }
        func rows(_ indices: [Int]) -> [Float] { indices.flatMap { all.points[2 * $0 ..< 2 * $0 + 2] } }
        return KNNPicture(train: rows(train), trainLabels: train.map { all.labels[$0] }, test: rows(test),
                          testLabels: test.map { all.labels[$0] }, features: 2, classNames: (0..<classes).map { "kind \($0)" })
    }

    @Test(arguments: [3, 10])
    func dashboardDrawsAsPointsArrive(classes: Int) throws {
        let picture = try Self.data(classes: classes)
        var progress = KNNProgress()
        for shown in [10, 120, 240] {
            let model = try KNNClassifier(points: Array(picture.train.prefix(2 * shown)), labels: Array(picture.trainLabels.prefix(shown)),
                                          features: 2, classes: classes, k: 5)
            progress.shown.append(shown)
            progress.trainAccuracy.append(try model.accuracy(Array(picture.train.prefix(2 * shown)), labels: Array(picture.trainLabels.prefix(shown))))
            progress.testAccuracy.append(try model.accuracy(picture.test, labels: picture.testLabels))
            let figure = KNNViews.dashboard(model, picture: picture, shown: shown, progress: progress)
            let raster = figure.render()
            LookAt.save(raster, "knn-c\(classes)-\(shown)")
            #expect(ViewFixtures.hasInk(raster))
            for columns in [80, 200] {
                let text = figure.renderText(columns: columns, rows: columns / 4, style: .color).plainText
                #expect(text.contains("kNN") && text.contains("k = 5"), "\(columns) columns:\n\(text)")
                if let dir = ProcessInfo.processInfo.environment["NV_LOOK_DIR"] {
                    try? text.write(toFile: "\(dir)/knn-c\(classes)-\(shown)-\(columns).txt", atomically: true, encoding: .utf8)
                }
            }
        }
        #expect(ViewFixtures.hasInk(KNNViews.dashboard(nil, picture: picture, shown: 0, progress: KNNProgress()).render()))
    }

    /// The regions are the model's predictions at the cells' centres.
    @Test func regionsAreThePredictions() throws {
        let picture = try Self.data()
        let model = try KNNClassifier(points: picture.train, labels: picture.trainLabels, features: 2, classes: 3, k: 7)
        let regions = try #require(KNNPanels.regions(model, range: -12...12))
        let step = 24.0 / Double(regions.columns)
        for (row, col) in [(3, 4), (36, 36), (70, 10)] {
            let x = Float(-12 + (Double(col) + 0.5) * step), y = Float(-12 + (Double(row) + 0.5) * step)
            #expect(regions.classes[row * regions.columns + col] == (try model.predict([x, y]))[0])
        }
    }

    /// A query: links to exactly k neighbours, the star in the winner's colour, the vote's bars.
    @Test func queryShowsItsNeighboursAndTheVote() throws {
        let picture = try Self.data()
        let model = try KNNClassifier(points: picture.train, labels: picture.trainLabels, features: 2, classes: 3, k: 6)
        let query: [Float] = [picture.train[0] + 0.3, picture.train[1] - 0.2]
        let links = try #require(KNNPanels.links(model, picture, query: query, queryXY: query.map(Double.init)))
        #expect(links.neighbours.count == 6)
        #expect(links.predicted == (try model.predict(query))[0])
        let figure = KNNViews.query(model, picture: picture, point: query)
        LookAt.save(figure.render(), "knn-query")
        let text = figure.renderText(columns: 120, rows: 30, style: .color).plainText
        #expect(text.contains("query → kind \(links.predicted)"))
        #expect(text.contains("★"))
    }

    /// Image data: the query beside its k nearest training images with labels and distances.
    @Test func neighboursOfAnImage() throws {
        var rng = SeededGenerator(seed: 9)
        let train = (0..<(30 * 16)).map { _ in Float(rng.uniform()) }
        let labels = (0..<30).map { $0 % 3 }
        let picture = KNNPicture(train: train, trainLabels: labels, features: 16, imageSize: (4, 4))
        let model = try KNNClassifier(points: train, labels: labels, features: 16, classes: 3, k: 4)
        let figure = KNNViews.neighbours(model, picture: picture, image: Array(train[16..<32]))
        LookAt.save(figure.render(), "knn-neighbours")
        let text = figure.renderText(columns: 160, rows: 30, style: .color).plainText
        #expect(text.contains("d=0.00"), "the query's own training copy is its nearest, at distance 0")
    }

    @Test func kSweepNamesTheBestK() throws {
        let figure = KNNViews.kSweep(ks: [1, 3, 5, 7], train: [1, 0.97, 0.95, 0.94], test: [0.90, 0.93, 0.95, 0.94])
        LookAt.save(figure.render(), "knn-ksweep")
        #expect(ViewFixtures.hasInk(figure.render()))
        #expect(figure.renderText(columns: 100, rows: 24, style: .color).plainText.contains("best test at k = 5"))
    }
}
