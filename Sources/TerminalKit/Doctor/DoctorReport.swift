import Plots

/// The text of `nv --doctor`: what was detected and why, then the test picture in each mode
/// that can work here, each under its name, so "why don't I see images?" has an answer.
public enum DoctorReport {
    /// The detection part of the report for `capabilities`; the caller shows the test pictures
    /// (in `demonstrationModes`) after it.
    public static func text(capabilities: TerminalCapabilities, requested: GraphicsMode,
                            maxWidth: Int?) -> String {
        let c = capabilities
        var lines: [String] = []
        lines.append("nv doctor")
        lines.append("  pictures:      \(c.mode.rawValue) — \(c.modeReason)")
        if requested != .auto { lines.append("  requested:     --graphics \(requested.rawValue)") }
        lines.append("  stdout:        \(c.interactive ? "a terminal (live figures animate, q stops)" : "not a terminal (no queries, no animation)")")
        lines.append("  window:        \(c.columns) columns x \(c.rows) rows")
        lines.append("  cell size:     \(c.cellWidth)x\(c.cellHeight) px, from \(c.cellSizeSource)")
        lines.append("  widest image:  \(c.columns * c.cellWidth) px\(maxWidth.map { ", capped at \($0) px by --width" } ?? "")")
        if let width = c.maxSixelWidth, let height = c.maxSixelHeight {
            lines.append("  Sixel limit:   \(width)x\(height) px (the terminal's XTSMGRAPHICS answer)")
        }
        if c.mode == .sixel {
            lines.append("  Sixel colours: \(c.sixelColorRegisters) registers\(c.sixelColorRegistersBefore.map { " (the terminal had \($0); nv asked for 256)" } ?? "")")
        }
        lines.append("  colours:       \(c.colors.rawValue) — \(c.colorsReason)")
        lines.append("  synchronized:  \(c.synchronizedOutput ? "yes (the terminal reported mode 2026)" : "no")")
        lines.append("  tmux:          \(c.tmux ? "yes: graphics go through passthrough (needs `set -g allow-passthrough on`)" : "no")")
        if c.tmux && c.mode == .kitty {
            lines.append("  placeholders:  " + (c.kittyPlaceholders
                ? "yes: pictures are Unicode placeholder cells, which tmux scrolls and redraws like text"
                : "no: the terminal did not accept the U=1 query (kitty 0.28 or later does); pictures are placed directly and do not move when tmux scrolls"))
        }
        lines.append("  TERM:          \(c.term.isEmpty ? "(not set)" : c.term)")
        lines.append("  TERM_PROGRAM:  \(c.termProgram.isEmpty ? "(not set)" : c.termProgram)")
        if c.replies.isEmpty {
            lines.append("  replies:       none\(c.interactive ? " (the terminal answered no query within 200 ms)" : "")")
        } else {
            lines.append("  replies:")
            for reply in c.replies { lines.append("    \(reply.readable)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The whole report: the detection text, then the test picture shown in each mode of
    /// `demonstrationModes`, each under its name. The pictures are encoded as for the real
    /// display (sized to `base`'s window) and returned in the text, so the caller prints one
    /// string.
    public static func full(capabilities: TerminalCapabilities, requested: GraphicsMode,
                            maxWidth: Int?, base: TerminalPort?, firstImageID: UInt32 = 1,
                            encoders: (TerminalCapabilities) -> PictureEncoders) -> String {
        var report = text(capabilities: capabilities, requested: requested, maxWidth: maxWidth)
        var imageID = firstImageID
        for mode in demonstrationModes(capabilities) {
            var shown = capabilities
            shown.mode = mode
            if mode == .ascii { shown.colors = .none }
            // Text pictures fill the window's width; a test picture needs less.
            let textColumns = 64
            shown.columns = min(shown.columns, textColumns)
            let capture = CapturePort(base: base, maxColumns: textColumns)
            let display = TerminalDisplay(capabilities: shown, port: capture,
                                          encoders: encoders(shown), maxWidth: maxWidth,
                                          live: false, framesDirectory: nil,
                                          firstImageID: imageID, reportError: { _ in })
            display.write("\n\(mode.rawValue):\n")
            display.show(TestPicture.figure)
            imageID &+= 1
            report += String(decoding: capture.captured, as: UTF8.self)
        }
        return report
    }

    /// The picture modes worth demonstrating: the detected graphics protocol (if any), then the
    /// text modes the terminal can show (coloured ones only with colour).
    public static func demonstrationModes(_ capabilities: TerminalCapabilities) -> [GraphicsMode] {
        var modes: [GraphicsMode] = []
        switch capabilities.mode {
        case .kitty, .sixel, .iterm: modes.append(capabilities.mode)
        default: break
        }
        if capabilities.interactive && capabilities.colors != .none {
            modes += [.blocks, .braille]
        }
        modes.append(.ascii)
        return modes
    }
}
