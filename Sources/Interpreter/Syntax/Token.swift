/// One lexical token: its kind, where it is, and the payload of literals and names.
struct Token {
    /// What kind of token this is.
    enum Kind: Equatable {
        case number, string, identifier
        case keywordFn, keywordIf, keywordElse, keywordFor, keywordIn, keywordWhile
        case keywordBreak, keywordContinue, keywordReturn
        case keywordTrue, keywordFalse, keywordNil, keywordAnd, keywordOr, keywordNot
        case plus, minus, star, slash, percent, caret
        case assign, plusAssign, minusAssign, starAssign, slashAssign
        case equal, notEqual, less, lessEqual, greater, greaterEqual
        case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace
        case comma, colon, semicolon, dot, halfOpenRange, closedRange
        case newline, endOfInput
    }

    /// A piece of a string literal: literal text, or the source span of an interpolated `\(...)`.
    enum StringPiece {
        case text(String)
        case code(SourceSpan)
    }

    var kind: Kind
    var span: SourceSpan
    /// The identifier's name (identifiers only).
    var name: String = ""
    /// The literal's value (numbers only).
    var number: Double = 0
    /// The literal's pieces (strings only).
    var pieces: [StringPiece] = []

    /// Reserved words and the kinds they lex to.
    static let keywords: [String: Kind] = [
        "fn": .keywordFn, "if": .keywordIf, "else": .keywordElse, "for": .keywordFor,
        "in": .keywordIn, "while": .keywordWhile, "break": .keywordBreak,
        "continue": .keywordContinue, "return": .keywordReturn, "true": .keywordTrue,
        "false": .keywordFalse, "nil": .keywordNil, "and": .keywordAnd, "or": .keywordOr,
        "not": .keywordNot,
    ]

    /// How the token reads in an error message ("')'", "end of input", "name 'x'").
    var displayName: String {
        switch kind {
        case .number: return "number"
        case .string: return "string"
        case .identifier: return "name '\(name)'"
        case .newline: return "end of line"
        case .endOfInput: return "end of input"
        default:
            if let keyword = Token.keywords.first(where: { $0.value == kind }) { return "'\(keyword.key)'" }
            return "'\(Token.symbols[kind] ?? "?")'"
        }
    }

    /// The spelling of each punctuation kind.
    static let symbols: [Kind: String] = [
        .plus: "+", .minus: "-", .star: "*", .slash: "/", .percent: "%", .caret: "^",
        .assign: "=", .plusAssign: "+=", .minusAssign: "-=", .starAssign: "*=", .slashAssign: "/=",
        .equal: "==", .notEqual: "!=", .less: "<", .lessEqual: "<=", .greater: ">",
        .greaterEqual: ">=", .leftParen: "(", .rightParen: ")", .leftBracket: "[",
        .rightBracket: "]", .leftBrace: "{", .rightBrace: "}", .comma: ",", .colon: ":",
        .semicolon: ";", .dot: ".", .halfOpenRange: "..<", .closedRange: "...",
    ]
}
