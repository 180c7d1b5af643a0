import Testing
@testable import Plots
import Runtime

/// Each dashboard holds the panels issue 4 lists for its network, titled, with the right kind
/// of chart in each.
@Suite struct DashboardPanelTests {
    static func titles(_ panels: [Panel]) -> [String] { panels.compactMap(\.title) }

    @Test func xorH2HasTheFeaturePlaneAndTheLossSurfaceWithItsPath() throws {
        let network = try ViewFixtures.xor(hidden: 2, epochs: 2000, every: 100)
        let panels = XORViews.dashboardPanels(network, row: 1)
        #expect(Self.titles(panels) == ["architecture · input (0,1)", "decision boundary", "hidden space · output boundary",
                                        "training loss", "weight-gradient norms", "loss over w1[0,0], w1[0,1]"])
        let surface = try #require(panels[5].chart as? Surface3D)
        #expect(surface.path.count == network.trajectory.count + 1)
        #expect(surface.axisNames == ["w1[0,0]", "w1[0,1]", "loss"])
        #expect(panels[2].chart is Axes)
        #expect(panels[0].chart is NetworkDiagram)
    }

    @Test func xorH3ShowsThe3DFeatureSpaceWithTheOutputUnitsPlane() throws {
        let network = try ViewFixtures.xor(hidden: 3, epochs: 2000, every: 100)
        let panels = XORViews.dashboardPanels(network, row: 0)
        #expect(Self.titles(panels).count == 5)
        #expect(panels[0].rowSpan == 2)
        let scatter = try #require(panels[2].chart as? Scatter3D)
        #expect(scatter.points.count == 4)
        // The plane is the network's own boundary w2 · h + b2 = 0, not a separately fitted one.
        #expect(scatter.plane == Scatter3DPlane(normal: Vector3(network.w2[0], network.w2[1], network.w2[2]),
                                                offset: network.b2))
        #expect(!panels.contains { $0.chart is Surface3D })
    }

    @Test(arguments: [(1, false), (5, true)])
    func otherSizesSwapTheThirdPanel(hidden: Int, showsSurface: Bool) throws {
        let network = try ViewFixtures.xor(hidden: hidden, epochs: 200, every: 100)
        let panels = XORViews.dashboardPanels(network, row: 2)
        #expect(panels.count == 5)
        #expect((panels[2].chart is Surface3D) == showsSurface)
        #expect(Self.titles(panels).contains("training loss") && Self.titles(panels).contains("weight-gradient norms"))
    }

    @Test func architectureNodesCarryActivationSumAndBias() throws {
        let network = try ViewFixtures.xor(hidden: 2, epochs: 100, every: 100)
        let diagram = try #require(XORPanels.architecture(network, row: 3) as? NetworkDiagram)
        let pass = network.forward()
        #expect(diagram.layerSizes == [2, 2, 1])
        #expect(diagram.weights[0][1] == [network.w1[1], network.w1[3]])   // into hidden unit 2: [w1[0,1], w1[1,1]]
        #expect(diagram.activations?[2] == [pass.outputs[3]])
        let hiddenLabels = try #require(diagram.nodeLabels?[1][0])
        #expect(hiddenLabels.count == 3)
        #expect(hiddenLabels[2] == "b " + NetworkDiagram.shortLabel(network.b1[0]))
    }

    @Test func lineScaleThickensTheCurvesAndTheBoundaryLine() throws {
        let network = try ViewFixtures.xor(hidden: 2, epochs: 300, every: 100)
        let panels = XORViews.dashboardPanels(network, row: 1, lineScale: 3)
        let loss = try #require((panels[3].chart as? Axes)?.layers.first as? LineChart)
        #expect(loss.series.map(\.width) == [4.5])
        let gradients = try #require((panels[4].chart as? Axes)?.layers.first as? LineChart)
        #expect(gradients.series.map(\.width) == [4.5, 4.5])
        let contour = try #require((panels[1].chart as? Axes)?.layers.compactMap { $0 as? ContourLayer }.first)
        #expect(contour.width == 4.5)
    }

    @Test func playgroundHasArchitectureBoundaryLossAndFeatures() throws {
        let (train, test) = try ViewFixtures.data(.moons, n: 60)
        let model = try ViewFixtures.mlp([2, 3, 1], train: train, test: test, epochs: 2)
        let panels = PlaygroundViews.dashboardPanels(model, train: train, test: test, discretize: true,
                                                     featureLayer: 0, featureNeurons: (0, 2))
        #expect(Self.titles(panels) == ["architecture · neuron outputs", "decision regions", "loss", "features · layer 0"])
        let diagram = try #require(panels[0].chart as? NetworkDiagram)
        #expect(diagram.layerSizes == [2, 3, 1])
        #expect(diagram.thumbnails?.map(\.count) == [2, 3, 1])
        let boundary = try #require(panels[1].chart as? Axes)
        #expect(boundary.layers.contains { $0 is RingScatter })
        #expect(panels[3].chart is Axes)
    }
}

/// The small layers the views add: the contour line and the ring markers.
@Suite struct ViewLayerTests {
    @Test(arguments: [0.25, 0.5, 0.8])
    func contourOfALinearRampIsAVerticalLineAtTheLevel(level: Double) {
        // values[i][j] = x_j on 0...1 with 11 columns: the level line is x = level.
        let n = 11
        let values = (0..<n).flatMap { _ in (0..<n).map { Double($0) / Double(n - 1) } }
        let layer = ContourLayer(values: values, columns: n, rows: n, x: 0...1, y: 0...1, level: level)
        let segments = layer.segments
        #expect(segments.count == n - 1)
        for (a, b) in segments {
            #expect(abs(a.x - level) < 1e-9 && abs(b.x - level) < 1e-9)
        }
    }

    @Test func contourSkipsCellsWithNaNAndBadShapes() {
        var values = [Double](repeating: 0, count: 9)
        values[4] = .nan
        values[8] = 1
        #expect(ContourLayer(values: values, columns: 3, rows: 3, x: 0...1, y: 0...1).segments.isEmpty)
        #expect(ContourLayer(values: [0, 1], columns: 3, rows: 3, x: 0...1, y: 0...1).segments.isEmpty)
    }

    @Test func ringsFrameOnlyFinitePoints() throws {
        let rings = RingScatter(xs: [0, .nan, 4], ys: [1, 2, -3])
        let bounds = try #require(rings.bounds(logY: false))
        #expect(bounds.x == 0...4 && bounds.y == -3...1)
        #expect(RingScatter(xs: [.nan], ys: [1]).bounds(logY: false) == nil)
    }
}
