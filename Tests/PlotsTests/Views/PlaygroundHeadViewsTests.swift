import Testing
@testable import Plots
@testable import Runtime

/// The dashboard of a K-class network shows its class regions and of a regression its fitted
/// surface; the pictures go to `$NV_LOOK_DIR`.
@Suite struct PlaygroundHeadViewsTests {
    /// Three Gaussian blobs in the plane, classes 0, 1 and 2.
    static func blobs(seed: UInt64) -> (train: Dataset, test: Dataset) {
        var rng = SeededGenerator(seed: seed)
        let centres: [(Double, Double)] = [(-3, -2), (3, -2), (0, 3)]
        var points = [Float](), labels = [Int]()
        for _ in 0..<60 {
            for (k, c) in centres.enumerated() {
                points += [Float(c.0 + rng.normal()), Float(c.1 + rng.normal())]
                labels.append(k)
            }
        }
        let all = Dataset(unchecked: points, labels: labels, classNames: ["a", "b", "c"], name: "blobs")
        return ((all.subset(Array(0..<120))), all.subset(Array(120..<180)))
    }

    @Test func classRegionsColourEachClassWhereItWins() throws {
        let (train, test) = Self.blobs(seed: 41)
        var rng = SeededGenerator(seed: 42)
        var model = try MLP(layers: [2, 8, 3], activation: .tanh, loss: .crossEntropy, batchSize: 10,
                            optimizer: Adam(lr: 0.02), rng: &rng)
        try model.train(on: train, test: test, epochs: 40, rng: &rng)
        #expect(model.accuracy(on: test) > 0.95)
        let raster = PlaygroundViews.dashboard(model, train: train, test: test).render()
        LookAt.save(raster, "playground-3-classes")
        #expect(ViewFixtures.hasInk(raster))
        let title = PlaygroundViews.title(model, train: train, test: test)
        #expect(title.hasPrefix("MLP 2-8-3 tanh") && title.contains("%"))
        // The regions layer alone: a cell deep in each blob has that class's hue.
        let chart = PlaygroundPanels.regions(model, train: Dataset(unchecked: [], labels: [], classNames: ["a", "b", "c"], name: "none"), test: nil,
                                             plane: InputPlane(square: -6...6, dimension: 2))
        var picture = Raster(width: 300, height: 300)
        chart.draw(into: &picture, in: Rect(x: 0, y: 0, width: 300, height: 300), theme: .light)
        LookAt.save(picture, "playground-3-classes-regions")
        let axes = try #require(chart as? Axes)
        let frame = try #require(axes.frame(in: Rect(x: 0, y: 0, width: 300, height: 300)))
        for (k, c) in [(-3.0, -2.0), (3, -2), (0, 3)].enumerated() {
            let p = frame.point(c.0, c.1)
            let pixel = picture[Int(p.x), Int(p.y)]
            let hue = ClassPalette.color(k)
            // Faded towards white, but the strongest channel of the class colour stays strongest.
            let channels = [Int(pixel.r), Int(pixel.g), Int(pixel.b)], base = [Int(hue.r), Int(hue.g), Int(hue.b)]
            #expect(channels.firstIndex(of: channels.min()!) == base.firstIndex(of: base.min()!), "class \(k): \(pixel)")
        }
        // In text modes the regions paint the cells' backgrounds (they used to be left blank),
        // and only with colour.
        let figure = Figure.single(chart, title: "regions", width: 300, height: 300)
        let coloured = figure.renderText(columns: 40, rows: 16, style: .color).lines(colors: .trueColor).joined()
        #expect(coloured.contains("\u{1B}[48;2;"))
        let plain = figure.renderText(columns: 40, rows: 16, style: .monochrome).lines(colors: .none).joined()
        #expect(!plain.contains("\u{1B}"))
    }

    @Test func regressionShowsTheFittedSurface() throws {
        var rng = SeededGenerator(seed: 43)
        let (train, test) = try RegressionData.make(.sine, n: 300, noise: 0, rng: &rng).split(trainFraction: 0.7, rng: &rng)
        var model = try MLP(layers: [4, 8, 1], activation: .tanh, loss: .meanSquaredError, head: .linear,
                            features: [.x, .y, .sinX, .cosY], batchSize: 10, optimizer: Adam(lr: 0.01), rng: &rng)
        try model.train(on: train, test: test, epochs: 60, rng: &rng)
        let raster = PlaygroundViews.dashboard(model, train: train, test: test).render()
        LookAt.save(raster, "playground-regression-sine")
        LookAt.saveBlocks(raster, "playground-regression-sine-blocks")
        #expect(ViewFixtures.hasInk(raster))
        let title = PlaygroundViews.title(model, train: train, test: test)
        #expect(!title.contains("%") && title.contains("test"))
        let panels = PlaygroundViews.dashboardPanels(model, train: train, test: test, discretize: false,
                                                     featureLayer: 0, featureNeurons: (0, 1))
        #expect(panels.map(\.title) == ["architecture · neuron outputs", "fitted surface", "loss", "fitted surface · 3D"])
        #expect(panels[3].chart is Surface3D)
    }

    @Test func aTableNetworkDrawsAChosenPairOfColumns() throws {
        var rng = SeededGenerator(seed: 44)
        // Four columns; the class is decided by columns 2 and 3.
        var points = [Float](), labels = [Int]()
        for _ in 0..<90 {
            let row = (0..<4).map { _ in Float(rng.normal()) }
            points += row
            labels.append(row[2] + row[3] > 0 ? 1 : (row[2] > row[3] ? 0 : 2))
        }
        let data = Dataset(unchecked: points, labels: labels, featureNames: ["a", "b", "c", "d"],
                           classNames: ["0", "1", "2"], name: "table")
        var model = try MLP(layers: [4, 6, 3], loss: .crossEntropy, features: [], optimizer: Adam(lr: 0.02), rng: &rng)
        try model.train(on: data, epochs: 20, rng: &rng)
        let plane = PlaygroundPanels.plane(model, [data], pair: (2, 3))
        #expect(plane.xAxis == 2 && plane.yAxis == 3 && plane.base.count == 4)
        let mean0 = (0..<90).map { points[4 * $0] }.reduce(0, +) / 90
        #expect(abs(plane.base[0] - mean0) < 1e-5)
        let raster = PlaygroundViews.dashboard(model, train: data, test: nil, pair: (2, 3)).render()
        LookAt.save(raster, "playground-table-columns-2-3")
        #expect(ViewFixtures.hasInk(raster))
    }
}

extension PlaygroundHeadViewsTests {
    /// A network that takes a table's columns draws every input node (there are no features
    /// to count them by), named x0, x1, ...
    @Test func aTableNetworkDrawsItsInputNodes() throws {
        var rng = SeededGenerator(seed: 45)
        let model = try MLP(layers: [4, 5, 3], loss: .crossEntropy, features: [], rng: &rng)
        let chart = try #require(PlaygroundPanels.architecture(model, plane: InputPlane(square: -1...1, dimension: 4)) as? NetworkDiagram)
        #expect(chart.layerSizes == [4, 5, 3])
        #expect(chart.inputLabels == ["x0", "x1", "x2", "x3"] && chart.outputLabels == ["P(0)", "P(1)", "P(2)"])
    }
}
