/// One answer a terminal sent back to a detection query.
public enum TerminalReply: Equatable, Sendable {
    /// A kitty graphics protocol response `ESC _ G i=ID ; MESSAGE ESC \`; `message` is "OK" when
    /// the terminal accepted the query image.
    case kittyGraphics(id: Int?, message: String)
    /// Primary device attributes (DA1) `ESC [ ? a ; b ; ... c`: the attribute numbers. A 4 in
    /// the list means the terminal draws Sixel graphics.
    case deviceAttributes([Int])
    /// A DEC private mode report (DECRPM) `ESC [ ? mode ; value $ y`. Value 0 means the mode
    /// is unknown, 1/2 set/reset, 3/4 permanently set/reset.
    case privateModeReport(mode: Int, value: Int)
    /// The cell size in pixels, the answer to `ESC [ 16 t`: `ESC [ 6 ; height ; width t`.
    case cellSizePixels(width: Int, height: Int)
    /// The text area size in pixels, the answer to `ESC [ 14 t`: `ESC [ 4 ; height ; width t`.
    case textAreaPixels(width: Int, height: Int)
    /// An XTSMGRAPHICS answer `ESC [ ? item ; status ; values S`; item 2 is the Sixel image
    /// size, status 0 means success.
    case graphicsAttribute(item: Int, status: Int, values: [Int])
    /// A complete escape sequence nv did not ask about (kept so the doctor can show it).
    case unrecognized(String)

    /// The reply as readable text for `nv --doctor`, with ESC written as `ESC`.
    public var readable: String {
        switch self {
        case .kittyGraphics(let id, let message):
            return "kitty graphics reply (id \(id.map(String.init) ?? "none")): \(message)"
        case .deviceAttributes(let attributes):
            return "DA1 attributes \(attributes.map(String.init).joined(separator: ";"))"
        case .privateModeReport(let mode, let value):
            return "DECRPM mode \(mode) = \(value)"
        case .cellSizePixels(let width, let height):
            return "cell size \(width)x\(height) px"
        case .textAreaPixels(let width, let height):
            return "text area \(width)x\(height) px"
        case .graphicsAttribute(let item, let status, let values):
            let list = values.map(String.init).joined(separator: "x")
            return "XTSMGRAPHICS item \(item) status \(status)\(list.isEmpty ? "" : ": \(list)")"
        case .unrecognized(let text):
            return "other reply \(text)"
        }
    }
}

/// Splits the bytes a terminal sent back into replies, in whatever order they came.
///
/// Bytes that are not part of an escape sequence (a key the user typed while nv was asking) are
/// skipped. An escape sequence cut off at the end of the buffer is returned as `pending`, so a
/// reader can append more bytes and parse again.
public enum TerminalReplyParser {
    /// The replies found in `bytes`, and the unfinished tail (empty when everything parsed).
    public static func parse(_ bytes: [UInt8]) -> (replies: [TerminalReply], pending: [UInt8]) {
        var replies: [TerminalReply] = []
        var index = 0
        while index < bytes.count {
            guard bytes[index] == escape else { index += 1; continue }
            guard index + 1 < bytes.count else { return (replies, Array(bytes[index...])) }
            let introducer = bytes[index + 1]
            let end: Int?
            switch introducer {
            case UInt8(ascii: "["):
                end = csiEnd(bytes, from: index + 2)
            case UInt8(ascii: "_"), UInt8(ascii: "P"), UInt8(ascii: "]"):
                end = stringEnd(bytes, from: index + 2)
            default:
                index += 1
                continue
            }
            guard let last = end else { return (replies, Array(bytes[index...])) }
            let sequence = Array(bytes[index...last])
            replies.append(classify(sequence))
            index = last + 1
        }
        return (replies, [])
    }

    private static let escape: UInt8 = 0x1B

    /// Index of the final byte of a CSI sequence whose parameters start at `from`, or nil when
    /// the buffer ends first.
    private static func csiEnd(_ bytes: [UInt8], from: Int) -> Int? {
        var index = from
        while index < bytes.count {
            if (0x40...0x7E).contains(bytes[index]) { return index }
            index += 1
        }
        return nil
    }

    /// Index of the last byte of the terminator of a string sequence (APC, DCS, OSC): `ESC \`
    /// or BEL. Nil when the buffer ends first.
    private static func stringEnd(_ bytes: [UInt8], from: Int) -> Int? {
        var index = from
        while index < bytes.count {
            if bytes[index] == 0x07 { return index }
            if bytes[index] == escape, index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\\") {
                return index + 1
            }
            index += 1
        }
        return nil
    }

    private static func classify(_ sequence: [UInt8]) -> TerminalReply {
        let text = String(decoding: sequence.dropFirst(2), as: UTF8.self)
        let readable = "ESC" + String(decoding: sequence.dropFirst(), as: UTF8.self)
            .replacingEscapes()
        if sequence[1] == UInt8(ascii: "_"), text.hasPrefix("G") {
            return kittyReply(String(text.dropFirst())) ?? .unrecognized(readable)
        }
        if sequence[1] == UInt8(ascii: "[") {
            return csiReply(text) ?? .unrecognized(readable)
        }
        return .unrecognized(readable)
    }

    /// `i=31;OK` followed by the terminator.
    private static func kittyReply(_ body: String) -> TerminalReply? {
        let content = body.trimmingTerminator()
        guard let semicolon = content.firstIndex(of: ";") else { return nil }
        let keys = content[..<semicolon].split(separator: ",")
        let message = String(content[content.index(after: semicolon)...])
        var id: Int?
        for key in keys where key.hasPrefix("i=") {
            id = Int(key.dropFirst(2))
        }
        return .kittyGraphics(id: id, message: message)
    }

    /// DA1 (`?...c`), DECRPM (`?m;v$y`), XTSMGRAPHICS (`?i;s;...S`) and window reports
    /// (`6;h;wt`, `4;h;wt`).
    private static func csiReply(_ body: String) -> TerminalReply? {
        guard let final = body.last else { return nil }
        var parameters = Substring(body.dropLast())
        switch final {
        case "c":
            guard parameters.hasPrefix("?") else { return nil }
            parameters = parameters.dropFirst()
            let numbers = parameters.split(separator: ";", omittingEmptySubsequences: true)
                .compactMap { Int($0) }
            return .deviceAttributes(numbers)
        case "y":
            guard parameters.hasPrefix("?"), parameters.hasSuffix("$") else { return nil }
            let numbers = parameters.dropFirst().dropLast().split(separator: ";").compactMap { Int($0) }
            guard numbers.count == 2 else { return nil }
            return .privateModeReport(mode: numbers[0], value: numbers[1])
        case "S":
            guard parameters.hasPrefix("?") else { return nil }
            let numbers = parameters.dropFirst().split(separator: ";").compactMap { Int($0) }
            guard numbers.count >= 2 else { return nil }
            return .graphicsAttribute(item: numbers[0], status: numbers[1], values: Array(numbers.dropFirst(2)))
        case "t":
            let numbers = parameters.split(separator: ";").compactMap { Int($0) }
            guard numbers.count == 3 else { return nil }
            switch numbers[0] {
            case 6: return .cellSizePixels(width: numbers[2], height: numbers[1])
            case 4: return .textAreaPixels(width: numbers[2], height: numbers[1])
            default: return nil
            }
        default:
            return nil
        }
    }
}

private extension String {
    /// Drops a trailing `ESC \` or BEL.
    func trimmingTerminator() -> String {
        if hasSuffix("\u{1B}\\") { return String(dropLast(2)) }
        if hasSuffix("\u{07}") { return String(dropLast()) }
        return self
    }

    /// Writes control characters so the doctor can print them.
    func replacingEscapes() -> String {
        var result = ""
        for scalar in unicodeScalars {
            switch scalar.value {
            case 0x1B: result += "ESC"
            case 0x07: result += "BEL"
            case 0..<0x20: result += "^" + String(UnicodeScalar(scalar.value + 0x40).map(Character.init) ?? "?")
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
