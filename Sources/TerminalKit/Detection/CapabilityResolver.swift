import Plots

/// Decides the terminal's capabilities from what was observed: the requested mode, whether
/// stdout is a terminal, the environment, the terminal's replies and the window size.
///
/// Pure: the probing (raw mode, writing queries, reading with a timeout) happens elsewhere, so
/// every rule here is tested with recorded replies.
public enum CapabilityResolver {
    /// Cell size assumed when the terminal does not say, and always under tmux, whose pixel
    /// reports describe tmux's own window rather than the outer terminal's cells.
    public static let defaultCellWidth = 10
    public static let defaultCellHeight = 20

    /// An environment variable's value by name, nil when unset.
    public typealias Variable = (String) -> String?

    /// Resolves `requested` (which may be `.auto`) into capabilities.
    public static func resolve(requested: GraphicsMode, stdoutIsTTY: Bool,
                               environment: [String: String], replies: [TerminalReply],
                               window: WindowSize?) -> TerminalCapabilities {
        resolve(requested: requested, stdoutIsTTY: stdoutIsTTY, variable: { environment[$0] },
                replies: replies, window: window)
    }

    /// Resolves `requested` with the environment read through `variable`, one name at a time.
    public static func resolve(requested: GraphicsMode, stdoutIsTTY: Bool,
                               variable: Variable, replies: [TerminalReply],
                               window: WindowSize?) -> TerminalCapabilities {
        let tmux = !(variable("TMUX") ?? "").isEmpty
        let term = variable("TERM") ?? ""
        let termProgram = variable("TERM_PROGRAM") ?? ""
        var (colors, colorsReason) = colorDepth(stdoutIsTTY: stdoutIsTTY, variable: variable)
        let noColor = !(variable("NO_COLOR") ?? "").isEmpty
        if requested == .blocks, colors == .none, !noColor {
            // Half blocks are nothing without colour; asking for them by name says the
            // terminal has some.
            colors = .palette256
            colorsReason = "--graphics blocks asks for colour; 256 colours assumed"
        }
        let (mode, modeReason) = graphicsMode(requested: requested, stdoutIsTTY: stdoutIsTTY,
                                              variable: variable, replies: replies,
                                              colors: colors)
        let cell = cellSize(window: window, replies: replies, tmux: tmux)
        let syncValue = replies.lazy.compactMap { reply -> Int? in
            if case .privateModeReport(2026, let value) = reply { return value }
            return nil
        }.first
        return TerminalCapabilities(
            mode: mode, modeReason: modeReason, colors: colors, colorsReason: colorsReason,
            cellWidth: cell.width, cellHeight: cell.height, cellSizeSource: cell.source,
            columns: window.map { $0.columns > 0 ? $0.columns : 80 } ?? 80,
            rows: window.map { $0.rows > 0 ? $0.rows : 24 } ?? 24,
            synchronizedOutput: stdoutIsTTY && (syncValue == 1 || syncValue == 2 || syncValue == 3),
            tmux: tmux, interactive: stdoutIsTTY, term: term, termProgram: termProgram,
            replies: replies)
    }

    private static func colorDepth(stdoutIsTTY: Bool, variable: Variable) -> (ColorDepth, String) {
        if let noColor = variable("NO_COLOR"), !noColor.isEmpty {
            return (.none, "NO_COLOR is set")
        }
        if !stdoutIsTTY { return (.none, "stdout is not a terminal") }
        let term = variable("TERM") ?? ""
        if term == "dumb" { return (.none, "TERM=dumb") }
        let colorTerm = (variable("COLORTERM") ?? "").lowercased()
        if colorTerm == "truecolor" || colorTerm == "24bit" {
            return (.trueColor, "COLORTERM=\(colorTerm)")
        }
        if term.contains("256color") || term.hasPrefix("xterm-kitty") {
            return (.palette256, "TERM=\(term)")
        }
        if term.isEmpty { return (.none, "TERM is not set") }
        return (.none, "TERM=\(term) without COLORTERM=truecolor or a 256-colour TERM")
    }

    private static func graphicsMode(requested: GraphicsMode, stdoutIsTTY: Bool,
                                     variable: Variable, replies: [TerminalReply],
                                     colors: ColorDepth) -> (GraphicsMode, String) {
        if requested != .auto {
            return (requested, "asked for with --graphics \(requested.rawValue) (or NV_GRAPHICS)")
        }
        if !stdoutIsTTY { return (.ascii, "stdout is not a terminal: plain text, no queries") }
        for reply in replies {
            if case .kittyGraphics(_, let message) = reply, message == "OK" {
                return (.kitty, "the terminal answered OK to the kitty graphics query")
            }
        }
        let termProgram = variable("TERM_PROGRAM") ?? ""
        if termProgram == "iTerm.app" || termProgram == "WezTerm" {
            return (.iterm, "TERM_PROGRAM=\(termProgram) shows iTerm2 inline images")
        }
        if let mlterm = variable("MLTERM"), !mlterm.isEmpty {
            return (.iterm, "MLTERM=\(mlterm): mlterm shows iTerm2 inline images")
        }
        for reply in replies {
            if case .deviceAttributes(let attributes) = reply, attributes.contains(4) {
                let list = attributes.map(String.init).joined(separator: ";")
                return (.sixel, "the device attributes (DA1 ?\(list)) include 4: Sixel graphics")
            }
        }
        let answered = replies.contains { if case .deviceAttributes = $0 { true } else { false } }
        let graphicsReason = answered
            ? "no kitty reply and no 4 (Sixel) in the device attributes"
            : "the terminal answered no query"
        switch colors {
        case .trueColor, .palette256:
            return (.blocks, "\(graphicsReason): coloured half blocks")
        case .none:
            return (.ascii, "\(graphicsReason), and no colour: plain ASCII")
        }
    }

    private static func cellSize(window: WindowSize?, replies: [TerminalReply],
                                 tmux: Bool) -> (width: Int, height: Int, source: String) {
        let fallback = (defaultCellWidth, defaultCellHeight)
        if tmux {
            return (fallback.0, fallback.1, "default \(fallback.0)x\(fallback.1): pixel sizes are unreliable under tmux")
        }
        if let window, window.columns > 0, window.rows > 0, window.pixelWidth > 0, window.pixelHeight > 0 {
            let width = window.pixelWidth / window.columns
            let height = window.pixelHeight / window.rows
            if width > 0, height > 0 {
                return (width, height, "TIOCGWINSZ (\(window.pixelWidth)x\(window.pixelHeight) px over \(window.columns)x\(window.rows) cells)")
            }
        }
        for reply in replies {
            if case .cellSizePixels(let width, let height) = reply, width > 0, height > 0 {
                return (width, height, "the terminal's answer to ESC[16t")
            }
        }
        if let window, window.columns > 0, window.rows > 0 {
            for reply in replies {
                if case .textAreaPixels(let width, let height) = reply, width > 0, height > 0 {
                    let cellWidth = width / window.columns
                    let cellHeight = height / window.rows
                    if cellWidth > 0, cellHeight > 0 {
                        return (cellWidth, cellHeight, "the terminal's answer to ESC[14t over \(window.columns)x\(window.rows) cells")
                    }
                }
            }
        }
        return (fallback.0, fallback.1, "default \(fallback.0)x\(fallback.1): the terminal did not say")
    }
}
