import Testing
@testable import Plots
import Runtime

/// The playground views draw trained and untrained models, with and without a test set, on
/// empty and tiny datasets, and explain a bad neuron choice instead of crashing.
@Suite struct PlaygroundViewsTests {
    @Test(arguments: [PlaygroundData.Kind.circle, .spiral, .quadrants])
    func dashboardDrawsTrainedModels(kind: PlaygroundData.Kind) throws {
        let (train, test) = try ViewFixtures.data(kind, n: 300)
        let model = try ViewFixtures.mlp([2, 8, 8, 1], train: train, test: test, epochs: 60)
        for discretize in [false, true] {
            let raster = PlaygroundViews.dashboard(model, train: train, test: test, discretize: discretize).render()
            LookAt.save(raster, "playground-\(kind.rawValue)\(discretize ? "-discrete" : "")")
            #expect(ViewFixtures.hasInk(raster))
        }
        let narrow = PlaygroundViews.dashboard(model, train: train, test: test, width: 800, height: 480).render()
        LookAt.save(narrow, "playground-\(kind.rawValue)-800")
        LookAt.saveBlocks(narrow, "playground-\(kind.rawValue)-blocks")
    }

    @Test func singleViewsDrawUntrainedModelsAndMissingTestSets() throws {
        let (train, _) = try ViewFixtures.data(.circle, n: 40)
        let model = try ViewFixtures.mlp(train: train, test: nil, epochs: 0)
        for figure in [PlaygroundViews.architecture(model),
                       PlaygroundViews.boundary(model, train: train, test: nil),
                       PlaygroundViews.boundary(model, train: train, test: nil, discretize: true),
                       PlaygroundViews.features(model, data: train, layer: 1, neurons: (2, 3)),
                       PlaygroundViews.loss(model),
                       PlaygroundViews.dashboard(model, train: train, test: nil)] {
            #expect(ViewFixtures.hasInk(figure.render(width: 400, height: 300)))
        }
    }

    @Test func emptyAndTinyDatasetsDraw() throws {
        let empty = try Dataset(points: [], labels: [], name: "empty")
        let one = try Dataset(points: [1, -2], labels: [1], name: "one")
        let model = try ViewFixtures.mlp([2, 1, 1], train: one, test: nil, epochs: 3)
        for (train, test) in [(empty, nil), (one, empty), (empty, one), (one, one)] as [(Dataset, Dataset?)] {
            let raster = PlaygroundViews.dashboard(model, train: train, test: test, width: 640, height: 400).render()
            #expect(ViewFixtures.hasInk(raster))
            #expect(ViewFixtures.hasInk(PlaygroundViews.features(model, data: train, layer: 0, neurons: (0, 0)).render()))
        }
    }

    @Test func nonFiniteWeightsDrawWithoutCrashing() throws {
        let (train, test) = try ViewFixtures.data(.moons, n: 60)
        var model = try ViewFixtures.mlp([2, 4, 1], train: train, test: test, epochs: 3)
        try model.setWeight(layer: 0, row: 1, column: 0, to: .nan)
        try model.setWeight(layer: 1, row: 0, column: 2, to: .infinity)
        for discretize in [false, true] {
            let raster = PlaygroundViews.dashboard(model, train: train, test: test, discretize: discretize,
                                                   width: 640, height: 400).render()
            #expect(ViewFixtures.hasInk(raster))
        }
        #expect(ViewFixtures.hasInk(PlaygroundViews.architecture(model).render()))
        #expect(ViewFixtures.hasInk(PlaygroundViews.features(model, data: train, layer: 0, neurons: (1, 0)).render()))
    }

    @Test(arguments: [(-1, 0, 1), (5, 0, 1), (0, 0, 9), (0, -3, 0), (2, 0, 1)])
    func badNeuronChoicesShowAMessage(layer: Int, first: Int, second: Int) throws {
        let (train, _) = try ViewFixtures.data(.gaussian, n: 20)
        let model = try ViewFixtures.mlp(train: train, test: nil, epochs: 0)
        let chart = PlaygroundPanels.features(model, data: train, layer: layer, neurons: (first, second))
        #expect(chart is MessageChart)
    }
}
