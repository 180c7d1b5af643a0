/// A line the REPL handles itself instead of passing to the language: `:help`, `?name`, ...
enum REPLCommand: Equatable {
    /// `:help [name]` (the full help) or `?name` (`short`: the signature and one line).
    case help(topic: String?, short: Bool = false)
    case vars
    case clear
    case load(path: String)
    case reset
    case doctor
    /// `:save FILE` (`overwrite` for `:save! FILE`): the session as a Markdown notebook.
    case save(path: String, overwrite: Bool)
    /// `:history`: the entries so far, numbered.
    case history
    /// `:rerun N`: runs entry N again.
    case rerun(Int)
    /// `:edit`: opens the last entry in $EDITOR and runs what is saved.
    case edit
    case quit
    /// A `:word` that is not a command, or a command used wrongly; `message` says which.
    case invalid(message: String)

    /// The commands as `:help` lists them: usage and what each does.
    static let summary: [(usage: String, meaning: String)] = [
        (":help [name]", "this list, or help on a builtin (also help(name); ?name for short)"),
        (":vars", "the variables of this session"),
        (":clear", "clear the screen (also Ctrl-L)"),
        (":load FILE", "run a script in this session, keeping its variables"),
        (":reset", "forget all variables and reseed the random generator"),
        (":doctor", "what this terminal can show, with a test picture"),
        (":save FILE.md", "save the session as a notebook (:save! replaces a file); nv FILE.md replays it"),
        (":history", "the entries of this session, numbered"),
        (":rerun N", "run entry N again"),
        (":edit", "edit the last entry in $EDITOR, then run it"),
        (":quit", "leave (also Ctrl-D)"),
    ]

    /// The command on `line`, or nil when the line is code for the language.
    static func parse(_ line: String) -> REPLCommand? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("?") {
            let topic = trimmed.dropFirst().trimmingCharacters(in: .whitespaces)
            return .help(topic: topic.isEmpty ? nil : topic, short: !topic.isEmpty)
        }
        guard trimmed.hasPrefix(":") else { return nil }
        let words = trimmed.dropFirst().split(separator: " ", maxSplits: 1).map(String.init)
        let name = words.first ?? ""
        let argument = words.count > 1 ? words[1].trimmingCharacters(in: .whitespaces) : nil
        switch name {
        case "help", "h", "?": return .help(topic: argument)
        case "vars": return noArgument(.vars, name, argument)
        case "clear", "cls": return noArgument(.clear, name, argument)
        case "reset": return noArgument(.reset, name, argument)
        case "doctor": return noArgument(.doctor, name, argument)
        case "history": return noArgument(.history, name, argument)
        case "edit": return noArgument(.edit, name, argument)
        case "save", "save!":
            guard let argument, !argument.isEmpty else {
                return .invalid(message: ":save needs a file name, e.g. :save notes.md")
            }
            let path = unquoted(argument)
            guard path.hasSuffix(".md") else {
                return .invalid(message: ":save writes Markdown: give a name ending in .md, got '\(path)'")
            }
            return .save(path: path, overwrite: name == "save!")
        case "rerun":
            guard let argument, let number = Int(argument), number > 0 else {
                return .invalid(message: ":rerun needs an entry number from :history, e.g. :rerun 3")
            }
            return .rerun(number)
        case "quit", "q", "exit": return noArgument(.quit, name, argument)
        case "load":
            guard let argument, !argument.isEmpty else {
                return .invalid(message: ":load needs a file, e.g. :load examples/xor.nv")
            }
            return .load(path: unquoted(argument))
        default:
            let commands = summary.map { $0.usage.split(separator: " ")[0] }.joined(separator: ", ")
            let shown = name.isEmpty ? "':'" : "':\(name)'"
            return .invalid(message: "unknown command \(shown); the commands are \(commands)")
        }
    }

    /// What to say when a whole line is a shell habit rather than nv code (`clear`, `exit`)
    /// and the session has no variable of that name; nil otherwise.
    static func hint(forUndefinedWord line: String) -> String? {
        switch line.trimmingCharacters(in: .whitespaces) {
        case "clear", "clear()", "cls": return "'clear' is not nv code: :clear clears the screen (so does Ctrl-L)"
        case "exit", "exit()", "quit", "quit()": return "to leave, type :quit or press Ctrl-D"
        default: return nil
        }
    }

    private static func noArgument(_ command: REPLCommand, _ name: String, _ argument: String?) -> REPLCommand {
        guard let argument, !argument.isEmpty else { return command }
        return .invalid(message: ":\(name) takes no argument, got '\(argument)'")
    }

    /// `"my file.nv"` and `'my file.nv'` name the file inside the quotes.
    private static func unquoted(_ text: String) -> String {
        for quote in ["\"", "'"] where text.count >= 2 && text.hasPrefix(quote) && text.hasSuffix(quote) {
            return String(text.dropFirst().dropLast())
        }
        return text
    }
}
