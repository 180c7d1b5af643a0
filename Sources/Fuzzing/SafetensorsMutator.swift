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
        switch random.below(6) {
        case 0, 1, 2: header = JSONMutator.mutate(header, &random)
        case 3: data = random.chance(0.5) ? Array(data.prefix(random.below(data.count + 1))) : ByteMutator.mutate(data, &random)
        case 4: header = ByteMutator.mutate(header, &random)
        default:
            let claimed = random.pick([0, 1, header.count + 1, header.count - 1, 1 << 31, Int(Int64.max), 100 << 20])
            return le64(claimed) + header + data
        }
        return le64(header.count) + header + data
    }

    static func le64(_ value: Int) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: UInt64(bitPattern: Int64(value)) >> (8 * UInt64($0))) }
    }
}
