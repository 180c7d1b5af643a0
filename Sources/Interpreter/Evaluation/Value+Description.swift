import Runtime

extension Value: CustomStringConvertible {
    /// Exactly what the REPL echoes: `[1, 2, 3]`, `"text"` (quoted), `(x: 1, y: 2)`,
    /// `<fn name(a, b)>`. Integral numbers print without `.0`. A text longer than the string
    /// limit is cut there and ends in `...`.
    public var description: String {
        var out = ""
        if !render(quoted: true, depth: 0, into: &out, limit: Operators.maxStringBytes) { out += "..." }
        return out
    }

    /// The start of `description`: at most `maxCharacters` characters, ending in `...` when
    /// cut. Renders only about that much, so quoting a huge value in a message is cheap.
    public func description(maxCharacters: Int) -> String {
        var out = ""
        let complete = render(quoted: true, depth: 0, into: &out, limit: maxCharacters * 4 + 4)
        if complete && out.count <= maxCharacters { return out }
        return String(out.prefix(max(0, maxCharacters - 3))) + "..."
    }

    /// What `print` and string interpolation show: like `description`, but a top-level
    /// string appears without quotes.
    public var printed: String {
        if case .string(let text) = self { return text }
        return description
    }

    /// `printed`, or an error when the text would pass the string limit (`str`, `print` and
    /// interpolation build strings a program goes on with, so a cut text would be wrong).
    public func printedText() throws(ValueError) -> String {
        if case .string(let text) = self { return text }
        var out = ""
        guard render(quoted: true, depth: 0, into: &out, limit: Operators.maxStringBytes) else {
            throw Value.tooLong("the text of this \(typeName)")
        }
        return out
    }

    /// The error for a string that would pass `Operators.maxStringBytes`.
    static func tooLong(_ what: String) -> ValueError {
        ValueError("\(what) would be longer than the string limit of \(Operators.maxStringBytes) bytes (64 MB)")
    }

    /// Nested lists print at most this deep (cyclic lists would otherwise never end).
    static let maxPrintDepth = 20
    /// Lists print at most this many elements, then `...`.
    static let maxPrintElements = 1000

    /// Appends the text of the value to `out`; false (with `out` cut short) as soon as `out`
    /// would pass `limit` bytes, so a list that holds itself many times cannot build a text
    /// of 1000^20 elements.
    func render(quoted: Bool, depth: Int, into out: inout String, limit: Int) -> Bool {
        @inline(__always) func append(_ text: String) -> Bool {
            guard out.utf8.count + text.utf8.count <= limit else { return false }
            out += text
            return true
        }
        switch self {
        case .string(let text): return append(quoted ? Value.quote(text) : text)
        case .list(let list):
            if depth >= Value.maxPrintDepth { return append("[...]") }
            guard append("[") else { return false }
            for (index, element) in list.elements.prefix(Value.maxPrintElements).enumerated() {
                if index > 0 { guard append(", ") else { return false } }
                guard element.render(quoted: true, depth: depth + 1, into: &out, limit: limit) else { return false }
            }
            if list.elements.count > Value.maxPrintElements { guard append(", ...") else { return false } }
            return append("]")
        case .record(let record):
            if depth >= Value.maxPrintDepth { return append("(...)") }
            guard append("(") else { return false }
            for (index, (name, value)) in zip(record.names, record.values).enumerated() {
                guard append(index > 0 ? ", \(name): " : "\(name): "),
                      value.render(quoted: true, depth: depth + 1, into: &out, limit: limit) else { return false }
            }
            return append(")")
        default:
            return append(leafText)
        }
    }

    /// The text of a value that holds no other values.
    private var leafText: String {
        switch self {
        case .number(let value): return Value.format(value)
        case .bool(let value): return value ? "true" : "false"
        case .string(let text): return Value.quote(text)
        case .null: return "nil"
        case .list, .record: return ""
        case .range(let range):
            return Value.format(range.lower) + (range.inclusive ? "..." : "..<") + Value.format(range.upper)
        case .function(let function): return "<fn \(function.name)(\(function.parameterNames.joined(separator: ", ")))>"
        case .builtin(let builtin): return "<builtin \(builtin.signature)>"
        case .tensor(let tensor): return Value.describe(tensor.tensor)
        case .figure(let figure):
            return "<figure \(figure.figure.preferredWidth)x\(figure.figure.preferredHeight)>"
        case .object(let object): return object.description
        }
    }

    /// A number as nv prints it: integers without a fraction, others in the shortest form
    /// that reads back to the same Double.
    public static func format(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == value.rounded(), abs(value) < 1e16 { return String(Int64(value)) }
        return value.description
    }

    /// A string literal as the user would type it, with escapes: like Python's `repr`, control
    /// characters (ESC, C1 controls, bidi overrides, ...) show as `\u{1b}`, so displaying a
    /// value never sends an escape sequence to the terminal (`print` writes the text as is).
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default: VisibleText.append(scalar, to: &out)
            }
        }
        return out + "\""
    }

    /// `tensor([[1, 2], [3, 4]])`; long axes are cut with `...`, and big tensors name
    /// their shape.
    static func describe(_ tensor: Tensor) -> String {
        let limit = 6
        func format(_ value: Float) -> String {
            if value == value.rounded(), abs(value) < 1e7 { return String(Int64(value)) }
            return value.description
        }
        func render(axis: Int, offset: Int) -> String {
            if axis == tensor.rank { return format(tensor.data[offset]) }
            let extent = tensor.shape[axis]
            let stride = tensor.shape[(axis + 1)...].reduce(1, *)
            var parts: [String] = []
            for i in 0..<min(extent, limit) { parts.append(render(axis: axis + 1, offset: offset + i * stride)) }
            if extent > limit { parts.append("...") }
            return "[" + parts.joined(separator: ", ") + "]"
        }
        let body = tensor.count == 0 && tensor.rank > 0 ? "[]" : render(axis: 0, offset: 0)
        let big = tensor.shape.contains { $0 > limit }
        let shape = "[" + tensor.shape.map(String.init).joined(separator: ", ") + "]"
        return big ? "tensor(shape: \(shape), \(body))" : "tensor(\(body))"
    }
}
