import Foundation
import Plots
import Runtime

/// The nv value of `xor(hidden:)`: an `XORNetwork` held by reference, so `train(net)` and
/// `net.layers[0].weight[0][1] = 0.5` change the same network every name for it sees.
///
/// Parameters are shown in PyTorch's `nn.Sequential(Linear(2, h), Sigmoid(), Linear(h, 1),
/// Sigmoid())` layout: `layers[0].weight` is `[h, 2]` (the original's w1 transposed: its
/// `w1[0, 1]` is `layers[0].weight[1][0]`), `layers[2].weight` is `[1, h]`.
final class XORModel: NVObject, ParameterOwner, ShowableObject {
    /// The network; read it through `current` so that pending edits from nv code are in.
    var network: XORNetwork
    let live = LiveParameters()

    /// The seed its starting weights were drawn from; nil when it started from `numpy_seed:` or
    /// a file (the hint after a stuck run suggests other seeds).
    let seed: UInt64?

    init(_ network: XORNetwork, seed: UInt64? = nil) {
        self.network = network
        self.seed = seed
    }

    /// The network with every edit nv code made to its parameter tensors applied.
    var current: XORNetwork {
        live.sync(self)
        return network
    }

    /// Call after changing `network` directly (training, loading) so the tensors follow.
    func networkChanged() { live.sync(self) }

    var typeName: String { "model" }

    var moduleNames: [String] {
        ["Linear(2, \(network.hidden))", "Sigmoid", "Linear(\(network.hidden), 1)", "Sigmoid"]
    }

    var description: String {
        let net = current
        let title = "xor model: 2-\(net.hidden)-1, sigmoid, lr \(Value.format(net.learningRate))"
        let state = net.epoch == 0 ? "untrained, loss \(format(net.loss))"
                                   : "epoch \(net.epoch), loss \(format(net.loss))"
        return summaryTable(title: title, footer: [state])
    }

    var memberNames: [String] {
        ["loss", "losses", "weights", "biases", "layers", "hidden", "epoch", "lr", "outputs", "solved"]
    }

    func member(_ name: String) throws -> Value? {
        switch name {
        case "loss": return .number(current.loss)
        case "losses": return .list(network.losses.map { .number($0) })
        case "weights": return parameterList("weight")
        case "biases": return parameterList("bias")
        case "layers": return .list(moduleNames.indices.map { .object(LayerObject(owner: self, module: $0)) })
        case "hidden": return .number(Double(network.hidden))
        case "epoch": return .number(Double(network.epoch))
        case "lr": return .number(network.learningRate)
        case "outputs": return .list(current.forward().outputs.map { .number($0) })
        case "solved": return .bool(current.solvesXOR)
        default: return nil
        }
    }

    func setMember(_ name: String, to value: Value) throws {
        switch name {
        case "lr":
            network.learningRate = try Conversions.learningRate(from: value)
        case "weights", "biases", "layers":
            throw ValueError("cannot replace model.\(name); edit one layer instead, e.g. net.layers[0].weight[0][1] = 0.5")
        default:
            throw ValueError("cannot assign to model.\(name) (only lr can be set; weights through net.layers[i].weight)")
        }
    }

    func parameter(module: Int, name: String) -> Tensor? {
        guard let entry = network.stateDict.first(where: { $0.name == "layers.\(module).\(name)" }) else { return nil }
        return entry.tensor
    }

    func write(module: Int, name: String, index: Int, value: Float) {
        let h = network.hidden
        let x = Double(value)
        switch (module, name) {
        case (0, "weight"):
            // [h, 2] row-major: index = j * 2 + i is the weight from input i to unit j, w1[i * h + j].
            let (j, i) = (index / 2, index % 2)
            network.w1[i * h + j] = x
        case (0, "bias"): network.b1[index] = x
        case (2, "weight"): network.w2[index] = x
        case (2, "bias"): network.b2 = x
        default: break
        }
    }

    var figure: Figure { XORViews.dashboard(current) }

    private func format(_ x: Double) -> String {
        x.isFinite ? String(format4: x) : Value.format(x)
    }
}

extension String {
    /// A number with 4 significant digits, for tables and status lines.
    init(format4 x: Double) {
        if x != 0, abs(x) < 1e-3 || abs(x) >= 1e6 {
            self = String(format: "%.3e", x)
        } else {
            self = String(format: "%.4g", x)
        }
    }
}
