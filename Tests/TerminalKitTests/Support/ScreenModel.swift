/// A small model of a terminal screen, enough to check what the display's bytes do: the cursor,
/// saved cursor, text per row, and which images are visible where.
///
/// The fake encoders (`FakeEncoders`) write images as `ESC _ G i=ID,r=ROWS ESC \` (kitty: the
/// cursor stays, the same id replaces the image), `ESC P q r=ROWS ESC \` (Sixel: the cursor ends
/// on the image's last row, as xterm does) and `ESC ] 1337;r=ROWS BEL` (iTerm2: the cursor ends
/// under the image). Sixel and iTerm2 images drawn over the same rows hide older ones.
struct ScreenModel {
    struct Image: Equatable {
        var kind: Character
        var id: Int?
        var row: Int
        var rows: Int
    }

    var row = 0
    var column = 0
    var saved: (row: Int, column: Int)?
    var saveCount = 0
    var text: [Int: String] = [:]
    var images: [Image] = []
    var cursorVisible = true
    var syncDepth = 0
    var syncBalanced = true
    /// Image ids sent with a virtual placement (`U=1`, kitty Unicode placeholders), in order.
    var transmissions: [Int] = []

    init(_ output: [UInt8]) {
        feed(output)
    }

    /// Images still visible: a later image over the same top row replaces an earlier one; kitty
    /// images with the same id are one image.
    var visibleImages: [Image] {
        var result: [Image] = []
        for image in images {
            result.removeAll { old in
                (image.id != nil && old.id == image.id) || (old.row == image.row && old.kind == image.kind)
            }
            result.append(image)
        }
        return result
    }

    mutating func feed(_ output: [UInt8]) {
        var index = 0
        let bytes = output
        func find(_ terminator: [UInt8], from: Int) -> Int {
            var i = from
            while i + terminator.count <= bytes.count {
                if Array(bytes[i..<i + terminator.count]) == terminator { return i }
                i += 1
            }
            return bytes.count
        }
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x0A: row += 1; column = 0; index += 1
            case 0x0D: column = 0; index += 1
            case 0x1B:
                let next = index + 1 < bytes.count ? bytes[index + 1] : 0
                switch next {
                case UInt8(ascii: "7"): saved = (row, column); saveCount += 1; index += 2
                case UInt8(ascii: "8"):
                    if let saved { row = saved.row; column = saved.column }
                    index += 2
                case UInt8(ascii: "["):
                    var end = index + 2
                    while end < bytes.count, !(0x40...0x7E).contains(bytes[end]) { end += 1 }
                    let parameters = String(decoding: bytes[(index + 2)..<min(end, bytes.count)], as: UTF8.self)
                    let final = end < bytes.count ? Character(UnicodeScalar(bytes[end])) : "?"
                    csi(parameters, final)
                    index = end + 1
                case UInt8(ascii: "_"), UInt8(ascii: "P"):
                    let end = find([0x1B, UInt8(ascii: "\\")], from: index + 2)
                    let body = String(decoding: bytes[(index + 2)..<end], as: UTF8.self)
                    image(kind: next == UInt8(ascii: "_") ? "k" : "s", body: body)
                    index = end + 2
                case UInt8(ascii: "]"):
                    let end = find([0x07], from: index + 2)
                    image(kind: "i", body: String(decoding: bytes[(index + 2)..<end], as: UTF8.self))
                    index = end + 1
                default: index += 2
                }
            default:
                var end = index
                while end < bytes.count, bytes[end] != 0x1B, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
                put(String(decoding: bytes[index..<end], as: UTF8.self))
                index = end
            }
        }
    }

    private mutating func put(_ string: String) {
        var line = Array(text[row] ?? "")
        while line.count < column { line.append(" ") }
        for character in string {
            if column < line.count { line[column] = character } else { line.append(character) }
            column += 1
        }
        text[row] = String(line)
    }

    private mutating func csi(_ parameters: String, _ final: Character) {
        let count = Int(parameters) ?? 1
        switch (parameters, final) {
        case (_, "A"): row = max(0, row - count)
        case (_, "B"): row += count
        case ("2", "K"): text[row] = nil
        case (_, "K"): if let line = text[row] { text[row] = String(line.prefix(column)) }
        case (_, "J"):
            // Erase below: the rest of this row, every row under it, and the images there.
            if let line = text[row] { text[row] = String(line.prefix(column)) }
            for key in text.keys where key > row { text[key] = nil }
            images.removeAll { $0.row + $0.rows > row + (column > 0 ? 1 : 0) }
        case ("?25", "l"): cursorVisible = false
        case ("?25", "h"): cursorVisible = true
        case ("?2026", "h"): syncDepth += 1; if syncDepth > 1 { syncBalanced = false }
        case ("?2026", "l"): syncDepth -= 1; if syncDepth < 0 { syncBalanced = false }
        default: break
        }
    }

    private mutating func image(kind: Character, body: String) {
        var id: Int?
        var rows = 1
        var delete = false
        var virtual = false
        for field in body.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "G" || $0 == "q" }) {
            if field.hasPrefix("i=") { id = Int(field.dropFirst(2)) }
            if field.hasPrefix("r=") { rows = Int(field.dropFirst(2)) ?? 1 }
            if field == "a=d" { delete = true }
            if field == "U=1" { virtual = true }
        }
        if delete {
            images.removeAll { $0.kind == "k" && $0.id == id }
            return
        }
        if virtual {
            // A virtual placement shows only where placeholder cells are printed (text).
            transmissions.append(id ?? 0)
            return
        }
        images.append(Image(kind: kind, id: kind == "k" ? id : nil, row: row, rows: rows))
        switch kind {
        case "s": row += rows - 1; column = 0
        case "i": row += rows; column = 0
        default: break
        }
    }
}
