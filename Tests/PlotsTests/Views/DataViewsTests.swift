import Testing
@testable import Plots
import Runtime

/// The dataset scatter for d features and K classes: a chosen pair of features or PCA, class
/// colours from `ClassPalette`, a message instead of a crash for a bad choice.
@Suite struct DataViewsTests {
    static func pixels(_ raster: Raster, _ color: RGBA) -> Int {
        var n = 0
        for y in 0..<raster.height { for x in 0..<raster.width where raster[x, y] == color { n += 1 } }
        return n
    }

    @Test func irisDefaultsToPCAWithEveryClassColoured() throws {
        let iris = try TabularData.iris()
        #expect(DataViews.defaultProjection(for: iris) == .pca)
        let figure = DataViews.scatter(iris)
        let raster = figure.render()
        LookAt.save(raster, "data-iris-pca")
        for k in 0..<3 { #expect(Self.pixels(raster, ClassPalette.color(k)) > 100, "class \(k)") }
        #expect(Self.pixels(raster, ClassPalette.color(3)) == 0)
        let view = try DataViews.coordinates(iris, projection: .pca)
        // scikit-learn: PCA(2) after StandardScaler explains 72.96% and 22.85%.
        #expect(view.xLabel == "PC1 (73% of variance)" && view.yLabel == "PC2 (23% of variance)")
        // PC1 separates setosa (class 0, at most −1.82 there) from the others (at least −0.49).
        #expect(zip(view.xs, iris.labels).allSatisfy { $1 == 0 ? $0 < -1.8 : $0 > -0.5 })
        #expect(DataViews.title(iris, .pca) == "iris: PCA of 4 standardised features")
    }

    @Test func percentagesNeverRoundToAllOrNothing() {
        #expect(DataViews.percent(0.9997) == ">99%" && DataViews.percent(1) == "100%")
        #expect(DataViews.percent(0.0003) == "<0.1%" && DataViews.percent(0.004) == "0.4%" && DataViews.percent(0) == "0%")
    }

    @Test func standardisingKeepsAnyUnitFromTakingOverPC1() throws {
        let penguins = try TabularData.penguins().data
        let view = try DataViews.coordinates(penguins, projection: .pca)
        #expect(view.xLabel == "PC1 (69% of variance)" && view.yLabel == "PC2 (19% of variance)")
    }

    @Test func aChosenPairOfFeatures() throws {
        let iris = try TabularData.iris()
        let view = try DataViews.coordinates(iris, projection: .features(2, 3))
        #expect(view.xLabel == "petal_length" && view.yLabel == "petal_width")
        #expect(view.xs.map(Float.init) == iris.column(2) && view.ys.map(Float.init) == iris.column(3))
        #expect(DataViews.title(iris, .features(2, 3)) == "iris: features 2 and 3")
        let raster = DataViews.scatter(iris, projection: .features(2, 3)).render()
        LookAt.save(raster, "data-iris-petals")
        for k in 0..<3 { #expect(Self.pixels(raster, ClassPalette.color(k)) > 100) }
        let legend = (DataViews.chart(iris, projection: .features(2, 3)) as? Axes)?.layers.first?.legendEntries.map(\.label)
        #expect(legend == ["setosa", "versicolor", "virginica"])
    }

    @Test func tenDigitClassesGetTenColours() throws {
        let digits = try TabularData.digits()
        let raster = DataViews.scatter(digits, width: 720, height: 600).render()
        LookAt.save(raster, "data-digits-pca")
        for k in 0..<10 { #expect(Self.pixels(raster, ClassPalette.color(k)) > 20, "digit \(k)") }
        #expect(Set((0..<10).map(ClassPalette.color)).count == 10)
        let legend = (DataViews.chart(digits, projection: .pca) as? Axes)?.layers.first?.legendEntries.map(\.label)
        #expect(legend == (0..<10).map { "class \($0)" })
    }

    @Test func theTwoFeaturePlaygroundSetIsDrawnAsBefore() throws {
        var rng = SeededGenerator(seed: 3)
        let moons = try PlaygroundData.make(.moons, n: 100, noise: 0.1, rng: &rng)
        #expect(DataViews.defaultProjection(for: moons) == .features(0, 1))
        #expect(DataViews.title(moons, .features(0, 1)) == moons.name)
        let view = try DataViews.coordinates(moons, projection: .features(0, 1))
        #expect(view.xLabel == "x" && view.yLabel == "y" && view.xs.count == 100)
    }

    @Test func regressionAndOneFeatureSets() throws {
        let line = try Dataset(points: [0, 1, 2, 3], targets: [1, 3, 5, 7], featureNames: ["t"], targetName: "y", name: "line")
        #expect(DataViews.defaultProjection(for: line) == .features(0, 0))
        let view = try DataViews.coordinates(line, projection: .features(0, 0))
        #expect(view.xs == [0, 1, 2, 3] && view.ys == [1, 3, 5, 7] && view.yLabel == "y")
        let raster = DataViews.scatter(line).render()
        #expect(Self.pixels(raster, ClassPalette.color(0)) > 50)
        #expect(DataViews.title(line, .features(0, 0)) == "line: features 0 and 0, target y")
    }

    @Test func aBadChoiceDrawsAMessage() throws {
        let iris = try TabularData.iris()
        #expect(DataViews.chart(iris, projection: .features(0, 4)) is MessageChart)
        #expect(throws: RuntimeError("features are numbered 0 to 3")) { try DataViews.coordinates(iris, projection: .features(-1, 2)) }
        let one = try Dataset(points: [1, 2], labels: [0, 1], featureNames: ["a"], name: "one")
        #expect(DataViews.chart(one, projection: .pca) is MessageChart)
        let empty = try Dataset(points: [], labels: [], featureNames: ["a", "b", "c"], name: "empty")
        #expect(ViewFixtures.hasInk(DataViews.scatter(empty).render()))
    }

    @Test func textFormShowsThePoints() throws {
        let iris = try TabularData.iris()
        let text = DataViews.scatter(iris, projection: .features(2, 3)).renderText(columns: 100, rows: 30, style: .ascii).plainText
        LookAt.saveText(text, "data-iris-petals")
        #expect(text.contains("setosa") && text.contains("virginica") && text.contains("petal_length"))
    }
}
