import Testing
@testable import Interpreter
@testable import Plots
import Runtime

/// After `net.layers[0].weight[0][1] = 0.5`, `show(net)` titles the dashboard with the edited
/// network's loss (what `net.loss` says), not the loss training last recorded.
@Suite struct ShowAfterEditTests {
    @Test func xorTitleHasTheEditedLoss() throws {
        let (session, _) = makeSession()
        guard case .success = session.run("net = xor(hidden: 2, seed: 3)\ntrain(net, epochs: 15000, every: 5000)", name: "t") else {
            Issue.record("training failed")
            return
        }
        guard case .object(let object) = session.value(of: "net"), let model = object as? XORModel else {
            Issue.record("net is not an xor model")
            return
        }
        let trained = XORViews.title(model.current)
        let recorded = try #require(model.network.losses.last)
        _ = session.run("net.layers[0].weight[0][1] = 0.5", name: "edit")
        let edited = model.current
        #expect(abs(edited.loss - recorded) > 0.01, "the edit must change the loss for this test to mean anything")
        let title = XORViews.title(edited)
        #expect(title.contains("loss \(ViewFormat.value(edited.loss))"), "\(title)")
        #expect(!title.contains("loss \(ViewFormat.value(recorded))"), "\(title)")
        #expect(title != trained)
    }

    @Test func mlpTitleHasTheEditedLoss() throws {
        let (session, _) = makeSession()
        let setup = """
            d = split(circle(n: 100, seed: 1), 0.8, seed: 1)
            m = mlp(layers: [2, 4, 1], optimizer: adam(lr: 0.03), seed: 2)
            train(m, d, epochs: 50, every: 50)
            """
        guard case .success = session.run(setup, name: "t") else {
            Issue.record("training failed")
            return
        }
        guard case .object(let object) = session.value(of: "m"), let model = object as? MLPModel,
              case .object(let dataObject) = session.value(of: "d"), let data = dataObject as? DatasetObject else {
            Issue.record("m or d has the wrong type")
            return
        }
        let (train, test) = data.trainingSets
        let recorded = try #require(model.network.trainLosses.last)
        _ = session.run("m.layers[0].weight[0][0] = 5", name: "edit")
        let edited = model.current
        let fresh = edited.loss(on: train)
        #expect(abs(fresh - recorded) > 0.01, "the edit must change the loss for this test to mean anything")
        let title = PlaygroundViews.title(edited, train: train, test: test)
        #expect(title.contains("train \(ViewFormat.value(Double(fresh)))"), "\(title)")
    }
}
