import Foundation

/// Structure-aware mutation of JSON (CNN configs, safetensors headers and the config they
/// embed): values replaced by edge numbers or hostile strings, keys renamed, added or removed,
/// array elements duplicated or dropped, types swapped.
enum JSONMutator {
    nonisolated(unsafe) static let numbers: [Any] = [0, -1, 1, 2, 3, 1e9, 2147483648, 4294967296, 9007199254740993.0, 1e18, 1e300,
                                 -1e300, 0.5, -0.0, 1e-300, 30000, 65536, 7, 255]
    static let strings: [String] = [
        "", "\u{1b}]52;c;aGVsbG8=\u{7}", "\u{1b}[2J", "\u{9b}31m", "\u{1b}]8;;http://x\u{1b}\\link", "conv\u{1b}[1m",
        "relu", "dense", "softmax", "flatten", "maxpool", "avgpool", "dropout", "conv", "sigmoid", "tanh",
        "../../../tmp/nv-fuzz-escape", "/tmp/nv-fuzz-abs", "F32", "F64", "I64", "U8", "BF16", String(repeating: "x", count: 5000),
    ]

    /// The keys the real files use, so renamed and added keys hit real code paths.
    static let keys: [String] = [
        "epochs", "patience", "batch_size", "num_classes", "input_size", "in_channels", "out_channels",
        "filter_size", "stride", "padding", "out_features", "type", "layers", "model_output_filename",
        "dtype", "shape", "data_offsets", "__metadata__", "config", "kind", "sizes", "activation", "rate",
        "\u{1b}]0;title\u{7}", "validation_subset_ratio", "percent_of_train_data_to_use",
    ]

    /// A mutated copy of `text`; when it does not parse as JSON, bytes are mutated instead.
    static func mutate(_ text: [UInt8], _ random: inout FuzzRandom) -> [UInt8] {
        guard var object = try? JSONSerialization.jsonObject(with: Data(text), options: [.fragmentsAllowed]) else {
            return ByteMutator.mutate(text, &random)
        }
        for _ in 0..<random.int(1...4) { object = mutateValue(object, &random, depth: 0) }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.fragmentsAllowed, .sortedKeys]) else {
            return ByteMutator.mutate(text, &random)
        }
        return Array(data)
    }

    /// Walks to one random place in `value` and changes it.
    static func mutateValue(_ value: Any, _ random: inout FuzzRandom, depth: Int) -> Any {
        let descend = random.chance(depth < 4 ? 0.8 : 0)
        switch value {
        case var dictionary as [String: Any]:
            let keys = dictionary.keys.sorted()
            if descend, !keys.isEmpty {
                let key = random.pick(keys)
                // A JSON string holding JSON (a checkpoint's embedded config) is mutated as JSON.
                if let string = dictionary[key] as? String, string.hasPrefix("{") || string.hasPrefix("["), random.chance(0.7) {
                    dictionary[key] = String(decoding: mutate(Array(string.utf8), &random), as: UTF8.self)
                } else {
                    dictionary[key] = mutateValue(dictionary[key]!, &random, depth: depth + 1)
                }
                return dictionary
            }
            switch random.below(4) {
            case 0 where !keys.isEmpty: dictionary[random.pick(keys)] = nil
            case 1: dictionary[random.pick(JSONMutator.keys)] = leaf(&random)
            case 2 where !keys.isEmpty:
                let key = random.pick(keys)
                dictionary[random.pick(JSONMutator.keys)] = dictionary[key]
                dictionary[key] = nil
            default: return leaf(&random)
            }
            return dictionary
        case var array as [Any]:
            if descend, !array.isEmpty {
                let index = random.below(array.count)
                array[index] = mutateValue(array[index], &random, depth: depth + 1)
                return array
            }
            switch random.below(4) {
            case 0 where !array.isEmpty: array.remove(at: random.below(array.count))
            case 1 where !array.isEmpty:
                let element = array[random.below(array.count)]
                for _ in 0..<random.pick([1, 2, 50, 300]) { array.insert(element, at: random.below(array.count + 1)) }
            case 2: array.append(leaf(&random))
            default: array.shuffle(using: &random.generator)
            }
            return array
        default:
            return leaf(&random)
        }
    }

    static func leaf(_ random: inout FuzzRandom) -> Any {
        switch random.weighted([5, 4, 1, 1, 1]) {
        case 0: return random.pick(numbers)
        case 1: return random.pick(strings)
        case 2: return NSNull()
        case 3: return random.chance(0.5)
        default: return [random.pick(numbers), random.pick(numbers)]
        }
    }
}
