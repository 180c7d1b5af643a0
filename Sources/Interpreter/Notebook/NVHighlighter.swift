/// Colours nv code for HTML: keywords, strings, numbers, comments, called names and argument
/// labels, each as a `<span class>`; everything else escaped as it is. It reads characters, not
/// the parser's tokens, so code with a mistake in it (a lesson showing an error) still colours.
enum NVHighlighter {
    static let keywords: Set<String> = ["fn", "if", "else", "for", "in", "while", "break", "continue",
                                        "return", "true", "false", "nil", "and", "or", "not"]

    static func html(_ code: String) -> String {
        let characters = Array(code)
        var html = ""
        var index = 0
        func span(_ cls: String, _ text: String) { html += "<span class=\"\(cls)\">\(NotebookHTML.escape(text))</span>" }
        while index < characters.count {
            let character = characters[index]
            if character == "#" {
                var end = index
                while end < characters.count && characters[end] != "\n" { end += 1 }
                span("com", String(characters[index..<end]))
                index = end
            } else if character == "\"" {
                var end = index + 1
                while end < characters.count && characters[end] != "\"" && characters[end] != "\n" {
                    end += characters[end] == "\\" ? 2 : 1
                }
                end = min(end + 1, characters.count)
                span("str", String(characters[index..<end]))
                index = end
            } else if character.isNumber || (character == "." && index + 1 < characters.count
                        && characters[index + 1].isNumber && (index == 0 || !characters[index - 1].isLetter)) {
                var end = index
                while end < characters.count, characters[end].isNumber || characters[end] == "_"
                        || (characters[end] == "." && end + 1 < characters.count && characters[end + 1].isNumber)
                        || ((characters[end] == "e" || characters[end] == "E") && end + 1 < characters.count
                            && (characters[end + 1].isNumber || characters[end + 1] == "-")) {
                    end += (characters[end] == "e" || characters[end] == "E") ? 2 : 1
                }
                span("num", String(characters[index..<min(end, characters.count)]))
                index = min(end, characters.count)
            } else if character.isLetter || character == "_" {
                var end = index
                while end < characters.count && (characters[end].isLetter || characters[end].isNumber || characters[end] == "_") {
                    end += 1
                }
                let word = String(characters[index..<end])
                let following = characters[end...].first { $0 != " " }
                if keywords.contains(word) {
                    span("kw", word)
                } else if following == "(" {
                    span("fn", word)
                } else if following == ":" {
                    span("arg", word)
                } else {
                    html += NotebookHTML.escape(word)
                }
                index = end
            } else {
                html += NotebookHTML.escape(String(character))
                index += 1
            }
        }
        return html
    }
}
