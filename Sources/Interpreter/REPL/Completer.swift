/// Tab-completion candidates for the REPL. It only reads the session: members are looked up
/// on values already stored in variables; nothing is evaluated.
struct Completer {
    let session: Session

    static let keywords = Token.keywords.keys.sorted()

    func completions(line: String, cursor: Int) -> [String] {
        let bytes = Array(line.utf8.prefix(max(0, cursor)))
        var start = bytes.count
        while start > 0 && Lexer.isIdentifierPart(bytes[start - 1]) { start -= 1 }
        let fragment = String(decoding: bytes[start...], as: UTF8.self)
        if isInsideString(bytes[..<start]) { return [] }
        if start > 0 && bytes[start - 1] == UInt8(ascii: ".") {
            guard let value = valueOfChain(ending: start - 1, in: bytes) else { return [] }
            return Indexing.memberNames(value).filter { $0.hasPrefix(fragment) }.sorted()
        }
        var candidates: [String] = []
        if let callee = openCallee(before: start, in: bytes) {
            candidates += labels(of: callee).map { $0 + ":" }.filter { $0.hasPrefix(fragment) }
        }
        let names = session.globals.defined.map(\.name) + Completer.keywords
        for name in Set(names).sorted() where name.hasPrefix(fragment) && (name != "_" || fragment == "_") {
            if !candidates.contains(name) { candidates.append(name) }
        }
        return candidates
    }

    /// True when an odd number of unescaped quotes precede the position.
    private func isInsideString(_ bytes: ArraySlice<UInt8>) -> Bool {
        var inside = false
        var escaped = false
        for byte in bytes {
            if escaped { escaped = false; continue }
            if byte == UInt8(ascii: "\\") && inside { escaped = true; continue }
            if byte == UInt8(ascii: "\"") { inside.toggle() }
        }
        return inside
    }

    /// The value of `a.b.c` ending just before `dot`, from the session's variables.
    private func valueOfChain(ending dot: Int, in bytes: [UInt8]) -> Value? {
        var start = dot
        while start > 0 && (Lexer.isIdentifierPart(bytes[start - 1]) || bytes[start - 1] == UInt8(ascii: ".")) {
            start -= 1
        }
        let parts = String(decoding: bytes[start..<dot], as: UTF8.self).split(separator: ".", omittingEmptySubsequences: false)
        guard let first = parts.first, !first.isEmpty, var value = session.value(of: String(first)) else { return nil }
        for part in parts.dropFirst() {
            switch value {
            case .record(let record):
                guard let next = record[String(part)] else { return nil }
                value = next
            case .object(let object):
                guard let next = try? object.member(String(part)) else { return nil }
                value = next
            default:
                return nil
            }
        }
        return value
    }

    /// The name of the function whose call's parentheses are still open at `position`.
    private func openCallee(before position: Int, in bytes: [UInt8]) -> String? {
        var depth = 0
        var index = position - 1
        while index >= 0 {
            let byte = bytes[index]
            if byte == UInt8(ascii: ")") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") {
                depth += 1
            } else if byte == UInt8(ascii: "(") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") {
                if depth == 0 {
                    guard byte == UInt8(ascii: "(") else { return nil }
                    var end = index
                    while end > 0 && bytes[end - 1] == UInt8(ascii: " ") { end -= 1 }
                    var start = end
                    while start > 0 && Lexer.isIdentifierPart(bytes[start - 1]) { start -= 1 }
                    return start < end ? String(decoding: bytes[start..<end], as: UTF8.self) : nil
                }
                depth -= 1
            }
            index -= 1
        }
        return nil
    }

    /// The parameter names of the function stored under `name`.
    private func labels(of name: String) -> [String] {
        switch session.value(of: name) {
        case .builtin(let builtin)?: return builtin.parameters.filter { $0.kind != .variadic }.map(\.name)
        case .function(let function)?: return function.parameterNames
        default: return []
        }
    }
}
