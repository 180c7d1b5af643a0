/// The overview `help()` prints: every builtin by area, with its one-line doc.
enum HelpText {
    static func overview(_ builtins: [Builtin]) -> String {
        var areas: [String] = []
        for builtin in builtins where !areas.contains(builtin.area) { areas.append(builtin.area) }
        var lines = ["Builtins (help(\"name\") or ?name for details):"]
        for area in areas {
            lines.append("")
            lines.append("\(area):")
            let members = builtins.filter { $0.area == area }
            let width = members.map { shortSignature($0).count }.max() ?? 0
            for builtin in members {
                let signature = shortSignature(builtin)
                let padding = String(repeating: " ", count: width - signature.count)
                lines.append("  \(signature)\(padding)  \(builtin.doc)")
            }
        }
        lines.append("")
        lines.append("Language: see docs/language.md (fn, if/else, for/while, lists [1, 2], records (x: 1), ranges 0..<n).")
        return lines.joined(separator: "\n")
    }

    /// The signature when it is short; a long one (the chart builtins' shared options) becomes
    /// `name(…)` so the docs stay in a readable column. `?name` shows the whole signature.
    static func shortSignature(_ builtin: Builtin) -> String {
        builtin.signature.count <= 30 ? builtin.signature : "\(builtin.name)(…)"
    }
}
