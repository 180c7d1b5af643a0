/// A range of UTF-8 byte offsets into a source text, `start` inclusive, `end` exclusive.
public struct SourceSpan: Equatable, Sendable {
    public var start: Int
    public var end: Int
    public init(start: Int, end: Int) { self.start = start; self.end = end }
}

/// Every error nv reports to a user: a kind, a message, and where in which source it happened.
public struct NVError: Error, Sendable {
    /// What went wrong, which decides how the REPL and scripts react.
    public enum Kind: Sendable, Equatable {
        /// The source is malformed.
        case syntax
        /// The source ends inside an open bracket, block or string: the REPL asks for more.
        case incomplete
        /// Evaluation failed.
        case runtime
    }

    public var kind: Kind
    public var message: String
    public var span: SourceSpan
    /// The file path or pseudo-name ("<repl:3>", "-e") of the source.
    public var file: String
    /// The whole source text the span points into.
    public var source: String
    /// For runtime errors inside user functions: the calls that led here, innermost first.
    public var callChain: [(function: String, file: String, span: SourceSpan, source: String)] = []
    /// Further errors found in the same run (the parser recovers and reports several syntax
    /// errors at once), in source order after this one.
    public var additional: [NVError] = []

    public init(kind: Kind, message: String, span: SourceSpan, file: String, source: String) {
        self.kind = kind
        self.message = message
        self.span = span
        self.file = file
        self.source = source
    }

    /// Exit status of a script that stopped on this error: 65 for syntax, 70 for runtime
    /// (sysexits.h's EX_DATAERR and EX_SOFTWARE; usage errors exit 64).
    public var exitCode: Int32 { kind == .runtime ? 70 : 65 }
}
