/// One builtin function: its name, signature, one-line doc and example (shown by `help`),
/// and its implementation. The parameter list is read from the signature, so the two never
/// disagree: `name` is required, `name: default` and `name?` are optional, `name...` takes
/// the remaining positional arguments.
public final class Builtin {
    /// One parameter, as the signature declares it.
    public struct Parameter: Sendable {
        public enum Kind: Sendable { case required, optional, variadic }
        public var name: String
        public var kind: Kind
    }

    public let name: String
    /// The help area it is listed under ("core", "math", "lists", "random", ...).
    public let area: String
    /// How it is called, e.g. `range(start, end?, step: 1)`. Made on first use for a builtin
    /// declared with a signature to work out (`ModelVerbs.union`): the table of builtins is
    /// built at every start, and only help and errors read the signatures.
    public private(set) lazy var signature: String = makeSignature()
    private let makeSignature: () -> String
    /// One line saying what it does.
    public let doc: String
    /// A line of nv showing a typical call.
    public let example: String
    /// The parameters, read from the signature on first use.
    public private(set) lazy var parameters: [Parameter] = Builtin.parameters(of: signature)
    let body: (inout Arguments) throws -> Value
    /// For a builtin several model families answer (`train`, `predict`, ...): picks, from the
    /// call's values and labels, the builtin of the model argument's family, which then binds
    /// the arguments by its own signature. Nil for an ordinary builtin.
    let dispatch: ((_ values: [Value], _ labels: [String?]) throws -> Builtin)?
    /// For such a builtin: each family's own builtin, by family name, in registry order
    /// (for help, the reference and the tests that run every example).
    public let implementations: [(family: String, builtin: Builtin)]

    /// Declares a builtin. `signature` must start with `name(`.
    public convenience init(_ signature: String, area: String, doc: String, example: String,
                body: @escaping (inout Arguments) throws -> Value) {
        self.init(signature, area: area, doc: doc, example: example, body: body, dispatch: nil, implementations: [])
    }

    /// Declares a builtin that hands each call to the builtin `dispatch` picks (see `dispatch`);
    /// `signature` is called once, when the signature is first read.
    init(name: String, signature: @escaping () -> String, area: String, doc: String, example: String,
         implementations: [(family: String, builtin: Builtin)],
         dispatch: @escaping (_ values: [Value], _ labels: [String?]) throws -> Builtin) {
        self.name = name
        self.makeSignature = signature
        self.area = area
        self.doc = doc
        self.example = example
        self.body = { args in throw BuiltinError("\(args.function): called without its model's family") }
        self.dispatch = dispatch
        self.implementations = implementations
    }

    private init(_ signature: String, area: String, doc: String, example: String,
                 body: @escaping (inout Arguments) throws -> Value,
                 dispatch: ((_ values: [Value], _ labels: [String?]) throws -> Builtin)?,
                 implementations: [(family: String, builtin: Builtin)]) {
        let open = signature.firstIndex(of: "(") ?? signature.endIndex
        self.name = String(signature[..<open])
        self.area = area
        self.makeSignature = { signature }
        self.doc = doc
        self.example = example
        self.body = body
        self.dispatch = dispatch
        self.implementations = implementations
    }

    /// The parameters a signature declares.
    static func parameters(of signature: String) -> [Parameter] {
        parameterList(of: signature).split(separator: ",").map(parameter)
    }

    /// The first parameter a signature declares, nil when it declares none, without working out
    /// the others: every model verb's is checked at each start (`ModelVerbs`).
    static func firstParameter(of signature: String) -> Parameter? {
        parameterList(of: signature).split(separator: ",", maxSplits: 1).first.map(parameter)
    }

    /// What a signature has between its parentheses.
    private static func parameterList(of signature: String) -> Substring {
        let open = signature.firstIndex(of: "(") ?? signature.endIndex
        return signature[open...].dropFirst().dropLast()
    }

    /// One parameter from its text in a signature (`name`, `name: default`, `name?`, `name...`).
    private static func parameter(_ part: Substring) -> Parameter {
        // Spaces trimmed in Swift: Foundation's trimmingCharacters(in:) bridges through NSString.
        var trimmed = part
        while trimmed.first == " " { trimmed = trimmed.dropFirst() }
        while trimmed.last == " " { trimmed = trimmed.dropLast() }
        let text = String(trimmed)
        if text.hasSuffix("...") { return Parameter(name: String(text.dropLast(3)), kind: .variadic) }
        if let colon = text.firstIndex(of: ":") { return Parameter(name: String(text[..<colon]), kind: .optional) }
        if text.hasSuffix("?") { return Parameter(name: String(text.dropLast()), kind: .optional) }
        return Parameter(name: text, kind: .required)
    }

    /// The text `help(name)` shows.
    public var helpText: String {
        var text = "\(signature)\n  \(doc)"
        for (family, builtin) in implementations where implementations.count > 1 {
            text += "\n  \(family): \(builtin.signature)\n    \(builtin.doc)\n    example: \(builtin.example)"
        }
        return implementations.count <= 1 ? text + "\n  example: \(example)" : text
    }

    /// The text `?name` shows at the REPL: the signature and one line of the doc (its first
    /// sentence, or that sentence's first clause when the sentence is long).
    public var shortHelpText: String {
        "\(signature)\n  \(oneLine)"
    }

    var oneLine: String {
        var text = doc
        if let end = text.range(of: ". ") { text = String(text[..<end.lowerBound]) + "." }
        if text.count > 76, let clause = text.range(of: "; ") { text = String(text[..<clause.lowerBound]) + "." }
        return text
    }
}

/// A builtin's complaint about its arguments; the evaluator turns it into a runtime error
/// pointing at the argument (when known) or at the call.
public struct BuiltinError: Error {
    public var message: String
    /// Which of the call's arguments is at fault (index in the call as written).
    public var argumentIndex: Int?
    public init(_ message: String, argumentIndex: Int? = nil) {
        self.message = message
        self.argumentIndex = argumentIndex
    }
}

private extension Substring {
    func trimmingCharacters(in character: Character) -> Substring {
        var text = self
        while text.first == character { text = text.dropFirst() }
        while text.last == character { text = text.dropLast() }
        return text
    }
}
