import Runtime

/// A lesson: a Markdown file whose ```nv blocks run, in order, in one session.
///
/// Only the Markdown the lessons and the README use is understood: `#` headings, paragraphs,
/// `-`/`*`/`1.` lists (continuation lines indented), `>` quotes, `---` rules, `$$…$$` display
/// formulas, `|` tables (kept as written) and fenced code. Inline markup is parsed later, by
/// `InlineMarkdown`, when a block is rendered.
public struct Lesson: Sendable {
    /// One block of the document, in order.
    public enum Block: Equatable, Sendable {
        case heading(level: Int, text: String)
        /// A paragraph's lines joined with spaces.
        case paragraph(String)
        case list([ListItem])
        case quote(String)
        /// A `$$…$$` formula on lines of its own (the TeX between the dollars).
        case formula(String)
        /// Lines shown as they are written (a table).
        case verbatim([String])
        case code(CodeBlock)
        case rule
    }

    /// One item of a list.
    public struct ListItem: Equatable, Sendable {
        /// `•` for a bullet, else the number with its dot (`1.`).
        public var marker: String
        public var text: String
    }

    /// A fenced code block.
    public struct CodeBlock: Equatable, Sendable {
        /// The word after the opening fence (`nv`, `sh`, or empty).
        public var language: String
        /// The lines between the fences, joined with newlines.
        public var text: String
        /// The 1-based line of the file where the code's first line is.
        public var line: Int

        /// True for the blocks that run: ```nv.
        public var runs: Bool { language == "nv" }

        /// The lines this block must print, from its `# expect: text` comments, in order.
        public var expectedOutput: [String] {
            text.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line in
                line.range(of: "# expect: ").map { String(line[$0.upperBound...]) }
            }
        }

        /// The text its error must contain, from an `# expect error: text` comment.
        public var expectedError: String? {
            for line in text.split(separator: "\n") {
                if let range = line.range(of: "# expect error: ") { return String(line[range.upperBound...]) }
            }
            return nil
        }
    }

    /// One step of the walkthrough: the prose before a ```nv block, then the block (nil for the
    /// prose after the last block).
    public struct Step: Sendable {
        public var prose: [Block]
        public var code: CodeBlock?
    }

    public var blocks: [Block]

    public init(blocks: [Block]) { self.blocks = blocks }

    /// The ```nv blocks, in order.
    public var runnableBlocks: [CodeBlock] {
        blocks.compactMap { block in
            if case .code(let code) = block, code.runs { return code }
            return nil
        }
    }

    /// The document cut after each ```nv block. The recorded results right after a block (its
    /// ```output and picture links, as a notebook or an export writes them) are left out: running
    /// the block shows them again.
    public var steps: [Step] {
        var steps: [Step] = []
        var prose: [Block] = []
        var afterCode = false
        for block in blocks {
            if case .code(let code) = block, code.runs {
                steps.append(Step(prose: prose, code: code))
                prose = []
                afterCode = true
            } else if afterCode && Self.isResult(block) {
                continue
            } else {
                prose.append(block)
                afterCode = false
            }
        }
        if !prose.isEmpty { steps.append(Step(prose: prose, code: nil)) }
        return steps
    }

    /// True for a block that records a result of the ```nv block before it: an ```output block,
    /// or a paragraph of picture links only.
    public static func isResult(_ block: Block) -> Bool {
        switch block {
        case .code(let code): return code.language == "output"
        case .paragraph(let text): return isPictureLine(text)
        default: return false
        }
    }

    /// True when `text` is nothing but picture links (`![alt](path)`), separated by spaces.
    public static func isPictureLine(_ text: String) -> Bool {
        var rest = Substring(text.trimmingSpaces)
        guard !rest.isEmpty else { return false }
        while !rest.isEmpty {
            guard rest.hasPrefix("!["), let close = rest.range(of: "]("),
                  let end = rest[close.upperBound...].firstIndex(of: ")") else { return false }
            rest = rest[rest.index(after: end)...].drop { $0 == " " }
        }
        return true
    }

    /// Parses Markdown `text` into blocks. It never fails: what it does not understand is a
    /// paragraph. An unclosed fence runs to the end of the file.
    /// Lines may end in LF or CRLF ("\r\n" is one Character, so splitting on "\n" alone would
    /// keep a CRLF file as one line).
    public static func parse(_ text: String) -> Lesson {
        var parser = BlockParser(lines: text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            .map(visibleLine))
        return Lesson(blocks: parser.parse())
    }

    /// A line of a lesson with its control characters (other than tabs) written as nv escapes
    /// (`\u{1b}`): a lesson may come from anyone, and an ESC in it must not drive the terminal
    /// when its prose or code is shown. Inside a string literal of a code block the escape
    /// stands for the same character, so the code runs as written.
    static func visibleLine(_ line: Substring) -> String {
        var out = ""
        for scalar in line.unicodeScalars {
            if scalar == "\t" { out.unicodeScalars.append(scalar) } else { VisibleText.append(scalar, to: &out) }
        }
        return out
    }
}

/// Reads lines into blocks; one method per kind of block.
private struct BlockParser {
    let lines: [String]
    var index = 0
    var blocks: [Lesson.Block] = []

    init(lines: [String]) { self.lines = lines }

    mutating func parse() -> [Lesson.Block] {
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmingSpaces
            if trimmed.isEmpty {
                index += 1
            } else if trimmed.hasPrefix("```") {
                fence(trimmed)
            } else if trimmed.hasPrefix("$$") {
                formula(trimmed)
            } else if let level = headingLevel(trimmed) {
                blocks.append(.heading(level: level, text: String(trimmed.dropFirst(level)).trimmingSpaces))
                index += 1
            } else if isRule(trimmed) {
                blocks.append(.rule)
                index += 1
            } else if trimmed.hasPrefix(">") {
                quote()
            } else if trimmed.hasPrefix("|") {
                table()
            } else if Self.listMarker(line) != nil {
                list()
            } else {
                paragraph()
            }
        }
        return blocks
    }

    /// fence := "```" language NEWLINE lines "```"
    mutating func fence(_ opening: String) {
        let language = String(opening.dropFirst(3)).trimmingSpaces
        let first = index + 1
        index += 1
        var body: [String] = []
        while index < lines.count, !lines[index].trimmingSpaces.hasPrefix("```") {
            body.append(lines[index])
            index += 1
        }
        index += 1
        blocks.append(.code(Lesson.CodeBlock(language: language, text: body.joined(separator: "\n"),
                                             line: first + 1)))
    }

    /// formula := "$$" tex "$$", on one line or several.
    mutating func formula(_ opening: String) {
        var tex = String(opening.dropFirst(2))
        index += 1
        if let end = tex.range(of: "$$") {
            blocks.append(.formula(String(tex[..<end.lowerBound]).trimmingSpaces))
            return
        }
        while index < lines.count {
            let line = lines[index]
            index += 1
            if let end = line.range(of: "$$") {
                tex += " " + line[..<end.lowerBound]
                break
            }
            tex += " " + line
        }
        blocks.append(.formula(tex.trimmingSpaces))
    }

    mutating func quote() {
        var text: [String] = []
        while index < lines.count, lines[index].trimmingSpaces.hasPrefix(">") {
            text.append(String(lines[index].trimmingSpaces.dropFirst()).trimmingSpaces)
            index += 1
        }
        blocks.append(.quote(text.joined(separator: " ")))
    }

    mutating func table() {
        var rows: [String] = []
        while index < lines.count, lines[index].trimmingSpaces.hasPrefix("|") {
            rows.append(lines[index].trimmingSpaces)
            index += 1
        }
        blocks.append(.verbatim(rows))
    }

    /// list := item+ ; item := marker text (NEWLINE indented-text)*
    mutating func list() {
        var items: [Lesson.ListItem] = []
        while index < lines.count, let (marker, text) = Self.listMarker(lines[index]) {
            var body = text
            index += 1
            while index < lines.count, lines[index].hasPrefix("  "), !lines[index].trimmingSpaces.isEmpty,
                  Self.listMarker(lines[index]) == nil
            {
                body += " " + lines[index].trimmingSpaces
                index += 1
            }
            items.append(Lesson.ListItem(marker: marker, text: body))
        }
        blocks.append(.list(items))
    }

    mutating func paragraph() {
        var text: [String] = []
        while index < lines.count {
            let trimmed = lines[index].trimmingSpaces
            if trimmed.isEmpty || trimmed.hasPrefix("```") || trimmed.hasPrefix("$$") || trimmed.hasPrefix(">")
                || headingLevel(trimmed) != nil || (Self.listMarker(lines[index]) != nil && !text.isEmpty
                    && !lines[index].hasPrefix(" "))
            { break }
            text.append(trimmed)
            index += 1
        }
        if text.isEmpty {
            // Defensive: never stop without consuming the line.
            text.append(lines[index].trimmingSpaces)
            index += 1
        }
        blocks.append(.paragraph(text.joined(separator: " ")))
    }

    func headingLevel(_ trimmed: String) -> Int? {
        let hashes = trimmed.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes) else { return nil }
        let rest = trimmed.dropFirst(hashes)
        return rest.isEmpty || rest.first == " " ? hashes : nil
    }

    func isRule(_ trimmed: String) -> Bool {
        trimmed.count >= 3 && (trimmed.allSatisfy { $0 == "-" } || trimmed.allSatisfy { $0 == "*" })
    }

    /// The marker and text of a list item line (`- text`, `* text`, `12. text`), else nil.
    static func listMarker(_ line: String) -> (String, String)? {
        let trimmed = line.trimmingSpaces
        if trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ") {
            return ("•", String(trimmed.dropFirst(2)).trimmingSpaces)
        }
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 3 else { return nil }
        let rest = trimmed.dropFirst(digits.count)
        guard rest.hasPrefix(". ") else { return nil }
        return (digits + ".", String(rest.dropFirst(2)).trimmingSpaces)
    }
}
