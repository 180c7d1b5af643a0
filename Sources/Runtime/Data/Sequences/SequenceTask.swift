/// A sequence task: a vocabulary with printable token names, a training and a held-out test
/// split, and whether the model must read it causally (next-character prediction).
public struct SequenceTask: Sendable, Equatable {
    /// What it is, e.g. "reverse(length: 8, vocab: 10)".
    public var name: String
    /// The name of each token, indexed by token id.
    public var tokens: [String]
    public var train: SequenceSet
    public var test: SequenceSet
    /// True when a position may only see earlier ones (the target is the next token).
    public var causal: Bool
    /// Put between tokens when a sequence is written out: " " for digits, "" for characters.
    public var separator: String

    public init(name: String, tokens: [String], train: SequenceSet, test: SequenceSet, causal: Bool, separator: String) {
        self.name = name
        self.tokens = tokens
        self.train = train
        self.test = test
        self.causal = causal
        self.separator = separator
    }

    /// Tokens in the vocabulary.
    public var vocab: Int { tokens.count }
    /// Tokens per sequence.
    public var length: Int { train.length }

    /// The token ids of `text`: words split on spaces when tokens are separated, else characters.
    /// - Throws: `RuntimeError` naming the first piece that is not a token.
    public func encode(_ text: String, what: String = "attend") throws -> [Int32] {
        let pieces = separator.isEmpty ? text.map { String($0) } : text.split(separator: " ").map(String.init)
        var index: [String: Int32] = [:]
        for (i, t) in tokens.enumerated() { index[t] = Int32(i) }
        return try pieces.enumerated().map { position, piece in
            guard let id = index[piece] ?? index[Self.shown(piece)] else {
                let known = tokens.count <= 16 ? " (tokens: \(tokens.map(Self.shown).joined(separator: " ")))" : ""
                throw RuntimeError("\(what): '\(visible(piece))' at position \(position + 1) is not in the vocabulary of \(name)\(known)")
            }
            return id
        }
    }

    /// The tokens written out with the separator, names made visible.
    public func decode(_ ids: [Int32]) -> String {
        ids.map { $0 >= 0 && Int($0) < tokens.count ? (separator.isEmpty ? tokens[Int($0)] : Self.shown(tokens[Int($0)])) : "?" }
            .joined(separator: separator)
    }

    /// A token's name as drawn on a map: space as ␣, newline as ↵, tab as ⇥.
    public static func shown(_ token: String) -> String {
        switch token {
        case " ": "␣"
        case "\n": "↵"
        case "\t": "⇥"
        default: visible(token)
        }
    }
}
