/// Recursive-descent parser: one method per grammar rule, the rule as its first doc line.
///
/// On an error it records an issue and skips to the next statement boundary, so one run can
/// report several mistakes. Nesting is limited to `maxDepth` levels so that adversarial input
/// such as 100,000 open parentheses ends in an error instead of a stack overflow.
struct Parser {
    /// The deepest nesting of expressions and blocks accepted.
    static let maxDepth = 200
    /// After this many errors the parser stops reporting more.
    static let maxIssues = 10

    let bytes: [UInt8]
    var tokens: [Token]
    var current = 0
    var depth: Int
    var issues: [SyntaxIssue] = []
    /// Set when an error is recorded until the parser resynchronises.
    var panicking = false
    /// True while parsing the head of `if`, `while` or `for`, where a `{` after a call opens the
    /// statement's body, not a trailing block of the call.
    var inStatementHead = false
    /// Brackets the lexer found open at the end of the input, innermost last: a parse that
    /// runs out of input reports the innermost one, where the mistake is, not the end.
    let unclosedBrackets: [(byte: UInt8, offset: Int)]

    /// Parses `bytes[start..<end]`; `depth` is the nesting already used by an enclosing parse
    /// (string interpolations are parsed by a nested parser).
    init(bytes: [UInt8], start: Int = 0, end: Int? = nil, insideParentheses: Bool = false, depth: Int = 0) {
        var lexer = Lexer(bytes: bytes, start: start, end: end, insideParentheses: insideParentheses)
        self.bytes = bytes
        self.tokens = lexer.tokenize()
        self.issues = lexer.issues
        self.unclosedBrackets = lexer.unclosedBrackets
        self.depth = depth
    }

    /// Parses a whole program.
    static func parse(_ source: String) -> (program: [Expr], issues: [SyntaxIssue]) {
        var parser = Parser(bytes: Array(source.utf8))
        let program = parser.parseProgram()
        return (program, parser.issues)
    }

    // MARK: - Token helpers

    var peek: Token { tokens[current] }
    var previous: Token { tokens[max(current - 1, 0)] }

    /// The token `offset` places ahead (the end-of-input token past the end).
    func lookahead(_ offset: Int) -> Token { tokens[min(current + offset, tokens.count - 1)] }

    func check(_ kind: Token.Kind) -> Bool { tokens[current].kind == kind }

    @discardableResult
    mutating func advance() -> Token {
        let token = tokens[current]
        if token.kind != .endOfInput { current += 1 }
        return token
    }

    mutating func match(_ kind: Token.Kind) -> Bool {
        guard check(kind) else { return false }
        advance()
        return true
    }

    mutating func skipNewlines() {
        while check(.newline) { advance() }
    }

    /// Consumes a token of `kind` or reports "expected ..." at the current token.
    @discardableResult
    mutating func expect(_ kind: Token.Kind, _ what: String) -> Token? {
        if check(kind) { return advance() }
        report("expected \(what), found \(peek.displayName)", at: peek)
        return nil
    }

    mutating func report(_ message: String, at token: Token) {
        report(message, span: token.span, atEndOfInput: token.kind == .endOfInput)
    }

    mutating func report(_ message: String, span: SourceSpan, atEndOfInput: Bool = false) {
        if panicking { return }
        panicking = true
        if atEndOfInput, let open = unclosedBrackets.last {
            let opener = String(UnicodeScalar(open.byte))
            let issue = SyntaxIssue(message: Lexer.neverClosed(opener, at: open.offset, in: bytes),
                                    span: SourceSpan(start: open.offset, end: open.offset + 1), atEndOfInput: true)
            if issues.count < Parser.maxIssues { issues.append(issue) }
            return
        }
        if issues.count < Parser.maxIssues {
            issues.append(SyntaxIssue(message: message, span: span, atEndOfInput: atEndOfInput))
        }
    }

    /// Enters one level of nesting; false (with an error) when the limit is reached.
    mutating func enter() -> Bool {
        depth += 1
        if depth > Parser.maxDepth {
            report("expression nested too deeply (more than \(Parser.maxDepth) levels)", at: peek)
            return false
        }
        return true
    }

    func invalid(at span: SourceSpan) -> Expr { Expr(kind: .invalid, span: span) }

    func span(from start: SourceSpan, to end: SourceSpan) -> SourceSpan {
        SourceSpan(start: start.start, end: max(end.end, start.start))
    }

    // MARK: - Statements

    /// program → (statement (NEWLINE | ";"))* EOF
    mutating func parseProgram() -> [Expr] {
        var statements: [Expr] = []
        while true {
            skipSeparators()
            if check(.endOfInput) { break }
            if check(.rightBrace) || check(.rightParen) || check(.rightBracket) {
                report("unmatched \(peek.displayName)", at: peek)
                advance()
                synchronize()
                continue
            }
            statements.append(parseStatementAndTerminator())
        }
        return statements
    }

    mutating func skipSeparators() {
        while check(.newline) || check(.semicolon) { advance() }
    }

    /// A statement followed by its terminator (a newline, ";", a closing "}" or the end).
    mutating func parseStatementAndTerminator() -> Expr {
        let statement = parseStatement()
        if !(check(.newline) || check(.semicolon) || check(.rightBrace) || check(.endOfInput)) {
            report("expected end of statement (a new line or ';'), found \(peek.displayName)", at: peek)
        }
        if panicking { synchronize() }
        return statement
    }

    /// Skips tokens up to the next statement boundary at the current nesting and clears the
    /// error state.
    mutating func synchronize() {
        var nesting = 0
        while !check(.endOfInput) {
            switch peek.kind {
            case .leftBrace, .leftParen, .leftBracket: nesting += 1
            case .rightBrace:
                if nesting == 0 { panicking = false; return }
                nesting -= 1
            case .rightParen, .rightBracket:
                if nesting > 0 { nesting -= 1 }
            case .newline, .semicolon:
                if nesting == 0 { panicking = false; return }
            default: break
            }
            advance()
        }
        panicking = false
    }

    /// statement → "return" expression? | "break" | "continue" | expression (assignOp expression)?
    mutating func parseStatement() -> Expr {
        let token = peek
        switch token.kind {
        case .keywordReturn:
            advance()
            if check(.newline) || check(.semicolon) || check(.rightBrace) || check(.endOfInput) {
                return Expr(kind: .returnValue(nil), span: token.span)
            }
            let value = parseExpression()
            return Expr(kind: .returnValue(value), span: span(from: token.span, to: value.span))
        case .keywordBreak:
            advance()
            return Expr(kind: .breakLoop, span: token.span)
        case .keywordContinue:
            advance()
            return Expr(kind: .continueLoop, span: token.span)
        default:
            return parseAssignment()
        }
    }

    /// assignment → expression (("=" | "+=" | "-=" | "*=" | "/=") expression)?
    mutating func parseAssignment() -> Expr {
        let target = parseExpression()
        let compound: [Token.Kind: BinaryOperator] = [
            .plusAssign: .add, .minusAssign: .subtract, .starAssign: .multiply, .slashAssign: .divide,
        ]
        guard check(.assign) || compound[peek.kind] != nil else { return target }
        let operatorToken = advance()
        skipNewlines()
        var value = parseExpression()
        switch target.kind {
        case .name, .member, .index: break
        case .invalid: return target
        default:
            report("cannot assign to this expression (only to a name, a member or an index)", span: target.span)
            return invalid(at: target.span)
        }
        if let op = compound[operatorToken.kind] {
            if case .name = target.kind {
                value = Expr(kind: .binary(op, target, value), span: span(from: target.span, to: value.span))
            } else {
                return Expr(kind: .compoundAssign(op, target: target, value: value),
                            span: span(from: target.span, to: value.span))
            }
        }
        return Expr(kind: .assign(target: target, value: value), span: span(from: target.span, to: value.span))
    }

    /// block → "{" (statement (NEWLINE | ";"))* "}"
    mutating func parseBlock(_ context: String) -> [Expr] {
        guard expect(.leftBrace, "'{' to start \(context)") != nil else { return [] }
        guard enter() else { return [] }
        defer { depth -= 1 }
        var statements: [Expr] = []
        while true {
            skipSeparators()
            if check(.rightBrace) { advance(); break }
            if check(.endOfInput) {
                report("expected '}' to close \(context)", at: peek)
                break
            }
            if check(.rightParen) || check(.rightBracket) {
                report("unmatched \(peek.displayName)", at: peek)
                advance()
                synchronize()
                continue
            }
            statements.append(parseStatementAndTerminator())
        }
        return statements
    }
}
