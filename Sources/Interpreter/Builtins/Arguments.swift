/// The arguments of one builtin call, bound to the builtin's parameters, with checkers that
/// give every message the same shape:
/// `train: argument 'epochs' must be a positive integer, got -3`.
public struct Arguments {
    public let function: String
    public let context: BuiltinContext
    private let parameters: [Builtin.Parameter]
    private var bound: [Value?]
    /// Where each bound value came from in the call (argument index).
    private var origins: [Int?]
    /// The values taken by a variadic parameter, in order.
    public private(set) var rest: [Value] = []
    private var restOrigins: [Int] = []

    init(builtin: Builtin, values: [Value], labels: [String?], context: BuiltinContext) throws {
        function = builtin.name
        self.context = context
        parameters = builtin.parameters
        bound = Array(repeating: nil, count: parameters.count)
        origins = Array(repeating: nil, count: parameters.count)
        let variadic = parameters.firstIndex { $0.kind == .variadic }
        let fixed = parameters.indices.filter { parameters[$0].kind != .variadic }
        var nextFixed = 0
        for (index, value) in values.enumerated() {
            if let label = index < labels.count ? labels[index] : nil {
                guard let slot = parameters.firstIndex(where: { $0.name == label && $0.kind != .variadic }) else {
                    throw BuiltinError("\(function): unknown argument '\(label)'", argumentIndex: index)
                }
                if bound[slot] != nil {
                    throw BuiltinError("\(function): argument '\(label)' given twice", argumentIndex: index)
                }
                bound[slot] = value
                origins[slot] = index
            } else {
                while nextFixed < fixed.count && bound[fixed[nextFixed]] != nil { nextFixed += 1 }
                if nextFixed < fixed.count && fixed[nextFixed] < (variadic ?? Int.max) {
                    bound[fixed[nextFixed]] = value
                    origins[fixed[nextFixed]] = index
                    nextFixed += 1
                } else if variadic != nil {
                    rest.append(value)
                    restOrigins.append(index)
                } else {
                    throw BuiltinError("\(function): \(Arguments.expectation(parameters)), got \(values.count)")
                }
            }
        }
        for (slot, parameter) in parameters.enumerated() where parameter.kind == .required && bound[slot] == nil {
            if labels.allSatisfy({ $0 == nil }) {
                throw BuiltinError("\(function): \(Arguments.expectation(parameters)), got \(values.count)")
            }
            throw BuiltinError("\(function): missing argument '\(parameter.name)'")
        }
    }

    /// "expected 1 argument", "expected 1 to 3 arguments", "expected at least 1 argument".
    static func expectation(_ parameters: [Builtin.Parameter]) -> String {
        let required = parameters.filter { $0.kind == .required }.count
        let fixed = parameters.filter { $0.kind != .variadic }.count
        if parameters.contains(where: { $0.kind == .variadic }) {
            return "expected at least \(Calls.count(required))"
        }
        if required == fixed { return "expected \(Calls.count(required))" }
        return "expected \(required) to \(Calls.count(fixed))"
    }

    // MARK: - Access and checks

    private func slot(_ name: String) -> Int {
        guard let slot = parameters.firstIndex(where: { $0.name == name }) else {
            fatalError("builtin \(function) has no parameter \(name)")
        }
        return slot
    }

    /// The argument for parameter `name`, or nil when it was not given.
    public func value(_ name: String) -> Value? { bound[slot(name)] }

    /// True when the parameter was given.
    public func has(_ name: String) -> Bool { value(name) != nil }

    /// True when the builtin's signature has a parameter `name` (for shared helpers such as
    /// `train`'s `record:`, which a family's signature may leave out).
    public func declares(_ name: String) -> Bool { parameters.contains { $0.name == name } }

    /// An error about argument `name`, pointing at it in the source.
    public func error(_ name: String, _ problem: String) -> BuiltinError {
        BuiltinError("\(function): argument '\(name)' \(problem)", argumentIndex: origins[slot(name)])
    }

    /// An error about the `position`-th variadic argument.
    public func restError(_ position: Int, _ problem: String) -> BuiltinError {
        BuiltinError("\(function): argument \(position + 1) \(problem)",
                     argumentIndex: position < restOrigins.count ? restOrigins[position] : nil)
    }

    /// A required argument of any type (`.null` for a missing optional one).
    public func any(_ name: String) -> Value { value(name) ?? .null }

    /// "got -3", "got string \"abc\"", "got nil".
    public static func got(_ value: Value) -> String {
        switch value {
        case .number, .null, .bool: return "got \(value.description)"
        default: return "got \(value.typeName) \(Indexing.shortDescription(value))"
        }
    }

    public func number(_ name: String) throws -> Double {
        let value = any(name)
        guard case .number(let x) = value else { throw error(name, "must be a number, \(Arguments.got(value))") }
        return x
    }

    /// An optional number: `fallback` when not given.
    public func number(_ name: String, default fallback: Double) throws -> Double {
        has(name) ? try number(name) : fallback
    }

    public func integer(_ name: String) throws -> Int {
        let value = any(name)
        guard case .number(let x) = value, let n = Int(exactly: x) else {
            throw error(name, "must be a whole number, \(Arguments.got(value))")
        }
        return n
    }

    public func integer(_ name: String, default fallback: Int) throws -> Int {
        has(name) ? try integer(name) : fallback
    }

    public func positiveInteger(_ name: String) throws -> Int {
        let value = any(name)
        guard case .number(let x) = value, let n = Int(exactly: x), n > 0 else {
            throw error(name, "must be a positive integer, \(Arguments.got(value))")
        }
        return n
    }

    public func nonNegativeInteger(_ name: String) throws -> Int {
        let value = any(name)
        guard case .number(let x) = value, let n = Int(exactly: x), n >= 0 else {
            throw error(name, "must be a whole number of 0 or more, \(Arguments.got(value))")
        }
        return n
    }

    public func string(_ name: String) throws -> String {
        let value = any(name)
        guard case .string(let text) = value else { throw error(name, "must be a string, \(Arguments.got(value))") }
        return text
    }

    /// A string that names a file or folder. The NUL character is refused here, naming the
    /// argument: the system reads a path only up to it (`"a\0b"` would be the file `a`).
    public func path(_ name: String) throws -> String {
        let text = try string(name)
        guard !text.utf8.contains(0) else {
            throw error(name, "cannot name a file: it contains the NUL character \\0, got \(Value.quote(text))")
        }
        return text
    }

    public func list(_ name: String) throws -> ListValue {
        let value = any(name)
        guard case .list(let list) = value else { throw error(name, "must be a list, \(Arguments.got(value))") }
        return list
    }

    /// Any function value (user or builtin).
    public func function(_ name: String) throws -> Value {
        let value = any(name)
        switch value {
        case .function, .builtin: return value
        default: throw error(name, "must be a function, \(Arguments.got(value))")
        }
    }

    /// The elements of a list, range, string (characters) or tensor (rows), for builtins that
    /// accept any sequence.
    public func sequence(_ name: String) throws -> [Value] {
        let value = any(name)
        switch value {
        case .list(let list): return list.elements
        case .range(let range):
            guard range.count <= 10_000_000 else { throw error(name, "is a range too long to list (\(range.count) numbers)") }
            return (0..<range.count).map { .number(range.element($0)) }
        case .string(let text): return text.map { .string(String($0)) }
        case .tensor(let tensor): return (0..<(tensor.tensor.shape.first ?? 0)).map { Indexing.tensorRow(tensor.tensor, $0) }
        default: throw error(name, "must be a list, range, string or tensor, \(Arguments.got(value))")
        }
    }
}
