import Plots
import Runtime

/// Renders a lesson or notebook, with the results of its ```nv blocks, as one self-contained HTML
/// page: no file beside it, no network. Pictures are embedded as `data:` PNGs, formulas are the
/// terminal's Unicode rendering (`FormulaText`), nv code is highlighted by `NVHighlighter`.
public enum NotebookHTML {
    /// The page for `lesson` with `results` (one per ```nv block, in order; recorded results in
    /// the file are replaced by them). `picture` reads a picture the prose links to (a path as
    /// written), nil when it cannot: the picture is then shown as its alt text.
    public static func page(_ lesson: Lesson, results: [NotebookEntry], title: String,
                            picture: (String) -> [UInt8]?) -> String {
        var body = ""
        var block = 0
        var afterCode = false
        for item in lesson.blocks {
            if afterCode && Lesson.isResult(item) { continue }
            afterCode = false
            switch item {
            case .heading(let level, let text):
                let tag = "h\(min(max(level, 1), 6))"
                body += "<\(tag) id=\"\(slug(text))\">\(inline(text, picture: picture))</\(tag)>\n"
            case .paragraph(let text):
                body += Lesson.isPictureLine(text)
                    ? "<p class=\"pictures\">\(inline(text, picture: picture))</p>\n"
                    : "<p>\(inline(text, picture: picture))</p>\n"
            case .list(let items):
                let ordered = items.first.map { $0.marker != "•" } ?? false
                body += ordered ? "<ol>\n" : "<ul>\n"
                for entry in items { body += "<li>\(inline(entry.text, picture: picture))</li>\n" }
                body += ordered ? "</ol>\n" : "</ul>\n"
            case .quote(let text):
                body += "<blockquote><p>\(inline(text, picture: picture))</p></blockquote>\n"
            case .formula(let tex):
                body += "<div class=\"formula\" title=\"\(escape(tex))\">\(escape(FormulaText.render(tex)))</div>\n"
            case .verbatim(let rows):
                body += table(rows, picture: picture)
            case .rule:
                body += "<hr>\n"
            case .code(let code):
                guard code.runs else {
                    body += "<pre class=\"code other\"><code>\(escape(code.text))</code></pre>\n"
                    continue
                }
                body += "<pre class=\"code nv\"><code>\(NVHighlighter.html(code.text))</code></pre>\n"
                if block < results.count { body += resultsHTML(results[block]) }
                block += 1
                afterCode = true
            }
        }
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="nv --export">
            <title>\(escape(title))</title>
            <style>\(style)</style>
            </head>
            <body>
            <main>
            \(body)</main>
            </body>
            </html>

            """
    }

    /// A block's printed output and pictures.
    static func resultsHTML(_ entry: NotebookEntry) -> String {
        var html = ""
        var output = entry.output
        if let error = entry.error, !output.contains(error) { output += "error: " + error + "\n" }
        if !output.trimmingSpaces.isEmpty {
            let cls = entry.error != nil ? "output error" : "output"
            html += "<pre class=\"\(cls)\">\(escape(VisibleText.escapeKeepingLines(output)))</pre>\n"
        }
        for (k, png) in entry.pictures.enumerated() {
            html += "<figure><img src=\"\(dataURL(png))\" alt=\"picture \(k + 1) of this block\"></figure>\n"
        }
        return html
    }

    /// A `|` table: the first row is the header, a `---` row is dropped.
    static func table(_ rows: [String], picture: (String) -> [UInt8]?) -> String {
        func cells(_ row: String) -> [String] {
            var inner = Substring(row.trimmingSpaces)
            if inner.hasPrefix("|") { inner = inner.dropFirst() }
            if inner.hasSuffix("|") { inner = inner.dropLast() }
            return inner.split(separator: "|", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
        }
        var html = "<table>\n"
        for (n, row) in rows.enumerated() {
            let values = cells(row)
            if values.allSatisfy({ !$0.isEmpty && $0.allSatisfy { "-: ".contains($0) } }) { continue }
            let tag = n == 0 ? "th" : "td"
            html += "<tr>" + values.map { "<\(tag)>\(inline($0, picture: picture))</\(tag)>" }.joined() + "</tr>\n"
        }
        return html + "</table>\n"
    }

    /// Inline Markdown as HTML: `code`, **strong**, *emphasis*, `$formula$`, links, pictures.
    static func inline(_ text: String, picture: (String) -> [UInt8]?) -> String {
        let characters = Array(text)
        var html = ""
        var index = 0
        func find(_ closing: String, from start: Int) -> Int? {
            let target = Array(closing)
            var position = start
            while position + target.count <= characters.count {
                if Array(characters[position..<(position + target.count)]) == target { return position }
                position += 1
            }
            return nil
        }
        func link(at start: Int) -> (label: String, address: String, end: Int)? {
            guard let close = find("](", from: start + 1),
                  let end = characters[(close + 2)...].firstIndex(of: ")") else { return nil }
            return (String(characters[(start + 1)..<close]), String(characters[(close + 2)..<end]), end + 1)
        }
        while index < characters.count {
            let character = characters[index]
            let next: Character? = index + 1 < characters.count ? characters[index + 1] : nil
            if character == "\\", let next, "\\`*_$[]()#!".contains(next) {
                html += escape(String(next)); index += 2; continue
            }
            if character == "`", let end = find("`", from: index + 1) {
                html += "<code>\(escape(String(characters[(index + 1)..<end])))</code>"
                index = end + 1; continue
            }
            if (character == "*" || character == "_"), next == character,
               let end = find(String([character, character]), from: index + 2), end > index + 2 {
                html += "<strong>\(inline(String(characters[(index + 2)..<end]), picture: picture))</strong>"
                index = end + 2; continue
            }
            if (character == "*" || character == "_"), let next, !next.isWhitespace,
               let end = find(String(character), from: index + 1), end > index + 1,
               character == "*" || index == 0 || !characters[index - 1].isLetter {
                html += "<em>\(inline(String(characters[(index + 1)..<end]), picture: picture))</em>"
                index = end + 1; continue
            }
            if character == "$", let next, !next.isWhitespace, next != "$", let end = find("$", from: index + 1),
               !characters[end - 1].isWhitespace, end + 1 >= characters.count || !characters[end + 1].isNumber {
                let tex = String(characters[(index + 1)..<end])
                html += "<span class=\"math\" title=\"\(escape(tex))\">\(escape(FormulaText.render(tex)))</span>"
                index = end + 1; continue
            }
            if character == "!", next == "[", let (label, address, end) = link(at: index + 1) {
                if let png = picture(address) {
                    html += "<img src=\"\(dataURL(png))\" alt=\"\(escape(label))\">"
                } else {
                    html += "<span class=\"missing\">[picture: \(escape(label))]</span>"
                }
                index = end; continue
            }
            if character == "[", let (label, address, end) = link(at: index) {
                html += "<a href=\"\(escape(address))\">\(inline(label, picture: picture))</a>"
                index = end; continue
            }
            html += escape(String(character))
            index += 1
        }
        return html
    }

    static func dataURL(_ png: [UInt8]) -> String {
        "data:image/png;base64," + String(decoding: Base64.encode(png), as: UTF8.self)
    }

    /// An anchor name for a heading: lower-case letters and digits joined by hyphens.
    static func slug(_ text: String) -> String {
        let words = InlineMarkdown.plainText(text).lowercased().split { !($0.isLetter || $0.isNumber) }
        return words.joined(separator: "-")
    }

    /// `text` safe inside HTML text and attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }

    static let style = """
        body { margin: 0; background: #fdfdfb; color: #1d1d1f; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; }
        main { max-width: 52rem; margin: 0 auto; padding: 1.5rem 1.25rem 4rem; }
        h1, h2, h3 { line-height: 1.25; margin: 1.6em 0 0.5em; }
        h1 { font-size: 1.9rem; } h2 { font-size: 1.45rem; border-bottom: 1px solid #e4e4e0; padding-bottom: 0.2em; }
        code, pre { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.9em; }
        p code, li code, td code { background: #f0f0ec; padding: 0.05em 0.3em; border-radius: 3px; }
        pre { padding: 0.7rem 0.9rem; border-radius: 6px; overflow-x: auto; line-height: 1.4; }
        pre.code { background: #f4f6f8; border: 1px solid #e1e5ea; }
        pre.output { background: #ffffff; border: 1px dashed #cfd3d8; color: #333; margin-top: -0.4rem; }
        pre.output.error { border-color: #d9534f; color: #9b1c1c; }
        .formula { text-align: center; font-size: 1.15em; margin: 0.8em 0; font-family: "DejaVu Serif", Georgia, serif; }
        .math { font-family: "DejaVu Serif", Georgia, serif; color: #8a4b08; }
        figure { margin: 0.6rem 0 1.2rem; } figure img, p img { max-width: 100%; height: auto; border: 1px solid #e4e4e0; }
        blockquote { margin: 1em 0; padding: 0.2em 1em; border-left: 4px solid #c9d4e0; color: #444; }
        table { border-collapse: collapse; margin: 1em 0; } th, td { border: 1px solid #ddd; padding: 0.3em 0.6em; text-align: left; }
        .kw { color: #8e24aa; font-weight: 600; } .str { color: #2e7d32; } .num { color: #c75000; }
        .com { color: #7b8794; font-style: italic; } .fn { color: #1565c0; } .arg { color: #6d4c41; }
        .missing { color: #9b1c1c; }
        """
}
