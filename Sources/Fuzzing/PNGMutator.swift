/// Mutates a PNG chunk by chunk and writes the CRCs back, so the decoder gets past the checksum
/// and meets the mutated field itself: header sizes and depths, chunk types (including control
/// bytes, which it quotes), lengths, and IDAT data recompressed from mutated scanlines.
enum PNGMutator {
    struct Chunk {
        var type: [UInt8]
        var data: [UInt8]
    }

    static func chunks(_ bytes: [UInt8]) -> [Chunk]? {
        var chunks: [Chunk] = []
        var at = 8
        while at + 12 <= bytes.count {
            let length = Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3])
            guard at + 12 + length <= bytes.count else { return nil }
            chunks.append(Chunk(type: Array(bytes[(at + 4)..<(at + 8)]), data: Array(bytes[(at + 8)..<(at + 8 + length)])))
            at += 12 + length
        }
        return chunks
    }

    static func mutate(_ bytes: [UInt8], _ random: inout FuzzRandom) -> [UInt8] {
        guard var chunks = chunks(bytes), !chunks.isEmpty else { return ByteMutator.mutate(bytes, &random) }
        let fixCRC = random.chance(0.9)
        for _ in 0..<random.int(1...3) {
            let index = random.below(chunks.count)
            switch random.below(7) {
            case 0 where chunks[index].type == Array("IHDR".utf8) && chunks[index].data.count >= 13:
                // Width, height, bit depth, colour type, interlace.
                let field = random.pick([0, 4])
                chunks[index].data.replaceSubrange(field..<(field + 4), with: FileSeeds.be32(random.pick(
                    [0, 1, 7, 9, 28, 65535, 1 << 16 + 1, 1 << 24, 0x7FFF_FFFF, -1])))
                if random.chance(0.5) { chunks[index].data[random.pick([8, 9, 12])] = random.pick([0, 1, 2, 3, 4, 5, 6, 7, 8, 16, 255]) }
            case 1:
                chunks[index].type = random.pick([
                    Array("ABCD".utf8), [0x1B, 0x5B, 0x32, 0x4A], [0x9B, 0x33, 0x31, 0x6D], Array("IDAT".utf8),
                    Array("IHDR".utf8), Array("PLTE".utf8), Array("tRNS".utf8), Array("IEND".utf8), [0, 0, 0, 0],
                ])
            case 2 where chunks[index].type == Array("IDAT".utf8):
                if var raw = ZlibTools.inflate(chunks[index].data) {
                    raw = random.chance(0.5) ? ByteMutator.mutate(raw, &random) : Array(raw.prefix(random.below(raw.count + 1)))
                    chunks[index].data = ZlibTools.compress(raw, gzip: false)
                }
            case 3: chunks.insert(chunks[index], at: random.below(chunks.count + 1))
            case 4 where chunks.count > 1: chunks.remove(at: index)
            case 5:
                chunks.insert(Chunk(type: Array(random.pick(["tEXt", "zTXt", "tRNS", "gAMA", "IDAT", "PLTE", "aBcD"]).utf8),
                                    data: ByteMutator.mutate(Array("Title\u{0}\u{1b}]0;hi\u{7}".utf8), &random)),
                              at: random.int(1...chunks.count))
            default: chunks[index].data = ByteMutator.mutate(chunks[index].data, &random)
            }
        }
        var out = Array(bytes.prefix(8))
        for chunk in chunks {
            var encoded = FileSeeds.chunk(chunk.type, chunk.data)
            if !fixCRC { encoded[encoded.count - 1] ^= 0x5A }
            out += encoded
        }
        return out
    }
}
