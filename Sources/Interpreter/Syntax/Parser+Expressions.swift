extension Parser {
    /// expression → or
    mutating func parseExpression() -> Expr {
        guard enter() else { return invalid(at: peek.span) }
        defer { depth -= 1 }
        return parseOr()
    }

    /// Parses a left-associative chain `operand (op operand)*`. Two operands make a plain
    /// binary node; more make one flat `chain` node, so a line of 100,000 `+` is not
    /// nesting (only brackets, blocks and prefix operators are).
    mutating func parseChain(_ operators: [Token.Kind: ChainOperator],
                             operand: (inout Parser) -> Expr) -> Expr {
        let first = operand(&self)
        var links: [ChainLink] = []
        while let op = operators[peek.kind] {
            advance()
            skipNewlines()
            let right = operand(&self)
            links.append(ChainLink(op: op, operand: right, span: span(from: first.span, to: right.span)))
            if panicking { break }
        }
        guard let last = links.last else { return first }
        guard links.count == 1 else { return Expr(kind: .chain(first, links), span: last.span) }
        switch last.op {
        case .binary(let op): return Expr(kind: .binary(op, first, last.operand), span: last.span)
        case .and: return Expr(kind: .and(first, last.operand), span: last.span)
        case .or: return Expr(kind: .or(first, last.operand), span: last.span)
        }
    }

    /// or → and ("or" and)*
    mutating func parseOr() -> Expr {
        parseChain([.keywordOr: .or]) { $0.parseAnd() }
    }

    /// and → not ("and" not)*
    mutating func parseAnd() -> Expr {
        parseChain([.keywordAnd: .and]) { $0.parseNot() }
    }

    /// not → "not" not | comparison
    mutating func parseNot() -> Expr {
        guard check(.keywordNot) else { return parseComparison() }
        let token = advance()
        guard enter() else { return invalid(at: token.span) }
        defer { depth -= 1 }
        let operand = parseNot()
        return Expr(kind: .not(operand), span: span(from: token.span, to: operand.span))
    }

    /// comparison → range (("==" | "!=" | "<" | "<=" | ">" | ">=") range)*
    mutating func parseComparison() -> Expr {
        parseChain([.equal: .binary(.equal), .notEqual: .binary(.notEqual), .less: .binary(.less),
                    .lessEqual: .binary(.lessEqual), .greater: .binary(.greater),
                    .greaterEqual: .binary(.greaterEqual)]) { $0.parseRange() }
    }

    /// range → additive (("..<" | "...") additive)?
    mutating func parseRange() -> Expr {
        let lower = parseAdditive()
        guard check(.halfOpenRange) || check(.closedRange) else { return lower }
        let inclusive = advance().kind == .closedRange
        skipNewlines()
        let upper = parseAdditive()
        return Expr(kind: .range(lower, upper, inclusive: inclusive), span: span(from: lower.span, to: upper.span))
    }

    /// additive → multiplicative (("+" | "-") multiplicative)*
    mutating func parseAdditive() -> Expr {
        parseChain([.plus: .binary(.add), .minus: .binary(.subtract)]) { $0.parseMultiplicative() }
    }

    /// multiplicative → unary (("*" | "/" | "%") unary)*
    mutating func parseMultiplicative() -> Expr {
        parseChain([.star: .binary(.multiply), .slash: .binary(.divide), .percent: .binary(.remainder)]) {
            $0.parseUnary()
        }
    }

    /// unary → "-" unary | power
    mutating func parseUnary() -> Expr {
        guard check(.minus) else { return parsePower() }
        let token = advance()
        guard enter() else { return invalid(at: token.span) }
        defer { depth -= 1 }
        let operand = parseUnary()
        if case .number(let value) = operand.kind {
            return Expr(kind: .number(-value), span: span(from: token.span, to: operand.span))
        }
        return Expr(kind: .negate(operand), span: span(from: token.span, to: operand.span))
    }

    /// power → postfix ("^" unary)?      (right-associative: 2^3^2 is 2^(3^2); -2^2 is -(2^2))
    mutating func parsePower() -> Expr {
        let base = parsePostfix()
        guard match(.caret) else { return base }
        skipNewlines()
        guard enter() else { return invalid(at: base.span) }
        defer { depth -= 1 }
        let exponent = parseUnary()
        return Expr(kind: .binary(.power, base, exponent), span: span(from: base.span, to: exponent.span))
    }

    /// postfix → primary ("(" arguments ")" | "[" expression "]" | "." NAME)*
    mutating func parsePostfix() -> Expr {
        var expression = parsePrimary()
        let startDepth = depth
        defer { depth = startDepth }
        while true {
            if check(.leftParen) {
                guard enter() else { return invalid(at: expression.span) }
                var arguments = parseArguments()
                if !inStatementHead, check(.leftBrace) { arguments.append(parseTrailingBlock()) }
                expression = Expr(kind: .call(expression, arguments), span: span(from: expression.span, to: previous.span))
            } else if check(.leftBracket) {
                guard enter() else { return invalid(at: expression.span) }
                advance()
                let index = parseExpression()
                expect(.rightBracket, "']' after the index")
                expression = Expr(kind: .index(expression, index), span: span(from: expression.span, to: previous.span))
            } else if check(.dot) {
                guard enter() else { return invalid(at: expression.span) }
                advance()
                guard let name = expect(.identifier, "a member name after '.'") else { return expression }
                expression = Expr(kind: .member(expression, name: name.name, nameSpan: name.span),
                                  span: span(from: expression.span, to: name.span))
            } else {
                return expression
            }
        }
    }

    /// trailing → block, on the line of the call's ")": a last argument that is a function of
    /// no parameters, as in `record("run.gif") { train(net) }`.
    mutating func parseTrailingBlock() -> Argument {
        let start = peek.span
        let body = parseBlock("the block after the call")
        let declaration = FunctionDeclaration(name: nil, parameters: [], body: body, headerSpan: start)
        return Argument(label: nil, labelSpan: nil,
                        value: Expr(kind: .function(declaration), span: span(from: start, to: previous.span)))
    }

    /// The head of `if`, `while` or `for`, where a call takes no trailing block.
    mutating func parseStatementHead() -> Expr {
        let saved = inStatementHead
        inStatementHead = true
        defer { inStatementHead = saved }
        return parseExpression()
    }

    /// arguments → "(" (argument ("," argument)* ","?)? ")";  argument → (NAME ":")? expression
    mutating func parseArguments() -> [Argument] {
        advance()
        var arguments: [Argument] = []
        while !check(.rightParen) && !check(.endOfInput) && !panicking {
            if check(.identifier), lookahead(1).kind == .colon {
                let label = advance()
                advance()
                arguments.append(Argument(label: label.name, labelSpan: label.span, value: parseExpression()))
            } else {
                arguments.append(Argument(label: nil, labelSpan: nil, value: parseExpression()))
            }
            if !match(.comma) { break }
        }
        expect(.rightParen, "')' to close the call")
        return arguments
    }

    /// primary → NUMBER | STRING | "true" | "false" | "nil" | NAME | list | parenthesized | record
    ///         | "{" block "}" | if | while | for | function
    mutating func parsePrimary() -> Expr {
        let token = peek
        switch token.kind {
        case .number:
            advance()
            return Expr(kind: .number(token.number), span: token.span)
        case .string:
            advance()
            return parseStringLiteral(token)
        case .keywordTrue, .keywordFalse:
            advance()
            return Expr(kind: .bool(token.kind == .keywordTrue), span: token.span)
        case .keywordNil:
            advance()
            return Expr(kind: .null, span: token.span)
        case .identifier:
            advance()
            return Expr(kind: .name(token.name), span: token.span)
        case .leftBracket:
            return parseList()
        case .leftParen:
            if lookahead(1).kind == .identifier, lookahead(2).kind == .colon { return parseRecord() }
            advance()
            let inner = parseExpression()
            expect(.rightParen, "')'")
            return Expr(kind: inner.kind, span: span(from: token.span, to: previous.span))
        case .leftBrace:
            let statements = parseBlock("the block")
            return Expr(kind: .block(statements), span: span(from: token.span, to: previous.span))
        case .keywordIf:
            return parseIf()
        case .keywordWhile:
            advance()
            let condition = parseStatementHead()
            let body = parseBlock("the body of 'while'")
            return Expr(kind: .whileLoop(condition: condition, body: body), span: span(from: token.span, to: previous.span))
        case .keywordFor:
            return parseFor()
        case .keywordFn:
            return parseFunction()
        default:
            report("expected an expression, found \(token.displayName)", at: token)
            return invalid(at: token.span)
        }
    }

    /// list → "[" (expression ("," expression)* ","?)? "]"
    mutating func parseList() -> Expr {
        let open = advance()
        var elements: [Expr] = []
        while !check(.rightBracket) && !check(.endOfInput) && !panicking {
            elements.append(parseExpression())
            if !match(.comma) { break }
        }
        expect(.rightBracket, "']' to close the list")
        return Expr(kind: .list(elements), span: span(from: open.span, to: previous.span))
    }

    /// record → "(" NAME ":" expression ("," NAME ":" expression)* ","? ")"
    mutating func parseRecord() -> Expr {
        let open = advance()
        var fields: [(name: String, value: Expr)] = []
        var seen = Set<String>()
        while !check(.rightParen) && !check(.endOfInput) && !panicking {
            guard let name = expect(.identifier, "a field name in the record") else { break }
            expect(.colon, "':' after the field name")
            if !seen.insert(name.name).inserted {
                report("duplicate field '\(name.name)' in record", span: name.span)
            }
            fields.append((name.name, parseExpression()))
            if !match(.comma) { break }
        }
        expect(.rightParen, "')' to close the record")
        return Expr(kind: .record(fields), span: span(from: open.span, to: previous.span))
    }

    /// if → "if" expression block ("else" (if | block))?
    mutating func parseIf() -> Expr {
        let keyword = advance()
        guard enter() else { return invalid(at: keyword.span) }
        defer { depth -= 1 }
        let condition = parseStatementHead()
        let then = parseBlock("the body of 'if'")
        var otherwise: Expr?
        var lookahead = current
        while tokens[lookahead].kind == .newline { lookahead += 1 }
        if tokens[lookahead].kind == .keywordElse {
            current = lookahead
            let elseToken = advance()
            if check(.keywordIf) {
                otherwise = parseIf()
            } else {
                let statements = parseBlock("the body of 'else'")
                otherwise = Expr(kind: .block(statements), span: span(from: elseToken.span, to: previous.span))
            }
        }
        return Expr(kind: .ifElse(condition: condition, then: then, otherwise: otherwise),
                    span: span(from: keyword.span, to: previous.span))
    }

    /// for → "for" NAME "in" expression block
    mutating func parseFor() -> Expr {
        let keyword = advance()
        guard let variable = expect(.identifier, "a loop variable name after 'for'") else { return invalid(at: keyword.span) }
        expect(.keywordIn, "'in' after the loop variable")
        let sequence = parseStatementHead()
        let body = parseBlock("the body of 'for'")
        return Expr(kind: .forLoop(variable: variable.name, variableSpan: variable.span, sequence: sequence, body: body),
                    span: span(from: keyword.span, to: previous.span))
    }

    /// function → "fn" NAME? "(" (NAME ("," NAME)* ","?)? ")" block
    mutating func parseFunction() -> Expr {
        let keyword = advance()
        var name: String?
        if check(.identifier) { name = advance().name }
        var parameters: [Parameter] = []
        var seen = Set<String>()
        if expect(.leftParen, "'(' and the parameter list") != nil {
            while !check(.rightParen) && !check(.endOfInput) && !panicking {
                guard let parameter = expect(.identifier, "a parameter name") else { break }
                if !seen.insert(parameter.name).inserted {
                    report("duplicate parameter '\(parameter.name)'", span: parameter.span)
                }
                parameters.append(Parameter(name: parameter.name, span: parameter.span))
                if !match(.comma) { break }
            }
            expect(.rightParen, "')' to close the parameter list")
        }
        let header = span(from: keyword.span, to: previous.span)
        let body = parseBlock("the body of the function")
        let declaration = FunctionDeclaration(name: name, parameters: parameters, body: body, headerSpan: header)
        return Expr(kind: .function(declaration), span: span(from: keyword.span, to: previous.span))
    }

    /// Turns a string token into a literal, or an interpolation whose code parts are parsed
    /// by nested parsers over their spans (so positions stay those of the whole source).
    mutating func parseStringLiteral(_ token: Token) -> Expr {
        if token.pieces.count == 1, case .text(let text) = token.pieces[0] {
            return Expr(kind: .string(text), span: token.span)
        }
        var pieces: [InterpolationPiece] = []
        for piece in token.pieces {
            switch piece {
            case .text(let text):
                pieces.append(.text(text))
            case .code(let codeSpan):
                guard depth + 1 <= Parser.maxDepth else {
                    report("string interpolation nested too deeply", span: codeSpan)
                    return invalid(at: token.span)
                }
                var inner = Parser(bytes: bytes, start: codeSpan.start, end: codeSpan.end,
                                   insideParentheses: true, depth: depth + 1)
                if inner.check(.endOfInput) {
                    inner.report("empty interpolation '\\()' in string", span: codeSpan)
                    issues.append(contentsOf: inner.issues)
                    continue
                }
                let expression = inner.parseExpression()
                if !inner.check(.endOfInput) {
                    inner.report("unexpected \(inner.peek.displayName) in string interpolation", at: inner.peek)
                }
                for var issue in inner.issues {
                    issue.atEndOfInput = false
                    if issues.count < Parser.maxIssues { issues.append(issue) }
                }
                pieces.append(.code(expression))
            }
        }
        return Expr(kind: .interpolation(pieces), span: token.span)
    }
}
