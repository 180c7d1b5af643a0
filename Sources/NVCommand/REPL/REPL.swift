import Foundation
import Interpreter

/// The interactive loop: numbered prompts, continuation lines, `:commands`, history, and
/// Ctrl-C that clears the line at the prompt or interrupts a running evaluation.
///
/// One session lives as long as the REPL, so every entry sees the variables of the ones before.
/// Values are echoed to stdout through the display; errors go to stderr and the loop goes on.
final class REPL {
    private let options: SessionOptions
    private let session: Session
    private let interrupts = InterruptHandler.shared
    private let renderer = ErrorOutput.forStandardError()
    private let colorPrompt: Bool
    private var entryNumber = 1
    /// What every entry showed, kept for `:save`; entry N of `:history` is `entries[N - 1]`.
    private let capture: NotebookCapture
    private var entries: [NotebookEntry] = []
    private var history: History?

    init(options: SessionOptions, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.options = options
        capture = NotebookCapture(base: makeDisplay(options: options), maxWidth: options.maxWidth)
        session = Session(display: capture, options: options, interrupt: InterruptHandler.shared.evaluation)
        colorPrompt = ColorPolicy.allowed(fileDescriptor: STDOUT_FILENO, environment: environment)
    }

    /// Runs until `:quit` or Ctrl-D; returns the exit status (always 0: errors were shown).
    func run() -> Int32 {
        TerminalState.save()
        TerminalState.restoreOnTermination()
        interrupts.install()
        let history = History()
        self.history = history
        let session = self.session
        let editor = LineEditor(interrupts: interrupts) { line, cursor in
            session.completions(line: line, cursor: cursor)
        }
        defer {
            editor.shutDown()
            history.close()
            TerminalState.restore()
            ScriptRunner.finishRecordings(of: session)
        }

        write("nv \(NVVersion.string) — machine learning, opened up. :help for help, :quit or Ctrl-D to leave.\n")
        var pending: [String] = []
        while true {
            let prompt = pending.isEmpty ? primaryPrompt() : continuationPrompt()
            switch editor.readLine(prompt: prompt) {
            case .endOfInput:
                write("\n")
                return 0
            case .interrupted:
                if !pending.isEmpty { history.add(pending.joined(separator: "\n")) }
                pending = []
            case .line(let line):
                if pending.isEmpty, let command = REPLCommand.parse(line) {
                    history.add(line)
                    if perform(command) == .quit { return 0 }
                    continue
                }
                if !pending.isEmpty && line.allSatisfy(\.isWhitespace) {
                    // An empty continuation line abandons the entry (it stays in history to fix).
                    history.add(pending.joined(separator: "\n"))
                    pending = []
                    continue
                }
                if pending.isEmpty && line.allSatisfy(\.isWhitespace) { continue }
                pending.append(line)
                let entry = pending.joined(separator: "\n")
                if session.isIncomplete(entry) { continue }
                pending = []
                history.add(entry)
                if let hint = REPLCommand.hint(forUndefinedWord: entry), !definesWord(entry) {
                    writeStandardError(renderer.renderPlain(hint))
                    continue
                }
                evaluate(entry)
            }
        }
    }

    /// Runs one entry (typed, `:load`ed, re-run or edited) as entry number `entryNumber`, echoing
    /// its value or reporting its error, and keeps what it showed for `:save`.
    private func evaluate(_ source: String, name: String? = nil) {
        capture.begin(source)
        interrupts.beginEvaluation()
        let outcome = session.run(source, name: name ?? "<repl:\(entryNumber)>")
        // The terminal echoed ^C where the cursor was; start the report on a line of its own.
        if interrupts.endEvaluation() { writeStandardError("\n") }
        switch outcome {
        case .success(let echo):
            if let echo { write(echo + "\n") }
            entries.append(capture.end())
        case .failure(let error):
            writeStandardError(renderer.render(error))
            entries.append(capture.end(error: error.message))
        }
        entryNumber += 1
    }

    private enum Next { case keepGoing, quit }

    private func perform(_ command: REPLCommand) -> Next {
        switch command {
        case .quit:
            return .quit
        case .help(let topic, let short):
            write(helpText(topic, short: short))
        case .clear:
            clearScreen()
        case .vars:
            let variables = session.variables()
            if variables.isEmpty {
                write("no variables yet\n")
            } else {
                let width = variables.map(\.name.count).max() ?? 0
                write(variables.map { $0.name.padding(toLength: width, withPad: " ", startingAt: 0)
                    + "  " + $0.summary }.joined(separator: "\n") + "\n")
            }
        case .load(let path):
            switch ScriptRunner.load(.file((path as NSString).expandingTildeInPath)) {
            case .success(let loaded): evaluate(loaded.text, name: path)
            case .failure(let problem): writeStandardError(renderer.renderPlain(problem.message))
            }
        case .reset:
            session.reset()
            write("session reset: no variables, generator reseeded\n")
        case .doctor:
            write(doctorReport(options: options))
        case .save(let path, let overwrite):
            save(to: (path as NSString).expandingTildeInPath, shownAs: path, overwrite: overwrite)
        case .history:
            write(historyListing())
        case .rerun(let number):
            guard number <= entries.count else {
                let range = entries.isEmpty ? "there are no entries yet" : "the entries are 1 to \(entries.count)"
                writeStandardError(renderer.renderPlain(":rerun \(number): \(range) (see :history)"))
                break
            }
            let code = entries[number - 1].code
            write(code + "\n")
            history?.add(code)
            evaluate(code)
        case .edit:
            guard let last = entries.last else {
                writeStandardError(renderer.renderPlain(":edit opens the last entry, and there is none yet"))
                break
            }
            switch EditorLauncher.edit(last.code) {
            case .success(let edited):
                let code = edited.trimmingCharacters(in: .newlines)
                guard !code.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                    write("the edited entry is empty: nothing run\n")
                    break
                }
                write(code + "\n")
                history?.add(code)
                evaluate(code)
            case .failure(let problem):
                writeStandardError(renderer.renderPlain(problem.message))
            }
        case .invalid(let message):
            writeStandardError(renderer.renderPlain(message))
        }
        return .keepGoing
    }

    /// `:save`: the entries so far as a Markdown notebook, pictures in a folder named after it.
    private func save(to path: String, shownAs shown: String, overwrite: Bool) {
        guard !entries.isEmpty else {
            writeStandardError(renderer.renderPlain(":save: nothing to save yet; run an entry first"))
            return
        }
        let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let (markdown, pictures) = NotebookMarkdown.session(entries, folder: stem)
        do {
            try NotebookFiles.write(markdown: markdown, pictures: pictures, to: path, overwrite: overwrite,
                                    what: ":save", stalePrefix: "entry-")
            let count = entries.count == 1 ? "1 entry" : "\(entries.count) entries"
            let pictureNote = pictures.isEmpty ? "" : pictures.count == 1 ? ", 1 picture in \(stem)/"
                : ", \(pictures.count) pictures in \(stem)/"
            write("saved \(count) to \(shown)\(pictureNote); nv \(shown) replays it\n")
        } catch {
            writeStandardError(renderer.renderPlain("\(error)"))
        }
    }

    /// `:history`: each entry with its number, continuation lines indented under it.
    private func historyListing() -> String {
        guard !entries.isEmpty else { return "no entries yet\n" }
        let width = String(entries.count).count
        var text = ""
        for (n, entry) in entries.enumerated() {
            let number = String(n + 1)
            let lines = entry.code.split(separator: "\n", omittingEmptySubsequences: false)
            text += String(repeating: " ", count: width - number.count) + number + "  " + lines[0]
            text += entry.error != nil ? "   (error)\n" : "\n"
            for line in lines.dropFirst() { text += String(repeating: " ", count: width + 2) + line + "\n" }
        }
        return text
    }

    /// True when the session has a variable named like the word on `line` (then it is code).
    private func definesWord(_ line: String) -> Bool {
        let word = line.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "()", with: "")
        return session.value(of: word) != nil
    }

    /// `:clear`: erase the screen and put the prompt at the top (nothing when stdout is not a
    /// terminal, or on TERM=dumb, which cannot). Erasing the display also removes kitty and
    /// Sixel pictures on it.
    private func clearScreen() {
        guard isatty(STDOUT_FILENO) != 0, ProcessInfo.processInfo.environment["TERM"] != "dumb" else { return }
        write("\u{1B}[H\u{1B}[2J")
    }

    /// `:help` alone lists the commands and the session's own overview; `:help name` shows one
    /// builtin's full help, `?name` (`short`) its signature and one line.
    private func helpText(_ topic: String?, short: Bool = false) -> String {
        if let topic {
            if let text = short ? session.shortHelp(topic) : session.help(topic) {
                return text.hasSuffix("\n") ? text : text + "\n"
            }
            return "no help for '\(topic)'; :help lists the commands, help() the builtins\n"
        }
        let width = REPLCommand.summary.map(\.usage.count).max() ?? 0
        var text = "Type nv code to run it; an open bracket or block continues on the next line\n"
            + "(an empty line or Ctrl-C abandons it). Ctrl-C stops a running evaluation.\n\n"
        for (usage, meaning) in REPLCommand.summary {
            text += "  " + usage.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + meaning + "\n"
        }
        if let overview = session.help(nil) {
            text += "\n" + (overview.hasSuffix("\n") ? overview : overview + "\n")
        }
        return text
    }

    /// `nv[3]> `, bold green on a colour terminal.
    private func primaryPrompt() -> String {
        paint("nv[\(entryNumber)]>") + " "
    }

    /// `   ...> `, as wide as the primary prompt so continued code lines up.
    private func continuationPrompt() -> String {
        let width = "nv[\(entryNumber)]>".count
        return String(repeating: " ", count: max(width - 4, 0)) + paint("...>") + " "
    }

    /// Colour codes wrapped in readline's invisible-text markers, so it measures the prompt right.
    private func paint(_ text: String) -> String {
        colorPrompt ? "\u{01}\u{1B}[1;32m\u{02}\(text)\u{01}\u{1B}[0m\u{02}" : text
    }

    private func write(_ text: String) {
        session.display.write(text)
    }
}
