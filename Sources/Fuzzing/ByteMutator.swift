/// Mutations of raw bytes, shared by programs and files: flips, insertions, deletions,
/// duplicated and swapped spans, interesting values (0, 0xFF, 0x7F, 0x80, lengths that
/// overflow), terminal control sequences spliced into the data.
enum ByteMutator {
    /// Sequences a hostile file would carry to a terminal: ESC and 8-bit (C1) introducers.
    static let controlSequences: [[UInt8]] = [
        Array("\u{1b}]52;c;aGVsbG8=\u{7}".utf8), Array("\u{1b}[2J".utf8), Array("\u{1b}]0;pwned\u{1b}\\".utf8),
        Array("\u{1b}]8;;http://x\u{1b}\\".utf8), [0x9B, 0x33, 0x31, 0x6D], [0xC2, 0x9B, 0x32, 0x4A], [0x07], [0x08, 0x0D],
    ]

    static let interesting: [[UInt8]] = [
        [0], [0xFF], [0x7F], [0x80], [0xFF, 0xFF, 0xFF, 0xFF], [0x7F, 0xFF, 0xFF, 0xFF], [0x80, 0, 0, 0],
        [0, 0, 0, 0], [0, 0, 0, 1], [0x00, 0x01, 0x00, 0x00], [0xFF, 0xFF, 0xFF, 0x7F],
    ]

    static func mutate(_ bytes: [UInt8], _ random: inout FuzzRandom, rounds: Int? = nil) -> [UInt8] {
        var bytes = bytes
        for _ in 0..<(rounds ?? random.int(1...6)) {
            let position = random.int(0...bytes.count)
            let inside = position < bytes.count
            switch random.below(9) {
            case 0 where inside: bytes[position] ^= 1 << UInt8(random.below(8))
            case 1 where inside: bytes[position] = random.byte()
            case 2 where inside:
                bytes.removeSubrange(position..<min(bytes.count, position + random.int(1...16)))
            case 3: bytes.insert(contentsOf: (0..<random.int(1...8)).map { _ in random.byte() }, at: position)
            case 4 where inside:
                let end = min(bytes.count, position + random.int(1...64))
                bytes.insert(contentsOf: bytes[position..<end], at: random.int(0...bytes.count))
            case 5:
                let value = random.pick(interesting)
                let end = min(bytes.count, position + value.count)
                bytes.replaceSubrange(position..<end, with: value)
            case 6: bytes.insert(contentsOf: random.pick(controlSequences), at: position)
            case 7 where inside: bytes.removeSubrange(position...)
            default:
                if bytes.count > 2 {
                    let a = random.below(bytes.count), b = random.below(bytes.count)
                    bytes.swapAt(a, b)
                }
            }
        }
        return bytes
    }

    /// Tokens spliced into programs: keywords, brackets, edge numbers, names of builtins.
    static let programSplices = [
        "(", ")", "[", "]", "{", "}", "\"", "\\(", "fn ", "for i in 0..<1e6 { ", "while true { ", "1e400", "-",
        " = ", "..<", "9007199254740992", "[[[[", "nil", ".x", "[0]", "\n", "#", "return ", "break", "\u{1b}[2J",
    ]

    /// A mutated program: byte mutations, spliced tokens, and lines deleted, duplicated or swapped.
    static func mutateProgram(_ source: String, _ random: inout FuzzRandom) -> String {
        var lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for _ in 0..<random.int(0...3) where !lines.isEmpty {
            let line = random.below(lines.count)
            switch random.below(4) {
            case 0: lines.remove(at: line)
            case 1: lines.insert(lines[line], at: random.below(lines.count))
            case 2: lines.swapAt(line, random.below(lines.count))
            default:
                let numbers = lines[line].split(separator: " ", omittingEmptySubsequences: false).map { word in
                    word.allSatisfy(\.isNumber) && !word.isEmpty && random.chance(0.5) ? Substring(random.pick(EdgeValues.numbers)) : word
                }
                lines[line] = numbers.joined(separator: " ")
            }
        }
        var bytes = Array(lines.joined(separator: "\n").utf8)
        for _ in 0..<random.int(0...3) {
            bytes.insert(contentsOf: Array(random.pick(programSplices).utf8), at: random.int(0...bytes.count))
        }
        if random.chance(0.5) { bytes = mutate(bytes, &random, rounds: random.int(1...3)) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
