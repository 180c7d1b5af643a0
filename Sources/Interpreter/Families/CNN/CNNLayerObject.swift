import Runtime

/// The nv value of a layer builtin (`conv(8, size: 3)`, `relu()`, `maxpool(2)`, ...): one
/// entry of the list `cnn(input:, layers:)` takes, before the network gives it weights. It
/// prints as it is written, and a network's `layers` member lists these values.
final class CNNLayerObject: NVObject {
    let spec: CNNLayerSpec

    init(_ spec: CNNLayerSpec) { self.spec = spec }

    var typeName: String { "layer" }

    var description: String { spec.description }

    var memberNames: [String] { ["type"] }

    func member(_ name: String) throws -> Value? {
        name == "type" ? .string(spec.typeName) : nil
    }
}
