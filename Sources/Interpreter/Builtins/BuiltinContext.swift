import Runtime

/// What a builtin can reach while it runs: the session (display, random generator, options,
/// interrupt flag), and a way to call nv functions (for `map`, `filter`, callbacks).
public struct BuiltinContext {
    public let session: Session
    let machine: Machine
    let span: SourceSpan
    let source: SourceText

    public var display: Display { session.display }
    public var options: SessionOptions { session.options }
    public var interrupt: StopFlag { session.interrupt }

    /// Calls an nv function value (user or builtin) with positional arguments.
    public func call(_ function: Value, _ arguments: [Value]) throws -> Value {
        try Calls.call(function, arguments, [], [], machine, span, source)
    }
}
