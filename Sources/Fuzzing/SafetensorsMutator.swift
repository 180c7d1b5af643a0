import Foundation

/// Mutates a safetensors checkpoint through its structure: the JSON header (tensor names,
/// dtypes, shapes, offsets, and the model config embedded in `__metadata__`) is mutated as
/// JSON and the 8-byte header length rewritten, so the loader reads the mutated fields;
/// sometimes the length itself or the data block is the target.
enum SafetensorsMutator {
    static func mutate(_ bytes: [UInt8], _ random: inout FuzzRandom) -> [UInt8] {
        guard bytes.count >= 8 else { return ByteMutator.mutate(bytes, &random) }
        var length = 0
        for i in 0..<8 { length |= Int(bytes[i]) << (8 * i) }
        guard length >= 0, length <= bytes.count - 8 else { return ByteMutator.mutate(bytes, &random) }
        var header = Array(bytes[8..<(8 + length)])
        var data = Array(bytes[(8 + length)...])
        switch random.below(8) {
        case 0, 1, 2: header = JSONMutator.mutate(header, &random)
        case 6, 7: header = mutateEmbeddedConfig(header, &random)
        case 3: data = random.chance(0.5) ? Array(data.prefix(random.below(data.count + 1))) : ByteMutator.mutate(data, &random)
        case 4: header = ByteMutator.mutate(header, &random)
        default:
            let claimed = random.pick([0, 1, header.count + 1, header.count - 1, 1 << 31, Int(Int64.max), 100 << 20])
            return le64(claimed) + header + data
        }
        return le64(header.count) + header + data
    }

    /// The model config in `__metadata__` (a JSON string) mutated as JSON, its sizes most of
    /// all: a checkpoint someone sent builds its model from it before any tensor is read.
    static func mutateEmbeddedConfig(_ header: [UInt8], _ random: inout FuzzRandom) -> [UInt8] {
        guard var object = try? JSONSerialization.jsonObject(with: Data(header)) as? [String: Any],
              var metadata = object["__metadata__"] as? [String: Any], let config = metadata["config"] as? String,
              var model = try? JSONSerialization.jsonObject(with: Data(config.utf8)) as? [String: Any] else {
            return JSONMutator.mutate(header, &random)
        }
        let sizes = ["input_size", "in_channels", "num_classes", "out_channels", "out_features", "padding", "filter_size",
                     "stride", "layers", "sizes", "hidden", "batch_size"]
        for _ in 0..<random.int(1...2) {
            let key = random.pick(sizes)
            if model[key] is [Any], var list = model[key] as? [Any], !list.isEmpty {
                let index = random.below(list.count)
                if var layer = list[index] as? [String: Any] {
                    layer[random.pick(["out_channels", "out_features", "padding", "filter_size", "stride"])] = random.pick(JSONMutator.numbers)
                    list[index] = layer
                } else {
                    list[index] = random.pick(JSONMutator.numbers)
                    if random.chance(0.3) { list += Array(repeating: 4096, count: random.pick([10, 300])) }
                }
                model[key] = list
            } else if model[key] != nil || random.chance(0.3) {
                model[key] = random.pick(JSONMutator.numbers)
            }
        }
        guard let text = try? JSONSerialization.data(withJSONObject: model, options: [.sortedKeys]) else { return header }
        metadata["config"] = String(decoding: text, as: UTF8.self)
        object["__metadata__"] = metadata
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])).map(Array.init) ?? header
    }

    static func le64(_ value: Int) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: UInt64(bitPattern: Int64(value)) >> (8 * UInt64($0))) }
    }
}
