@testable import Plots

/// Reads kitty Unicode placeholder text back, as the terminal would: each U+10EEEE cell with
/// the image id from the current foreground colour (`38;5;N` or `38;2;R;G;B`, plus a third
/// mark for the highest byte) and its row and column from the first two marks.
struct PlaceholderDecoder {
    struct Cell: Equatable, Hashable {
        var imageID: UInt32
        var row: Int
        var column: Int
    }

    /// Problems found (a placeholder without its marks, an unknown mark, no colour).
    var errors: [String] = []
    var cells: [Cell] = []

    init(_ text: String) {
        let scalars = Array(text.unicodeScalars)
        var color: UInt32?
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\u{1B}", index + 1 < scalars.count, scalars[index + 1] == "[" {
                var end = index + 2
                while end < scalars.count, !(0x40...0x7E).contains(scalars[end].value) { end += 1 }
                let parameters = String(String.UnicodeScalarView(scalars[(index + 2)..<min(end, scalars.count)]))
                if end < scalars.count, scalars[end] == "m" {
                    let numbers = parameters.split(separator: ";").compactMap { UInt32($0) }
                    if numbers.count == 3, numbers[0] == 38, numbers[1] == 5 { color = numbers[2] }
                    if numbers.count == 5, numbers[0] == 38, numbers[1] == 2 {
                        color = numbers[2] << 16 | numbers[3] << 8 | numbers[4]
                    }
                    if numbers == [39] || numbers == [0] || parameters.isEmpty { color = nil }
                }
                index = end + 1
                continue
            }
            guard scalar == KittyPlaceholders.placeholder else { index += 1; continue }
            var marks: [Int] = []
            var next = index + 1
            while next < scalars.count, scalars[next].properties.canonicalCombiningClass.rawValue > 0 {
                if let value = KittyDiacritics.index(of: scalars[next]) {
                    marks.append(value)
                } else {
                    errors.append("mark U+\(String(scalars[next].value, radix: 16)) is not a row/column mark")
                }
                next += 1
            }
            if marks.count < 2 { errors.append("a placeholder at scalar \(index) has \(marks.count) marks") }
            if color == nil { errors.append("a placeholder at scalar \(index) has no colour") }
            if marks.count >= 2, let color {
                let high = marks.count >= 3 ? UInt32(marks[2]) << 24 : 0
                cells.append(Cell(imageID: high | color, row: marks[0], column: marks[1]))
            }
            index = next
        }
    }
}
