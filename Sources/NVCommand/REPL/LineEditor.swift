import CReadline
import Foundation

/// What one prompt produced.
enum LineInput: Equatable {
    /// The user pressed Return; the text has no trailing newline (it may contain newlines
    /// when a multi-line entry was recalled from history or pasted).
    case line(String)
    /// Ctrl-C: the line was cleared.
    case interrupted
    /// Ctrl-D on an empty line, or stdin closed.
    case endOfInput
}

/// GNU readline through its callback interface, so that nv, not readline, owns SIGINT.
///
/// `readLine(prompt:)` installs the line handler, feeds readline one byte at a time while
/// polling stdin and the interrupt pipe together, and removes the handler before returning, so
/// the terminal is back in its normal mode whenever nv evaluates, prints or exits. Readline's
/// C callbacks cannot carry context, hence the static state in `ReadlineBridge`; there is one
/// line editor per process.
final class LineEditor {
    private let interrupts: InterruptHandler

    /// Configures readline: no signal handling of its own, completion through `complete`,
    /// word breaks that make `net.lo` and `train(net, ep` complete the last word only.
    init(interrupts: InterruptHandler, complete: @escaping (_ line: String, _ cursor: Int) -> [String]) {
        self.interrupts = interrupts
        ReadlineBridge.complete = complete
        nv_rl_configure(strdup("nv"), strdup(" \t\n\"'`@$><=;|&{}()[],.+-*/%^!:?#")) { text, _, _ in
            ReadlineBridge.matches(for: text)
        }
    }

    /// Shows `prompt` and edits one line. Returns when the user accepts it, presses Ctrl-C
    /// or Ctrl-D, or stdin closes.
    func readLine(prompt: String) -> LineInput {
        interrupts.drain()
        ReadlineBridge.result = nil
        rl_callback_handler_install(prompt) { line in
            // Removing the handler here (readline allows it) stops readline from re-showing the
            // old prompt and re-entering raw mode after this callback returns.
            rl_callback_handler_remove()
            ReadlineBridge.result = line.map { .line(String(cString: $0)) } ?? .endOfInput
            free(line)
        }
        defer { ReadlineBridge.removeHandlerIfInstalled() }
        while true {
            var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: interrupts.wakeDescriptor, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, nfds_t(fds.count), -1)
            if ready < 0 && errno != EINTR { return .endOfInput }
            let woken = interrupts.takeWakeReasons()
            if woken.interrupted {
                nv_rl_abandon_line()
                ReadlineBridge.removeHandlerIfInstalled()
                return .interrupted
            }
            if woken.continued { nv_rl_resume_terminal() }
            if woken.resized { rl_resize_terminal() }
            if ready <= 0 { continue }
            if fds[0].revents & Int16(POLLNVAL) != 0 { return .endOfInput }
            if fds[0].revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 {
                rl_callback_read_char()
                if let result = ReadlineBridge.result { return result }
            }
        }
    }

    /// Removes readline's handler and restores the terminal (safe to call more than once).
    func shutDown() {
        ReadlineBridge.removeHandlerIfInstalled()
    }
}

/// State that readline's C callbacks reach. Only touched on the main thread, from inside
/// readline calls that nv made, so the unchecked globals are not shared across threads.
enum ReadlineBridge {
    nonisolated(unsafe) static var result: LineInput?
    nonisolated(unsafe) static var complete: ((String, Int) -> [String])?
    nonisolated(unsafe) private static var candidates: [String] = []
    nonisolated(unsafe) private static var nextCandidate = 0

    /// True while readline has a line handler installed (the callback removes it itself).
    static var handlerInstalled: Bool { nv_rl_handler_installed() != 0 }

    static func removeHandlerIfInstalled() {
        if handlerInstalled { rl_callback_handler_remove() }
    }

    /// Readline's attempted-completion hook: asks the session for candidates of the line up to
    /// the cursor and hands readline the ones that extend `text`, the word being completed.
    static func matches(for text: UnsafePointer<CChar>?) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        nv_rl_completion_settings(0)
        guard let text, let complete else { return nil }
        let word = String(cString: text)
        let line = String(cString: nv_rl_line_buffer())
        let cursor = min(max(Int(nv_rl_point()), 0), line.utf8.count)
        let beforeCursor = String(decoding: Array(line.utf8)[..<cursor], as: UTF8.self)
        candidates = CompletionMatcher.words(replacing: word, before: beforeCursor,
                                             candidates: complete(line, cursor))
        nextCandidate = 0
        guard !candidates.isEmpty else { return nil }
        // A label like `epochs:` wants a space after it; a name may be followed by `.` or `(`.
        nv_rl_completion_settings(candidates.allSatisfy { $0.hasSuffix(":") } ? 32 : 0)
        return rl_completion_matches(text) { _, state in
            if state == 0 { ReadlineBridge.nextCandidate = 0 }
            guard ReadlineBridge.nextCandidate < ReadlineBridge.candidates.count else { return nil }
            defer { ReadlineBridge.nextCandidate += 1 }
            return strdup(ReadlineBridge.candidates[ReadlineBridge.nextCandidate])
        }
    }
}

/// Adapts the session's completion candidates to readline, which replaces only the last word.
enum CompletionMatcher {
    /// The candidates as replacements for `word` (the text after the last word-break
    /// character). A candidate may be either the bare word (`loss` for `net.lo`) or include
    /// the text before it (`net.loss`); the overlap with `before` (the line up to the cursor)
    /// is cut off. Candidates that do not extend the word are dropped; order is kept and
    /// duplicates removed.
    static func words(replacing word: String, before: String, candidates: [String]) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        for candidate in candidates {
            guard let replacement = replacement(for: candidate, word: word, before: before),
                  seen.insert(replacement).inserted else { continue }
            result.append(replacement)
        }
        return result
    }

    private static func replacement(for candidate: String, word: String, before: String) -> String? {
        // Longest tail of the typed text that the candidate starts with, at least the word.
        var tail = before[...]
        while tail.count > word.count {
            if candidate.hasPrefix(tail) { return String(candidate.dropFirst(tail.count - word.count)) }
            tail = tail.dropFirst()
        }
        return candidate.hasPrefix(word) ? candidate : nil
    }
}
