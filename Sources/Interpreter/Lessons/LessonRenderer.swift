/// Renders lesson blocks as terminal text: prose wrapped to `width` columns, headings underlined,
/// lists with hanging indents, formulas in Unicode, code indented. With `color`, ANSI styles
/// (bold, italic, colours) mark emphasis, code and formulas; without it, the text is plain and
/// inline code keeps its backticks so it still stands out in a log.
public struct LessonRenderer: Sendable {
    /// Columns prose is wrapped to.
    public var width: Int
    /// Whether to emit ANSI styles (a terminal, and `NO_COLOR` unset).
    public var color: Bool

    public init(width: Int = 80, color: Bool = false) {
        self.width = max(20, width)
        self.color = color
    }

    /// The blocks, each followed by a blank line.
    public func render(_ blocks: [Lesson.Block]) -> String {
        blocks.map { render($0) + "\n" }.joined()
    }

    /// One block, ending in a newline.
    public func render(_ block: Lesson.Block) -> String {
        switch block {
        case .heading(let level, let text):
            let body = wrap(InlineMarkdown.runs(text), indent: "", firstIndent: level >= 3 ? "▸ " : "",
                            base: level == 1 ? "1;36" : "1")
            let longest = body.split(separator: "\n").map { visibleWidth(String($0)) }.max() ?? 0
            switch level {
            case 1: return body + paint(String(repeating: "═", count: longest), "36") + "\n"
            case 2: return body + paint(String(repeating: "─", count: longest), "2") + "\n"
            default: return body
            }
        case .paragraph(let text):
            return wrap(InlineMarkdown.runs(text), indent: "", firstIndent: "")
        case .list(let items):
            let markerWidth = items.map { $0.marker.count }.max() ?? 1
            return items.map { item in
                let marker = item.marker.padding(to: markerWidth)
                return wrap(InlineMarkdown.runs(item.text), indent: String(repeating: " ", count: markerWidth + 3),
                            firstIndent: "  " + marker + " ")
            }.joined()
        case .quote(let text):
            return wrap(InlineMarkdown.runs(text), indent: paint("  │ ", "2"), firstIndent: paint("  │ ", "2"),
                        base: "3")
        case .formula(let tex):
            return "    " + paint(FormulaText.render(tex), "33") + "\n"
        case .verbatim(let rows):
            return renderTable(rows)
        case .code(let code):
            return renderCode(code)
        case .rule:
            return paint(String(repeating: "─", count: min(width, 40)), "2") + "\n"
        }
    }

    /// A `|` table as aligned columns: the header row (bold), a rule, then the rows, with
    /// inline markup rendered as plain text. Cells are split at every `|`.
    func renderTable(_ rows: [String]) -> String {
        let cells: [[String]] = rows.compactMap { row in
            var parts = row.split(separator: "|", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
            if parts.first == "" { parts.removeFirst() }
            if parts.last == "" { parts.removeLast() }
            let isRule = parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { "-:".contains($0) } }
            return isRule ? nil : parts.map(InlineMarkdown.plainText)
        }
        let columns = cells.map(\.count).max() ?? 0
        let widths = (0..<columns).map { column in
            cells.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0
        }
        func line(_ row: [String]) -> String {
            let padded = (0..<columns).map { column -> String in
                let text = column < row.count ? row[column] : ""
                return text + String(repeating: " ", count: widths[column] - text.count)
            }
            return "  " + padded.joined(separator: "   ").trimmingSpaces
        }
        guard let header = cells.first else { return "" }
        var text = "  " + paint(line(header).trimmingSpaces, "1") + "\n"
        let ruleWidth = widths.reduce(0, +) + 3 * max(0, columns - 1)
        text += "  " + paint(String(repeating: "─", count: ruleWidth), "2") + "\n"
        for row in cells.dropFirst() { text += line(row) + "\n" }
        return text
    }

    /// A code block, indented four columns so it stands apart and pastes as it is; nv code in
    /// colour with its comments dimmed.
    public func renderCode(_ code: Lesson.CodeBlock) -> String {
        code.text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let text = String(line)
            guard color else { return "    " + text + "\n" }
            if code.runs, let hash = Self.commentStart(text) {
                let source = String(text[..<hash]), comment = String(text[hash...])
                return "    " + paint(source, Self.codeColor) + paint(comment, "2") + "\n"
            }
            return "    " + paint(text, code.runs ? Self.codeColor : Self.otherCodeColor) + "\n"
        }.joined()
    }

    /// Where a `#` comment starts in a line of nv, outside string literals.
    static func commentStart(_ line: String) -> String.Index? {
        var inString = false
        var escaped = false
        for index in line.indices {
            let character = line[index]
            if escaped { escaped = false; continue }
            if character == "\\" { escaped = true; continue }
            if character == "\"" { inString.toggle() }
            if character == "#" && !inString { return index }
        }
        return nil
    }

    /// The colours of code, of code that does not run (another language, output) and of
    /// formulas: xterm-256 colours of middle luminance (about 0.18), which read at 4:1 or better
    /// on a white background and on a black one alike, where yellow and cyan were 1.5:1 on white.
    static let codeColor = "38;5;\(codePalette)"
    static let otherCodeColor = "38;5;\(otherCodePalette)"
    static let formulaColor = "38;5;\(formulaPalette)"
    /// #0087AF, #008700, #AF5F00 in the xterm palette.
    static let codePalette: UInt8 = 31
    static let otherCodePalette: UInt8 = 28
    static let formulaPalette: UInt8 = 130

    /// `text` in the ANSI style `code` when colour is on.
    func paint(_ text: String, _ code: String) -> String {
        color && !text.isEmpty ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// The ANSI parameters of an inline style (nil for plain).
    func styleCode(_ style: InlineMarkdown.Style) -> String? {
        switch style {
        case .plain: return nil
        case .strong: return "1"
        case .emphasis: return "3"
        case .code: return Self.codeColor
        case .formula: return Self.formulaColor
        case .link: return "4"
        case .dim: return "2"
        }
    }

    /// A word piece as shown: styled with colour, or plain (inline code in backticks).
    func styled(_ text: String, _ style: InlineMarkdown.Style, base: String?) -> String {
        guard color else { return style == .code ? "`\(text)`" : text }
        let codes = [base, styleCode(style)].compactMap { $0 }
        return codes.isEmpty ? text : "\u{1B}[\(codes.joined(separator: ";"))m\(text)\u{1B}[0m"
    }

    /// Runs wrapped into lines of at most `width` columns (a word longer than that gets a line
    /// of its own). Prose breaks at spaces, inline code never, a formula only when it is long.
    func wrap(_ runs: [InlineMarkdown.Run], indent: String, firstIndent: String, base: String? = nil) -> String {
        // words: each a list of styled pieces with its visible width
        var words: [(pieces: [String], width: Int)] = []
        var current: (pieces: [String], width: Int) = ([], 0)
        func endWord() {
            if current.width > 0 { words.append(current) }
            current = ([], 0)
        }
        for run in runs {
            let text = color || run.style != .code ? run.text : "`\(run.text)`"
            // Inline code never breaks; a formula breaks only when it is too long for half a line.
            let keepWhole = run.style == .code || run.style == .formula && text.count <= width / 2
            let parts = keepWhole ? [Substring(text)] : text.split(separator: " ", omittingEmptySubsequences: false)
            for (number, part) in parts.enumerated() {
                if number > 0 { endWord() }
                guard !part.isEmpty else { continue }
                current.pieces.append(color ? styled(String(part), run.style, base: base) : String(part))
                current.width += part.count
            }
        }
        endWord()
        var lines: [String] = []
        var line = firstIndent
        var lineWidth = visibleWidth(firstIndent)
        var lineHasWords = false
        let indentWidth = visibleWidth(indent)
        for word in words {
            if lineHasWords && lineWidth + 1 + word.width > width {
                lines.append(line)
                line = indent
                lineWidth = indentWidth
                lineHasWords = false
            }
            if lineHasWords {
                line += " "
                lineWidth += 1
            }
            line += word.pieces.joined()
            lineWidth += word.width
            lineHasWords = true
        }
        lines.append(line)
        return lines.joined(separator: "\n") + "\n"
    }

    /// Columns `text` takes on screen: characters outside ANSI escape sequences.
    func visibleWidth(_ text: String) -> Int {
        var count = 0
        var inEscape = false
        for character in text {
            if inEscape {
                if character.isLetter { inEscape = false }
            } else if character == "\u{1B}" {
                inEscape = true
            } else {
                count += 1
            }
        }
        return count
    }
}

private extension String {
    func padding(to length: Int) -> String {
        count >= length ? self : self + String(repeating: " ", count: length - count)
    }
}
