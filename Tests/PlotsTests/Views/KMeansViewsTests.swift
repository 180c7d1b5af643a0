import Foundation
import Testing
@testable import Plots
import Runtime

/// The k-means pictures: every half step of a run draws, in pixels and in text at 80 and 200
/// columns; what each panel shows follows the run's state.
@Suite struct KMeansViewsTests {
    static func run(k: Int, n: Int = 400, seed: UInt64 = 5) throws -> (KMeans, KMeansPicture) {
        var rng = SeededGenerator(seed: seed)
        let blobs = try Blobs.make(n: n, centers: k, std: 1.2, rng: &rng)
        let km = try KMeans(points: blobs.points, features: 2, k: k, init: .random, rng: &rng)
        return (km, KMeansPicture(points: blobs.points, features: 2, truth: blobs.labels,
                                  classNames: (0..<k).map { "blob \($0)" }))
    }

    @Test(arguments: [3, 10])
    func everyHalfStepDraws(k: Int) throws {
        var (km, picture) = try Self.run(k: k)
        var step = 0
        repeat {
            let figure = KMeansViews.dashboard(km, picture: picture)
            let raster = figure.render()
            #expect(ViewFixtures.hasInk(raster))
            if step < 3 || km.isFinished {
                LookAt.save(raster, "kmeans-k\(k)-step\(step)")
                for columns in [80, 200] {
                    let text = figure.renderText(columns: columns, rows: columns / 4, style: .color).plainText
                    #expect(text.contains("k-means") && text.contains("k = \(k)"), "\(columns) columns:\n\(text)")
                    if let dir = ProcessInfo.processInfo.environment["NV_LOOK_DIR"] {
                        try? text.write(toFile: "\(dir)/kmeans-k\(k)-step\(step)-\(columns).txt", atomically: true, encoding: .utf8)
                    }
                }
            }
            step += 1
        } while km.step() && step < 200
        #expect(km.isFinished)
        let text = KMeansViews.dashboard(km, picture: picture).renderText(columns: 200, rows: 50, style: .color).plainText
        #expect(text.contains("converged"))
        #expect(text.contains("c\(k - 1)"), "the contingency table names every cluster")
    }

    /// The rings for changed points appear only right after an assignment; the Voronoi cells are
    /// the nearest centroid's.
    @Test func changedRingsFollowTheAssignment() throws {
        var (km, picture) = try Self.run(k: 4)
        func layers() -> [any PlotLayer] { (KMeansPanels.clusters(km, picture) as? Axes)?.layers ?? [] }
        #expect(!layers().contains { $0 is RingScatter }, "nothing has changed before the first assignment")
        km.step()
        km.step()
        km.step()   // second assignment: some points change, not all
        #expect(km.next == .update && km.changedCount > 0 && km.changedCount < km.n)
        #expect(layers().contains { $0 is RingScatter })
        km.step()
        #expect(!layers().contains { $0 is RingScatter }, "after the update the rings go")
        let regions = KMeansPanels.voronoi(km, range: -15...15)
        let c = km.centroids
        for (row, col) in [(5, 7), (40, 60), (80, 10)] {
            let step = 30.0 / Double(regions.columns)
            let x = -15 + (Double(col) + 0.5) * step, y = -15 + (Double(row) + 0.5) * step
            let nearest = (0..<4).min { a, b in
                hypot(x - c[2 * a], y - c[2 * a + 1]) < hypot(x - c[2 * b], y - c[2 * b + 1])
            }!
            #expect(regions.classes[row * regions.columns + col] == nearest)
        }
    }

    /// Ten clusters stay apart: the palette's ten colours and their pale region versions differ
    /// pairwise, and each centroid's cross is drawn in its own colour.
    @Test func tenClustersAreDistinguishable() throws {
        func distance(_ a: RGBA, _ b: RGBA) -> Int { abs(Int(a.r) - Int(b.r)) + abs(Int(a.g) - Int(b.g)) + abs(Int(a.b) - Int(b.b)) }
        let regions = ClassCells(classes: [], columns: 0, rows: 0, x: 0...1, y: 0...1)
        for i in 0..<10 {
            for j in (i + 1)..<10 {
                #expect(distance(ClassPalette.color(i), ClassPalette.color(j)) > 60)
                #expect(distance(regions.color(i), regions.color(j)) > 20)
            }
        }
        var (km, picture) = try Self.run(k: 10)
        km.run()
        let chart = KMeansPanels.clusters(km, picture)
        let rect = Rect(x: 0, y: 0, width: 800, height: 800)
        var raster = Raster(width: 800, height: 800, fill: .white)
        chart.draw(into: &raster, in: rect, theme: .light)
        guard let axes = chart as? Axes, let trails = axes.layers.last as? CentroidTrails, let frame = axes.frame(in: rect) else {
            Issue.record("the last layer should be the centroids")
            return
        }
        for (j, trail) in trails.trails.enumerated() {
            let p = frame.point(trail.last!.x, trail.last!.y)
            #expect(raster[Int(p.x), Int(p.y)] == ClassPalette.color(j), "centroid \(j)")
        }
    }

    /// Image data: the centroids are drawn as images, one tile per cluster.
    @Test func imageCentroidsAreImages() throws {
        var rng = SeededGenerator(seed: 2)
        let points = (0..<(60 * 16)).map { _ in Float(rng.uniform()) }
        var km = try KMeans(points: points, features: 16, k: 3, rng: &rng)
        km.run()
        let picture = KMeansPicture(points: points, features: 16, imageSize: (4, 4))
        let chart = KMeansViews.mainChart(km, picture, lineScale: 1)
        #expect((chart as? ImageGrid)?.tiles.count == 3)
        #expect(ViewFixtures.hasInk(KMeansViews.dashboard(km, picture: picture).render()))
    }

    /// More than two features are drawn by their principal components; there are no cells then.
    @Test func manyFeaturesAreProjected() throws {
        var rng = SeededGenerator(seed: 3)
        let blobs = try Blobs.make(n: 150, centers: 3, std: 1, features: 5, rng: &rng)
        var km = try KMeans(points: blobs.points, features: 5, k: 3, rng: &rng)
        km.run()
        let picture = KMeansPicture(points: blobs.points, features: 5, truth: blobs.labels)
        #expect(!((KMeansPanels.clusters(km, picture) as? Axes)?.layers.contains { $0 is ClassCells } ?? true))
        let text = KMeansViews.dashboard(km, picture: picture).renderText(columns: 200, rows: 50, style: .color).plainText
        #expect(text.contains("PCA"))
    }

    @Test func elbowAndSilhouetteDraw() throws {
        var (km, picture) = try Self.run(k: 3)
        km.run()
        let elbow = KMeansViews.elbow(ks: [1, 2, 3, 4], inertias: [900, 400, 100, 90])
        LookAt.save(elbow.render(), "kmeans-elbow")
        #expect(ViewFixtures.hasInk(elbow.render()))
        let values = try Silhouette.samples(points: picture.points, features: 2, labels: km.labels, k: 3)
        let figure = KMeansViews.silhouette(values: values, labels: km.labels)
        LookAt.save(figure.render(), "kmeans-silhouette")
        #expect(ViewFixtures.hasInk(figure.render()))
        let text = figure.renderText(columns: 80, rows: 24, style: .color).plainText
        #expect(text.contains("score"))
        #expect(ViewFixtures.hasInk(KMeansViews.elbow(ks: [], inertias: []).render()))
    }
}
