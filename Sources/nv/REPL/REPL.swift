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

    init(options: SessionOptions, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.options = options
        session = Session(display: makeDisplay(options: options), options: options,
                          interrupt: InterruptHandler.shared.evaluation)
        colorPrompt = ColorPolicy.allowed(fileDescriptor: STDOUT_FILENO, environment: environment)
    }

    /// Runs until `:quit` or Ctrl-D; returns the exit status (always 0: errors were shown).
    func run() -> Int32 {
        TerminalState.save()
        TerminalState.restoreOnTermination()
        interrupts.install()
        let history = History()
        let session = self.session
        let editor = LineEditor(interrupts: interrupts) { line, cursor in
            session.completions(line: line, cursor: cursor)
        }
        defer {
            editor.shutDown()
            history.close()
            TerminalState.restore()
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
                evaluate(entry, name: "<repl:\(entryNumber)>")
                entryNumber += 1
            }
        }
    }

    /// Runs one entry (or a `:load`ed file), echoing its value or reporting its error.
    private func evaluate(_ source: String, name: String) {
        interrupts.beginEvaluation()
        let outcome = session.run(source, name: name)
        // The terminal echoed ^C where the cursor was; start the report on a line of its own.
        if interrupts.endEvaluation() { writeStandardError("\n") }
        switch outcome {
        case .success(let echo):
            if let echo { write(echo + "\n") }
        case .failure(let error):
            writeStandardError(renderer.render(error))
        }
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
        case .invalid(let message):
            writeStandardError(renderer.renderPlain(message))
        }
        return .keepGoing
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
