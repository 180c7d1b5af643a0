import Testing
@testable import Plots
import Runtime

/// The XOR views draw for every hidden size and for broken networks, and the dashboard shows
/// the panels its layout promises.
@Suite struct XORViewsTests {
    @Test(arguments: [1, 2, 3, 5])
    func dashboardDrawsTrainedNetworks(hidden: Int) throws {
        let network = try ViewFixtures.xor(hidden: hidden, seed: 2, epochs: 6000, every: 100)
        let raster = XORViews.dashboard(network).render()
        LookAt.save(raster, "xor-h\(hidden)")
        let narrow = XORViews.dashboard(network, width: 800, height: 480).render()
        LookAt.save(narrow, "xor-h\(hidden)-800")
        LookAt.saveBlocks(narrow, "xor-h\(hidden)-blocks")
        #expect(raster.width == 1200 && raster.height == 720)
        #expect(ViewFixtures.hasInk(raster))
    }

    @Test(arguments: [1, 2, 3, 5])
    func everySingleViewDrawsUntrainedAndTrained(hidden: Int) throws {
        for network in [try ViewFixtures.xor(hidden: hidden), try ViewFixtures.xor(hidden: hidden, epochs: 500, every: 50)] {
            for (name, figure) in [("architecture", XORViews.architecture(network)),
                                   ("boundary", XORViews.boundary(network)),
                                   ("features", XORViews.features(network)),
                                   ("surface", XORViews.surface(network)),
                                   ("loss", XORViews.loss(network)),
                                   ("dashboard", XORViews.dashboard(network, width: 600, height: 360))] {
                let raster = figure.render()
                LookAt.save(raster, "xor-\(name)-h\(hidden)-e\(network.epoch)")
                #expect(ViewFixtures.hasInk(raster), "\(name) drew nothing for h = \(hidden)")
            }
        }
    }

    /// `discretize` turns the boundary's probability field into two hard regions (as the mlp's),
    /// in the panel alone and in the dashboard, and the picture changes with it.
    @Test func discretizedBoundaryHasTwoRegions() throws {
        let network = try ViewFixtures.xor(hidden: 3, seed: 2, epochs: 6000, every: 100)
        func field(_ discretize: Bool) throws -> Heatmap {
            let axes = try #require(XORPanels.boundary(network, discretize: discretize) as? Axes)
            return try #require(axes.layers.compactMap { $0 as? Heatmap }.first)
        }
        let hard = try field(true), soft = try field(false)
        #expect(Set(hard.values) == [0.2, 0.8])
        #expect(hard.values == soft.values.map { $0 >= 0.5 ? 0.8 : 0.2 })
        #expect(Set(soft.values).count > 2)
        #expect(!hard.showColorBar && hard.interpolation == .nearest)
        #expect(XORViews.boundary(network, discretize: true).render() != XORViews.boundary(network).render())
        let panels = XORViews.dashboardPanels(network, row: 1, discretize: true)
        #expect(panels.contains { $0.title == "decision regions" })
        #expect(XORViews.dashboard(network, discretize: true).render() != XORViews.dashboard(network).render())
    }

    @Test(arguments: [1, 2, 3, 5])
    func nonFiniteWeightsDrawWithoutCrashing(hidden: Int) throws {
        let network = try ViewFixtures.nanXOR(hidden: hidden)
        for figure in [XORViews.dashboard(network), XORViews.architecture(network), XORViews.boundary(network),
                       XORViews.features(network), XORViews.surface(network), XORViews.loss(network)] {
            #expect(ViewFixtures.hasInk(figure.render(width: 500, height: 300)))
        }
        LookAt.save(XORViews.dashboard(network).render(), "xor-nan-h\(hidden)")
    }
}
