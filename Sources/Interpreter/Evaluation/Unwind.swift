/// Everything that leaves an expression early: errors and the jumps of `break`, `continue`
/// and `return`. Compiled code throws it with typed throws, so a jump costs no allocation.
/// `Error` asks for `Sendable`; an `Unwind` never leaves the evaluation thread it was thrown on
/// (the session converts it to an `NVError` before returning), hence the unchecked conformance.
enum Unwind: Error, @unchecked Sendable {
    case failure(RuntimeFailure)
    case breakLoop
    case continueLoop
    case returning(Value)

    /// A runtime error at `span` in `source`.
    static func error(_ message: String, _ span: SourceSpan, _ source: SourceText) -> Unwind {
        .failure(RuntimeFailure(message: message, span: span, source: source))
    }
}

/// The name and text of one chunk of source, shared by all code compiled from it, so errors
/// raised later (in a function defined in an earlier REPL entry) still point into the right text.
final class SourceText {
    let name: String
    let text: String
    init(name: String, text: String) {
        self.name = name
        self.text = text
    }
}

/// A runtime error on its way out: where it happened and the user-function calls it passed.
final class RuntimeFailure {
    let message: String
    let span: SourceSpan
    let source: SourceText
    /// Calls the error passed through, innermost first: the function and its call site.
    var chain: [(function: String, span: SourceSpan, source: SourceText)] = []

    init(message: String, span: SourceSpan, source: SourceText) {
        self.message = message
        self.span = span
        self.source = source
    }

    /// The error as the session reports it.
    var nvError: NVError {
        var error = NVError(kind: .runtime, message: message, span: span, file: source.name, source: source.text)
        error.callChain = chain.map { (function: $0.function, file: $0.source.name, span: $0.span, source: $0.source.text) }
        return error
    }
}
