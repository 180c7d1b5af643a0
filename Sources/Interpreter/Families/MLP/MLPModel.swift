import Foundation
import Plots
import Runtime

/// The nv value of `mlp(...)`: an `MLP` held by reference, with the data it was last trained
/// on (for its dashboard and `boundary(net)`). Parameters follow PyTorch's `nn.Sequential`
/// names: `layers[0].weight` is `[out, in]`, activations are modules without parameters.
final class MLPModel: NVObject, ParameterOwner, ShowableObject {
    var network: MLP
    let live = LiveParameters()
    /// The training and test sets of the last `train` call (nil before training).
    var trainData: Dataset?
    var testData: Dataset?

    init(_ network: MLP) { self.network = network }

    /// The network with every edit nv code made to its parameter tensors applied.
    var current: MLP {
        live.sync(self)
        return network
    }

    /// Call after changing `network` directly (training, loading) so the tensors follow.
    func networkChanged() { live.sync(self) }

    var typeName: String { "model" }

    var moduleNames: [String] {
        network.layers.map { layer in
            if let dense = layer as? Dense { return "Linear(\(dense.inputs), \(dense.outputs))" }
            return layer.torchName
        }
    }

    var description: String {
        let net = current
        let widths = net.widths.map(String.init).joined(separator: "-")
        let features = net.features.map(\.rawValue).joined(separator: ", ")
        let title = "mlp model: \(widths), \(net.activation.rawValue), loss \(net.loss.rawValue), "
            + "\(net.optimizer.description), batch \(net.batchSize), features [\(features)]"
        var state = net.epoch == 0 ? "untrained" : "epoch \(net.epoch)"
        if let loss = net.trainLosses.last { state += ", train loss \(String(format4: Double(loss)))" }
        if let loss = net.testLosses.last { state += ", test loss \(String(format4: Double(loss)))" }
        return summaryTable(title: title, footer: [state])
    }

    var memberNames: [String] {
        ["loss", "losses", "test_losses", "weights", "biases", "layers", "epoch", "lr", "widths",
         "activation", "features"]
    }

    func member(_ name: String) throws -> Value? {
        switch name {
        case "loss": return network.trainLosses.last.map { .number(Double($0)) } ?? .null
        case "losses": return .list(network.trainLosses.map { .number(Double($0)) })
        case "test_losses": return .list(network.testLosses.map { .number(Double($0)) })
        case "weights": return parameterList("weight")
        case "biases": return parameterList("bias")
        case "layers": return .list(moduleNames.indices.map { .object(LayerObject(owner: self, module: $0)) })
        case "epoch": return .number(Double(network.epoch))
        case "lr": return .number(Double(network.optimizer.learningRate))
        case "widths": return .list(network.widths.map { .number(Double($0)) })
        case "activation": return .string(network.activation.rawValue)
        case "features": return .list(network.features.map { .string($0.rawValue) })
        default: return nil
        }
    }

    func setMember(_ name: String, to value: Value) throws {
        guard name == "lr" else {
            throw ValueError("cannot assign to model.\(name) (only lr can be set; weights through net.layers[i].weight)")
        }
        network.optimizer.learningRate = Float(try Conversions.learningRate(from: value))
    }

    func parameter(module: Int, name: String) -> Tensor? {
        guard network.layers.indices.contains(module) else { return nil }
        return network.layers[module].parameters.first { $0.name == name }?.value
    }

    func write(module: Int, name: String, index: Int, value: Float) {
        guard network.layers.indices.contains(module),
              let k = network.layers[module].parameters.firstIndex(where: { $0.name == name }),
              network.layers[module].parameters[k].value.data.indices.contains(index) else { return }
        network.layers[module].parameters[k].value.data[index] = value
    }

    var figure: Figure {
        let net = current
        if let trainData {
            return PlaygroundViews.dashboard(net, train: trainData, test: testData)
        }
        return PlaygroundViews.architecture(net)
    }
}
