import Plots
import Runtime

/// A model whose parameters nv code can read and edit: the dense layers of an `nn.Sequential`
/// module list, each with a `weight` `[out, in]` and a `bias` `[out]` (PyTorch's layout and
/// names, whatever the model keeps inside).
protocol ParameterOwner: AnyObject {
    /// The modules in Sequential order (Linear, Sigmoid, Linear, ...), as `summary` names them.
    var moduleNames: [String] { get }
    /// The current value of `layers.<module>.<name>` (`name` is "weight" or "bias"), or nil
    /// when that module has no such parameter.
    func parameter(module: Int, name: String) -> Tensor?
    /// Writes element `index` (row-major in the PyTorch layout) of a parameter into the model.
    func write(module: Int, name: String, index: Int, value: Float)
    /// The tensors that mirror the model's parameters for nv code.
    var live: LiveParameters { get }
}

extension ParameterOwner {
    /// The live tensor of one parameter (reading it brings in any pending edits first).
    func parameterValue(module: Int, name: String) -> Value {
        live.sync(self)
        guard let tensor = live.tensor(module: module, name: name, owner: self) else { return .null }
        return .tensor(tensor)
    }

    /// `[weight of each dense layer]` or `[bias of each dense layer]`, as live tensors.
    func parameterList(_ name: String) -> Value {
        live.sync(self)
        return .list(moduleNames.indices.compactMap { module in
            live.tensor(module: module, name: name, owner: self).map { .tensor($0) }
        })
    }

    /// Replaces a whole parameter from an nv value of the same shape.
    func assign(module: Int, name: String, from value: Value) throws {
        guard let current = parameter(module: module, name: name) else {
            throw ValueError("layers[\(module)] (\(moduleNames[module])) has no \(name)")
        }
        let tensor: Tensor
        do {
            tensor = try Conversions.tensor(from: value)
        } catch {
            throw ValueError("layers[\(module)].\(name) must be numbers: \(error.message)")
        }
        guard tensor.shape == current.shape else {
            throw ValueError("layers[\(module)].\(name) has shape \(current.shape), got \(tensor.shape)")
        }
        guard tensor.data.allSatisfy(\.isFinite) else {
            throw ValueError("layers[\(module)].\(name) must hold finite numbers")
        }
        live.sync(self)
        for (index, element) in tensor.data.enumerated() { write(module: module, name: name, index: index, value: element) }
        live.sync(self)
    }

    /// The summary table a model prints: one row per module, then the total.
    func summaryTable(title: String, footer: [String]) -> String {
        var rows: [[String]] = [["layer", "module", "output shape", "parameters"]]
        var total = 0
        var width = 0
        for (module, name) in moduleNames.enumerated() {
            let weight = parameter(module: module, name: "weight")
            let bias = parameter(module: module, name: "bias")
            if let weight { width = weight.shape[0] }
            let count = (weight?.count ?? 0) + (bias?.count ?? 0)
            total += count
            rows.append(["layers[\(module)]", name, "[\(width)]", "\(count)"])
        }
        rows.append(["total", "", "", "\(total)"])
        return ([title] + SummaryTable.lines(rows) + footer).joined(separator: "\n")
    }
}

/// The tensors handed to nv code for a model's parameters (`net.weights`,
/// `net.layers[0].weight`), kept in step with the model both ways.
///
/// nv tensors are Float32 references that code may edit in place (`w[0][1] = 0.5`); the model
/// keeps its own numbers (Double for XOR). Before the model is used, `sync` copies in every
/// element that nv code changed since the tensor was last filled (only those, so a Double
/// weight nobody touched keeps its full precision), then refills the tensors from the model.
/// Only tensors that were asked for exist, so a model nobody inspects pays nothing.
final class LiveParameters {
    private struct Mirror {
        let tensor: TensorValue
        /// What the tensor held when last filled from the model.
        var filled: [Float]
    }
    private var mirrors: [String: Mirror] = [:]

    /// The live tensor of a parameter, made on first use; nil when the module has none.
    func tensor(module: Int, name: String, owner: ParameterOwner) -> TensorValue? {
        let key = "\(module).\(name)"
        if let mirror = mirrors[key] { return mirror.tensor }
        guard let value = owner.parameter(module: module, name: name) else { return nil }
        let tensor = TensorValue(value)
        mirrors[key] = Mirror(tensor: tensor, filled: value.data)
        return tensor
    }

    /// Brings nv code's edits into the model, then refreshes every tensor from it.
    func sync(_ owner: ParameterOwner) {
        guard !mirrors.isEmpty else { return }
        for (key, mirror) in mirrors {
            let parts = key.split(separator: ".")
            guard let module = Int(parts[0]) else { continue }
            let name = String(parts[1])
            let edited = mirror.tensor.tensor
            // A tensor whose shape nv code changed cannot be copied back; it is refilled.
            guard edited.data.count == mirror.filled.count else { continue }
            for index in edited.data.indices where edited.data[index] != mirror.filled[index] {
                let element = edited.data[index]
                // Bit-identical NaNs compare unequal; they are not an edit.
                if element.isNaN && mirror.filled[index].isNaN { continue }
                owner.write(module: module, name: name, index: index, value: element)
            }
        }
        for (key, mirror) in mirrors {
            let parts = key.split(separator: ".")
            guard let module = Int(parts[0]), let value = owner.parameter(module: module, name: String(parts[1])) else { continue }
            mirror.tensor.tensor = value
            mirrors[key]?.filled = value.data
        }
    }
}
