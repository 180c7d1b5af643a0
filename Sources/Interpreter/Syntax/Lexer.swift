/// Turns source bytes into tokens with byte-offset spans.
///
/// Newlines are tokens (they end statements) except inside `(` and `[`, where they are skipped
/// so long calls and lists can span lines. Inside `{` they count again. String literals keep
/// the spans of their `\(...)` parts; the parser lexes those spans again as expressions.
struct Lexer {
    private let bytes: [UInt8]
    private var position: Int
    private let end: Int
    /// The open brackets, innermost last, to decide whether a newline is significant, with
    /// the offset of each (-1 for the implicit `(` around an interpolation's code).
    private var brackets: [(byte: UInt8, offset: Int)] = []
    private(set) var tokens: [Token] = []
    private(set) var issues: [SyntaxIssue] = []

    /// Lexes `bytes[start..<end]`. `insideParentheses` starts as if within `(`, used for the
    /// code of string interpolations.
    init(bytes: [UInt8], start: Int = 0, end: Int? = nil, insideParentheses: Bool = false) {
        self.bytes = bytes
        self.position = start
        self.end = end ?? bytes.count
        if insideParentheses { brackets = [(UInt8(ascii: "("), -1)] }
    }

    /// Lexes everything and returns the tokens, always ending with `.endOfInput`.
    mutating func tokenize() -> [Token] {
        while let token = nextToken() {
            if token.kind == .newline {
                if let open = brackets.last, open.byte != UInt8(ascii: "{") { continue }
                if tokens.last?.kind == .newline { continue }
            }
            tokens.append(token)
        }
        tokens.append(Token(kind: .endOfInput, span: SourceSpan(start: end, end: end)))
        return tokens
    }

    /// The brackets still open at the end of the input, innermost last: where a parse that
    /// ran out of input should point.
    var unclosedBrackets: [(byte: UInt8, offset: Int)] { brackets.filter { $0.offset >= 0 } }

    /// "'(' opened at 2:5 is never closed" for the bracket or interpolation that starts at
    /// `offset` (`opener` as the user typed it).
    static func neverClosed(_ opener: String, at offset: Int, in bytes: [UInt8]) -> String {
        var line = 1, lineStart = 0
        for index in 0..<min(offset, bytes.count) where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        let column = String(decoding: bytes[lineStart..<min(offset, bytes.count)], as: UTF8.self).count + 1
        return "'\(opener)' opened at \(line):\(column) is never closed"
    }

    private func peek(_ offset: Int = 0) -> UInt8 {
        position + offset < end ? bytes[position + offset] : 0
    }

    private mutating func nextToken() -> Token? {
        while position < end {
            let byte = bytes[position]
            let start = position
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                position += 1
            case UInt8(ascii: "#"):
                while position < end && bytes[position] != UInt8(ascii: "\n") { position += 1 }
            case UInt8(ascii: "\n"):
                position += 1
                return Token(kind: .newline, span: SourceSpan(start: start, end: position))
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                return lexNumber()
            case UInt8(ascii: "\""):
                return lexString()
            case _ where Lexer.isIdentifierStart(byte):
                while position < end && Lexer.isIdentifierPart(bytes[position]) { position += 1 }
                let name = String(decoding: bytes[start..<position], as: UTF8.self)
                let span = SourceSpan(start: start, end: position)
                if let keyword = Token.keywords[name] { return Token(kind: keyword, span: span) }
                return Token(kind: .identifier, span: span, name: name)
            default:
                if let kind = lexPunctuation() {
                    return Token(kind: kind, span: SourceSpan(start: start, end: position))
                }
                skipUnknownCharacter(from: start)
            }
        }
        return nil
    }

    static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || byte == UInt8(ascii: "_")
    }

    static func isIdentifierPart(_ byte: UInt8) -> Bool {
        isIdentifierStart(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// number → digits ("." digits)? (("e" | "E") ("+" | "-")? digits)?
    private mutating func lexNumber() -> Token {
        let start = position
        while Lexer.isDigit(peek()) || peek() == UInt8(ascii: "_") { position += 1 }
        if peek() == UInt8(ascii: "."), Lexer.isDigit(peek(1)) {
            position += 1
            while Lexer.isDigit(peek()) || peek() == UInt8(ascii: "_") { position += 1 }
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            let sign = peek(1) == UInt8(ascii: "+") || peek(1) == UInt8(ascii: "-") ? 1 : 0
            if Lexer.isDigit(peek(1 + sign)) {
                position += 1 + sign
                while Lexer.isDigit(peek()) { position += 1 }
            }
        }
        let span = SourceSpan(start: start, end: position)
        let text = String(decoding: bytes[start..<position], as: UTF8.self).replacingUnderscores()
        guard let value = Double(text) else {
            issues.append(SyntaxIssue(message: "malformed number '\(text)'", span: span, atEndOfInput: false))
            return Token(kind: .number, span: span, number: 0)
        }
        if !value.isFinite {
            issues.append(SyntaxIssue(message: "number \(text) is too large (the largest is about 1.8e308)",
                                      span: span, atEndOfInput: false))
            return Token(kind: .number, span: span, number: 0)
        }
        return Token(kind: .number, span: span, number: value)
    }

    /// string → '"' (character | escape | "\(" expression ")")* '"'
    private mutating func lexString() -> Token {
        let start = position
        position += 1
        var pieces: [Token.StringPiece] = []
        var text: [UInt8] = []
        while true {
            guard position < end else {
                issues.append(SyntaxIssue(message: "unterminated string",
                                          span: SourceSpan(start: start, end: start + 1), atEndOfInput: true))
                break
            }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") { position += 1; break }
            if byte != UInt8(ascii: "\\") { text.append(byte); position += 1; continue }
            let escapeStart = position
            position += 1
            let escaped = peek()
            position += 1
            switch escaped {
            case UInt8(ascii: "n"): text.append(10)
            case UInt8(ascii: "t"): text.append(9)
            case UInt8(ascii: "r"): text.append(13)
            case UInt8(ascii: "0"): text.append(0)
            case UInt8(ascii: "\\"), UInt8(ascii: "\""): text.append(escaped)
            case UInt8(ascii: "u"): lexUnicodeEscape(into: &text, escapeStart: escapeStart)
            case UInt8(ascii: "("):
                if !text.isEmpty { pieces.append(.text(String(decoding: text, as: UTF8.self))); text = [] }
                guard let close = matchingParenthesis(from: position) else {
                    issues.append(SyntaxIssue(message: Lexer.neverClosed("\\(", at: escapeStart, in: bytes) + " (in a string)",
                                              span: SourceSpan(start: escapeStart, end: escapeStart + 2),
                                              atEndOfInput: true))
                    position = end
                    return Token(kind: .string, span: SourceSpan(start: start, end: end), pieces: pieces)
                }
                pieces.append(.code(SourceSpan(start: position, end: close)))
                position = close + 1
            default:
                if position > end {
                    position = end
                    continue
                }
                let shown = String(decoding: bytes[escapeStart..<min(position, end)], as: UTF8.self)
                issues.append(SyntaxIssue(message: "unknown escape '\(shown)' in string (known: \\n \\t \\r \\0 \\\\ \\\" \\u{...} \\(...))",
                                          span: SourceSpan(start: escapeStart, end: min(position, end)),
                                          atEndOfInput: false))
            }
        }
        if !text.isEmpty || pieces.isEmpty { pieces.append(.text(String(decoding: text, as: UTF8.self))) }
        return Token(kind: .string, span: SourceSpan(start: start, end: position), pieces: pieces)
    }

    /// unicodeEscape → "\u{" hexDigits "}"
    private mutating func lexUnicodeEscape(into text: inout [UInt8], escapeStart: Int) {
        var digits = ""
        if peek() == UInt8(ascii: "{") {
            position += 1
            while position < end, bytes[position] != UInt8(ascii: "}"), digits.count < 8 {
                digits.append(Character(UnicodeScalar(bytes[position])))
                position += 1
            }
            if peek() == UInt8(ascii: "}") { position += 1 } else { digits = "" }
        }
        if let code = UInt32(digits, radix: 16), let scalar = UnicodeScalar(code) {
            text.append(contentsOf: Array(String(Character(scalar)).utf8))
        } else {
            issues.append(SyntaxIssue(message: "malformed unicode escape (write it like \\u{1F600})",
                                      span: SourceSpan(start: escapeStart, end: min(position, end)),
                                      atEndOfInput: false))
        }
    }

    /// The offset of the `)` closing an interpolation whose code starts at `start`, skipping
    /// nested strings and their own interpolations; nil when the input ends first. Iterative,
    /// so deeply nested strings cannot overflow the stack.
    private func matchingParenthesis(from start: Int) -> Int? {
        enum Mode { case code(depth: Int), string }
        var modes: [Mode] = [.code(depth: 0)]
        var i = start
        while i < end, let mode = modes.last {
            let byte = bytes[i]
            switch mode {
            case .code(let depth):
                if byte == UInt8(ascii: "\"") {
                    modes.append(.string)
                } else if byte == UInt8(ascii: "(") {
                    modes[modes.count - 1] = .code(depth: depth + 1)
                } else if byte == UInt8(ascii: ")") {
                    if depth == 0 {
                        modes.removeLast()
                        if modes.isEmpty { return i }
                    } else {
                        modes[modes.count - 1] = .code(depth: depth - 1)
                    }
                }
                i += 1
            case .string:
                if byte == UInt8(ascii: "\\") {
                    if i + 1 < end && bytes[i + 1] == UInt8(ascii: "(") { modes.append(.code(depth: 0)) }
                    i += 2
                } else {
                    if byte == UInt8(ascii: "\"") { modes.removeLast() }
                    i += 1
                }
            }
        }
        return nil
    }

    private mutating func lexPunctuation() -> Token.Kind? {
        let byte = peek()
        let next = peek(1)
        func take(_ count: Int, _ kind: Token.Kind) -> Token.Kind { position += count; return kind }
        switch byte {
        case UInt8(ascii: "+"): return next == UInt8(ascii: "=") ? take(2, .plusAssign) : take(1, .plus)
        case UInt8(ascii: "-"): return next == UInt8(ascii: "=") ? take(2, .minusAssign) : take(1, .minus)
        case UInt8(ascii: "*"): return next == UInt8(ascii: "=") ? take(2, .starAssign) : take(1, .star)
        case UInt8(ascii: "/"): return next == UInt8(ascii: "=") ? take(2, .slashAssign) : take(1, .slash)
        case UInt8(ascii: "%"): return take(1, .percent)
        case UInt8(ascii: "^"): return take(1, .caret)
        case UInt8(ascii: "="): return next == UInt8(ascii: "=") ? take(2, .equal) : take(1, .assign)
        case UInt8(ascii: "!"): return next == UInt8(ascii: "=") ? take(2, .notEqual) : nil
        case UInt8(ascii: "<"): return next == UInt8(ascii: "=") ? take(2, .lessEqual) : take(1, .less)
        case UInt8(ascii: ">"): return next == UInt8(ascii: "=") ? take(2, .greaterEqual) : take(1, .greater)
        case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
            brackets.append((byte, position))
            return take(1, byte == UInt8(ascii: "(") ? .leftParen : byte == UInt8(ascii: "[") ? .leftBracket : .leftBrace)
        case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
            if !brackets.isEmpty { brackets.removeLast() }
            return take(1, byte == UInt8(ascii: ")") ? .rightParen : byte == UInt8(ascii: "]") ? .rightBracket : .rightBrace)
        case UInt8(ascii: ","): return take(1, .comma)
        case UInt8(ascii: ":"): return take(1, .colon)
        case UInt8(ascii: ";"): return take(1, .semicolon)
        case UInt8(ascii: "."):
            if next == UInt8(ascii: "."), peek(2) == UInt8(ascii: "<") { return take(3, .halfOpenRange) }
            if next == UInt8(ascii: "."), peek(2) == UInt8(ascii: ".") { return take(3, .closedRange) }
            return take(1, .dot)
        default: return nil
        }
    }

    /// Reports one unexpected character (a whole UTF-8 sequence) and skips it.
    private mutating func skipUnknownCharacter(from start: Int) {
        position += 1
        while position < end && bytes[position] & 0xC0 == 0x80 { position += 1 }
        var span = SourceSpan(start: start, end: position)
        if let last = issues.last, last.span.end == start, last.message.hasPrefix("unexpected character") {
            span.start = last.span.start
            issues.removeLast()
        }
        let shown = String(decoding: bytes[span.start..<span.end], as: UTF8.self)
        let hints = ["!": "use 'not' for negation", "'": "strings use double quotes", "&&": "use 'and'",
                     "&": "use 'and'", "||": "use 'or'", "|": "use 'or'"]
        let hint = hints[shown].map { " (\($0))" } ?? ""
        issues.append(SyntaxIssue(message: "unexpected character '\(shown)'\(hint)", span: span, atEndOfInput: false))
    }
}

private extension String {
    func replacingUnderscores() -> String { String(filter { $0 != "_" }) }
}
