/// A problem found while lexing or parsing, before it becomes an `NVError`.
struct SyntaxIssue {
    var message: String
    var span: SourceSpan
    /// True when the problem is only that the input stopped too early (open bracket, block,
    /// string, or an operator at the end): the REPL then asks for another line.
    var atEndOfInput: Bool
}
