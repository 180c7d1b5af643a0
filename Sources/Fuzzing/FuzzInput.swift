/// The two streams of inputs a run draws from.
public enum InputKind: String, Sendable, CaseIterable {
    /// nv source: generated from the grammar, calls of every builtin, mutated scripts.
    case program
    /// A mutated PNG, IDX, safetensors, CNN config or CSV file, opened by a short program.
    case file
}

/// One fuzz input: a program and the files it reads (names relative to the folder it runs in).
public struct FuzzInput: Sendable {
    /// What the input must do, beyond not crashing.
    public enum Expectation: Sendable, Equatable {
        /// Any value or error is fine.
        case anything
        /// The program computes a fact about itself: its value must print as `true`
        /// (an error that is not the step budget is also accepted).
        case echoesTrue
    }

    public var kind: InputKind
    /// Which generator or mutator made it ("grammar", "builtins", "png", ...), for the report.
    public var family: String
    public var program: String
    /// Data files the program opens, by file name.
    public var files: [(name: String, bytes: [UInt8])]
    public var expectation: Expectation
    /// True when the input's text comes from file data: then what nv prints about it must not
    /// carry terminal control characters.
    public var fromFileData: Bool

    public init(kind: InputKind, family: String, program: String, files: [(name: String, bytes: [UInt8])] = [],
                expectation: Expectation = .anything, fromFileData: Bool = false) {
        self.kind = kind
        self.family = family
        self.program = program
        self.files = files
        self.expectation = expectation
        self.fromFileData = fromFileData
    }

    /// Size of the input in bytes (program and files), to prefer small reproducers.
    public var size: Int { program.utf8.count + files.reduce(0) { $0 + $1.bytes.count } }
}
