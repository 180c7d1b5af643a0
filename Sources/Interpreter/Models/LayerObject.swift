import Runtime

/// One module of a model's `nn.Sequential` list, as `net.layers[i]`: its `weight` and `bias`
/// are the model's live tensors, so `net.layers[0].weight[0][1] = 0.5` edits the model, and
/// `net.layers[0].weight = [[...]]` replaces a whole matrix (same shape).
final class LayerObject: NVObject {
    let owner: ParameterOwner
    let module: Int

    init(owner: ParameterOwner, module: Int) {
        self.owner = owner
        self.module = module
    }

    var typeName: String { "layer" }

    var description: String {
        let name = owner.moduleNames[module]
        guard let weight = owner.parameter(module: module, name: "weight") else { return "layers[\(module)]: \(name)" }
        return "layers[\(module)]: \(name), weight \(weight.shape), bias [\(weight.shape[0])]"
    }

    var memberNames: [String] { ["weight", "bias", "name"] }

    func member(_ name: String) throws -> Value? {
        switch name {
        case "name": return .string(owner.moduleNames[module])
        case "weight", "bias":
            let value = owner.parameterValue(module: module, name: name)
            if case .null = value {
                throw ValueError("layers[\(module)] (\(owner.moduleNames[module])) has no \(name)")
            }
            return value
        default: return nil
        }
    }

    func setMember(_ name: String, to value: Value) throws {
        guard name == "weight" || name == "bias" else {
            throw ValueError("cannot assign to layer.\(name) (only weight and bias)")
        }
        try owner.assign(module: module, name: name, from: value)
    }
}
