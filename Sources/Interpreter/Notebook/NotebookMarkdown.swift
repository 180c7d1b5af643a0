/// Writes notebooks as Markdown in the lesson format, so that a saved session, an exported lesson
/// and a lesson are one format that `nv FILE.md` replays.
///
/// After each ```nv block come its results: what it printed as an ```output block, and its
/// pictures as image links to PNG files in a folder next to the Markdown (relative paths, so the
/// pair can be moved together). The lesson runner skips results that follow a block
/// (`Lesson.isResult`), since running the block shows them again.
public enum NotebookMarkdown {
    /// A picture file: its path relative to the Markdown file, and its PNG bytes.
    public struct Picture: Equatable, Sendable {
        public var path: String
        public var png: [UInt8]
    }

    /// The Markdown of a REPL session's `entries`, with pictures named `folder/entry-NNN-K.png`.
    /// An entry that failed gets an `# expect error:` comment, so that its replay shows the error
    /// and goes on, as the session did.
    public static func session(_ entries: [NotebookEntry], folder: String) -> (markdown: String, pictures: [Picture]) {
        var text = "# nv session\n\nSaved from the nv REPL with `:save`. `nv` replays this file step by step"
            + " (`--no-pause` straight through); `nv --export DIR` renders it to HTML.\n"
        var pictures: [Picture] = []
        for (n, entry) in entries.enumerated() {
            var code = entry.code
            if let error = entry.error, code.range(of: "# expect error: ") == nil {
                let firstLine = error.split(separator: "\n").first.map(String.init) ?? error
                code += "\n# expect error: " + firstLine
            }
            text += "\n" + fenced(code, language: "nv")
            let (results, files) = results(of: entry, name: "entry-" + padded(n + 1), folder: folder)
            text += results
            pictures += files
        }
        return (text, pictures)
    }

    /// `lesson` (its Markdown text) with the results of its ```nv blocks, in order, placed after
    /// each block; results already there (a notebook exported again) are replaced. Pictures are
    /// named `folder/block-NNN-K.png`.
    public static func lesson(_ text: String, results entries: [NotebookEntry], folder: String)
        -> (markdown: String, pictures: [Picture])
    {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        var out: [String] = []
        var pictures: [Picture] = []
        var block = 0
        var index = 0
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmingSpaces
            guard trimmed.hasPrefix("```") else {
                out.append(line)
                index += 1
                continue
            }
            let runs = String(trimmed.dropFirst(3)).trimmingSpaces == "nv"
            // Copy the block through its closing fence.
            out.append(line)
            index += 1
            while index < lines.count, !lines[index].trimmingSpaces.hasPrefix("```") {
                out.append(lines[index])
                index += 1
            }
            if index < lines.count { out.append(lines[index]); index += 1 }
            guard runs else { continue }
            // Skip the results written by an earlier save or export, then write the new ones.
            var next = index
            while next < lines.count {
                let candidate = lines[next].trimmingSpaces
                if candidate.isEmpty || Lesson.isPictureLine(candidate) {
                    next += 1
                } else if candidate.hasPrefix("```") && String(candidate.dropFirst(3)).trimmingSpaces == "output" {
                    next += 1
                    while next < lines.count, !lines[next].trimmingSpaces.hasPrefix("```") { next += 1 }
                    next += 1
                } else {
                    break
                }
            }
            if next > index { index = next }
            if block < entries.count {
                let (results, files) = results(of: entries[block], name: "block-" + padded(block + 1), folder: folder)
                if !results.isEmpty { out.append(String(results.dropLast())) }
                pictures += files
            }
            out.append("")
            block += 1
        }
        while out.count > 1, out.last == "", out[out.count - 2] == "" { out.removeLast() }
        return (out.joined(separator: "\n"), pictures)
    }

    /// The ```output block and picture links after an entry's code, each followed by an empty line.
    static func results(of entry: NotebookEntry, name: String, folder: String) -> (String, [Picture]) {
        var text = ""
        var output = entry.output
        if let error = entry.error, !output.contains(error) { output += "error: " + error + "\n" }
        if !output.trimmingSpaces.isEmpty { text += "\n" + fenced(output, language: "output") }
        var pictures: [Picture] = []
        for (k, png) in entry.pictures.enumerated() {
            let path = folder + "/" + name + "-\(k + 1).png"
            pictures.append(Picture(path: path, png: png))
            text += "\n![\(name.replacingOccurrences(of: "-", with: " ")), picture \(k + 1)](\(path))\n"
        }
        return (text, pictures)
    }

    /// `text` between fences; a line of the text that would close the fence is indented by a
    /// no-break space, which keeps it readable.
    static func fenced(_ text: String, language: String) -> String {
        var body = text.hasSuffix("\n") ? String(text.dropLast()) : text
        body = body.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            String(line).trimmingSpaces.hasPrefix("```") ? "\u{00A0}" + line : String(line)
        }.joined(separator: "\n")
        return "```\(language)\n\(body)\n```\n"
    }

    static func padded(_ number: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, 3 - digits.count)) + digits
    }
}
