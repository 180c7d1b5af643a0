/// Inline Markdown inside a block: `code`, **strong**, *emphasis* / _emphasis_, `$formula$`,
/// [links](url) and ![pictures](path), split into styled runs of text.
public enum InlineMarkdown {
    /// How a run of text is shown.
    public enum Style: Equatable, Sendable {
        case plain, strong, emphasis, code, formula, link, dim
    }

    /// A run of text in one style.
    public struct Run: Equatable, Sendable {
        public var text: String
        public var style: Style
        public init(_ text: String, _ style: Style) {
            self.text = text
            self.style = style
        }
    }

    /// The runs of `text`. A `$…$` formula is already turned into Unicode; a link becomes its
    /// text followed by the address (dim), a picture becomes `[picture: alt]`. Markers that do
    /// not close are kept as written.
    public static func runs(_ text: String) -> [Run] {
        let characters = Array(text)
        var result: [Run] = []
        var plain = ""
        var index = 0
        func flush() {
            if !plain.isEmpty { result.append(Run(plain, .plain)) }
            plain = ""
        }
        func find(_ closing: String, from start: Int) -> Int? {
            let marker = Array(closing)
            var position = start
            while position + marker.count <= characters.count {
                if Array(characters[position..<position + marker.count]) == marker { return position }
                position += 1
            }
            return nil
        }
        while index < characters.count {
            let character = characters[index]
            let next: Character? = index + 1 < characters.count ? characters[index + 1] : nil
            let previous: Character? = index > 0 ? characters[index - 1] : nil
            switch character {
            case "\\" where next.map { "\\`*_$[]()#!".contains($0) } == true:
                plain.append(next!)
                index += 2
            case "`":
                if let end = find("`", from: index + 1) {
                    flush()
                    result.append(Run(String(characters[(index + 1)..<end]), .code))
                    index = end + 1
                } else {
                    plain.append(character)
                    index += 1
                }
            case "*" where next == "*", "_" where next == "_":
                let marker = String([character, character])
                if let end = find(marker, from: index + 2), end > index + 2 {
                    flush()
                    for run in InlineMarkdown.runs(String(characters[(index + 2)..<end])) {
                        result.append(Run(run.text, run.style == .plain ? .strong : run.style))
                    }
                    index = end + 2
                } else {
                    plain.append(character)
                    index += 1
                }
            case "*", "_":
                let opensWord = next.map { !$0.isWhitespace } ?? false
                    && (previous.map { !$0.isLetter && !$0.isNumber } ?? true)
                if opensWord, let end = find(String(character), from: index + 1), end > index + 1,
                   !characters[end - 1].isWhitespace,
                   end + 1 >= characters.count || !(characters[end + 1].isLetter || characters[end + 1].isNumber)
                {
                    flush()
                    for run in InlineMarkdown.runs(String(characters[(index + 1)..<end])) {
                        result.append(Run(run.text, run.style == .plain ? .emphasis : run.style))
                    }
                    index = end + 1
                } else {
                    plain.append(character)
                    index += 1
                }
            case "$":
                if let next, !next.isWhitespace, next != "$", let end = find("$", from: index + 1),
                   !characters[end - 1].isWhitespace,
                   end + 1 >= characters.count || !characters[end + 1].isNumber
                {
                    flush()
                    result.append(Run(FormulaText.render(String(characters[(index + 1)..<end])), .formula))
                    index = end + 1
                } else {
                    plain.append(character)
                    index += 1
                }
            case "!" where next == "[":
                if let (label, address, end) = link(characters, at: index + 1) {
                    flush()
                    result.append(Run("[picture: \(label)]", .dim))
                    _ = address
                    index = end
                } else {
                    plain.append(character)
                    index += 1
                }
            case "[":
                if let (label, address, end) = link(characters, at: index) {
                    flush()
                    for run in InlineMarkdown.runs(label) {
                        result.append(Run(run.text, run.style == .plain ? .link : run.style))
                    }
                    if !address.hasPrefix("#") { result.append(Run(" (\(address))", .dim)) }
                    index = end
                } else {
                    plain.append(character)
                    index += 1
                }
            default:
                plain.append(character)
                index += 1
            }
        }
        flush()
        return result
    }

    /// `[label](address)` starting at `start`: the label, the address and the index after it.
    private static func link(_ characters: [Character], at start: Int) -> (String, String, Int)? {
        guard characters[start] == "[" else { return nil }
        var depth = 0
        var position = start
        while position < characters.count {
            if characters[position] == "[" { depth += 1 }
            if characters[position] == "]" {
                depth -= 1
                if depth == 0 { break }
            }
            position += 1
        }
        guard position + 1 < characters.count, characters[position + 1] == "(",
              let close = characters[(position + 2)...].firstIndex(of: ")") else { return nil }
        return (String(characters[(start + 1)..<position]), String(characters[(position + 2)..<close]), close + 1)
    }

    /// The text without markup, as a reader would say it.
    public static func plainText(_ text: String) -> String {
        runs(text).map(\.text).joined()
    }
}
