import Foundation
import Plots

/// Asks the terminal what it can do and resolves the answer into capabilities.
///
/// The queries are sent with the keyboard in unbuffered, unechoed mode (so replies are neither
/// shown nor held back until Enter) and read for at most `timeoutMilliseconds` in total; the DA1
/// reply, which every real terminal sends and which comes last, ends the wait early (under tmux
/// see `isComplete`). A terminal
/// that answers nothing costs the timeout once, never a hang. The keyboard mode is restored
/// before returning.
public enum TerminalProbe {
    /// Detects the capabilities for `requested` on the real terminal.
    public static func detect(requested: GraphicsMode, port: TTYPort,
                              variable: CapabilityResolver.Variable = processVariable,
                              timeoutMilliseconds: Int = 200) -> TerminalCapabilities {
        let stdoutIsTTY = TTYPort.stdoutIsTerminal
        var replies: [TerminalReply] = []
        let shouldQuery = stdoutIsTTY && port.inputDescriptor >= 0
            && requested != .ascii && requested != .none && variable("TERM") != "dumb"
        let tmux = !(variable("TMUX") ?? "").isEmpty
        func resolved() -> TerminalCapabilities {
            CapabilityResolver.resolve(requested: requested, stdoutIsTTY: stdoutIsTTY, variable: variable,
                                       replies: replies, window: port.windowSize())
        }
        guard shouldQuery else { return resolved() }
        replies = query(port: port, tmux: tmux, queries: EscapeSequence.detectionQueries(tmux: tmux),
                        timeoutMilliseconds: timeoutMilliseconds)
        let capabilities = resolved()
        guard !tmux, let request = colorRegistersToRequest(capabilities) else { return capabilities }
        replies += query(port: port, tmux: false,
                         queries: EscapeSequence.sixelColorRegistersRequest(request) + EscapeSequence.deviceAttributesQuery,
                         timeoutMilliseconds: timeoutMilliseconds)
        return resolved()
    }

    /// The colour-register count to ask the terminal for before drawing Sixel pictures: 256
    /// when it said it has fewer (xterm's VT340 mode has 16 unless `numColorRegisters` is set;
    /// a dashboard in 16 colours loses its heatmaps). nil when nothing needs asking. xterm keeps
    /// the new count for later Sixel pictures in that window, as matplotlib's terminal backends
    /// leave it; `ESC [ ? 1 ; 2 ; 0 S` sets the default back.
    static func colorRegistersToRequest(_ capabilities: TerminalCapabilities) -> Int? {
        capabilities.mode == .sixel && capabilities.sixelColorRegisters < 256 ? 256 : nil
    }

    /// The process's environment variable `name`, read alone: `ProcessInfo.environment` builds
    /// a dictionary of the whole environment, a twentieth of the start-up of `nv FILE`.
    public static func processVariable(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    private static func query(port: TTYPort, tmux: Bool, queries: String, timeoutMilliseconds: Int) -> [TerminalReply] {
        let alreadyInKeyMode = KeyboardMode.isActive
        if !alreadyInKeyMode { port.enterKeyMode() }
        defer { if !alreadyInKeyMode { port.leaveKeyMode() } }
        port.write(Array(queries.utf8))
        let deadline = port.now() + Double(timeoutMilliseconds) / 1000
        var buffer: [UInt8] = []
        var replies: [TerminalReply] = []
        while true {
            let remaining = Int32(max(0, (deadline - port.now()) * 1000))
            let chunk = port.read(timeoutMilliseconds: remaining)
            if chunk.isEmpty && remaining <= 0 { break }
            buffer += chunk
            let parsed = TerminalReplyParser.parse(buffer)
            replies += parsed.replies
            buffer = parsed.pending
            if isComplete(replies, tmux: tmux) { break }
            if chunk.isEmpty && port.now() >= deadline { break }
        }
        return replies
    }

    /// True when no more replies are worth waiting for. Normally that is the DA1 reply, which
    /// comes last. Under tmux, tmux answers DA1 itself at once, while the kitty query travels
    /// through passthrough to the outer terminal and its answer comes back later (measured in
    /// kitty with `allow-passthrough on`), so there the wait ends with the answer to the plain
    /// kitty query (which comes after the placeholder query's, if that one is answered) or the
    /// timeout.
    static func isComplete(_ replies: [TerminalReply], tmux: Bool) -> Bool {
        let has: (TerminalReply) -> Bool = tmux
            ? { if case .kittyGraphics(let id, _) = $0 { id != EscapeSequence.kittyPlaceholderQueryID } else { false } }
            : { if case .deviceAttributes = $0 { true } else { false } }
        return replies.contains(where: has)
    }
}
