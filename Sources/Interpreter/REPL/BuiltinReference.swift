/// The Markdown reference of every builtin, generated from the builtin table (what
/// `nv --reference` prints and docs/reference.md holds), so the documentation cannot drift from
/// the code: a test compares the two.
public enum BuiltinReference {
    /// The reference for the builtins of a fresh session, by area in `help()` order.
    public static func markdown() -> String {
        markdown(BuiltinRegistry.all())
    }

    /// The reference for `builtins`.
    static func markdown(_ builtins: [Builtin]) -> String {
        var areas: [String] = []
        for builtin in builtins where !areas.contains(builtin.area) { areas.append(builtin.area) }
        var lines = [
            "# Builtin reference",
            "",
            "Every builtin of nv, by area, with its signature, what it does and an example. This file is",
            "generated from the builtin table by `nv --reference > docs/reference.md`; a test fails when the",
            "two differ, so edit the table (Sources/Interpreter/Builtins), not this file. In the REPL,",
            "`?name` or `help(\"name\")` shows the same text. The language itself is in",
            "[language.md](language.md).",
            "",
            "In a signature, `name` is required, `name: default` and `name?` are optional (pass them by",
            "name: `train(net, epochs: 100)`), and `name...` takes any number of values.",
            "",
        ]
        for area in areas {
            let members = builtins.filter { $0.area == area }
            lines.append("- **\(area)**: " + members.map { "`\($0.name)`" }.joined(separator: ", "))
        }
        for area in areas {
            lines.append("")
            lines.append("## \(area)")
            for builtin in builtins where builtin.area == area {
                lines.append("")
                lines.append("### \(code(builtin.signature))")
                lines.append("")
                lines.append(builtin.doc)
                lines.append("")
                guard builtin.implementations.count > 1 else {
                    lines.append("Example: \(code(builtin.example))")
                    continue
                }
                for (family, own) in builtin.implementations {
                    lines.append("- **\(family)** \(code(own.signature)): \(own.doc) Example: \(code(own.example))")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `text` as inline code, with a longer fence when it contains a backtick.
    static func code(_ text: String) -> String {
        text.contains("`") ? "`` \(text) ``" : "`\(text)`"
    }
}
