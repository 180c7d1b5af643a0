import Plots

/// A picture already encoded for the terminal.
public enum EncodedPicture: Equatable, Sendable {
    /// Graphics protocol bytes (kitty, Sixel, iTerm2) covering `rows` text rows.
    case graphics(bytes: [UInt8], rows: Int)
    /// Text lines (half blocks, braille, ASCII), without newlines.
    case text(lines: [String])
    /// kitty Unicode placeholders: `transmit` sends the image with a virtual placement, and
    /// `lines` are the placeholder cells that show it (see `KittyPlaceholders`).
    case placeholders(transmit: [UInt8], lines: [String])

    /// Text rows the picture covers.
    public var rows: Int {
        switch self {
        case .graphics(_, let rows): return rows
        case .text(let lines), .placeholders(_, let lines): return lines.count
        }
    }
}

/// Builds the bytes that draw a picture once, or replace a live frame in place.
///
/// A live figure owns a region of the screen: the picture's rows, then one status line (a
/// progress line the training loop may set; blank otherwise). The cursor always ends on the
/// status line, at column 0, so text written after the region lands below the picture.
///
/// - Graphics: the region is reserved by printing newlines (which scrolls when needed) and
///   moving back up; the cursor is saved at the region's top-left. Every frame restores it and
///   draws over the previous picture (kitty re-sends the same image id and placement, Sixel and
///   iTerm2 paint over the same cells), so the old frame is never erased first: that is what
///   flickers.
/// - Text (blocks, braille): each frame moves the cursor up over the previous one and overwrites
///   its lines, clearing any leftover at each line's end.
/// - kitty Unicode placeholders (inside tmux): the first frame sends the image and prints its
///   placeholder cells like text lines; later frames only re-send the image under the same id,
///   which the cells already on screen then show.
/// - ASCII writes no escape sequence at all, so it cannot replace a frame: the display draws only
///   forced frames in that mode.
/// Frames are wrapped in synchronized output when the terminal supports mode 2026, so it paints
/// a whole frame at once.
///
/// Each method returns the bytes as a list of parts. There is one part, except for graphics
/// under tmux: tmux forwards a passthrough sequence at once, to wherever the outer terminal's
/// cursor was left when tmux last finished processing input, not where the pane's cursor is now
/// (measured with kitty under tmux 3.3a: frames landed on the status line). So the first part
/// moves the cursor to the picture's place and ends; the display lets tmux process it before
/// the second part sends the picture.
public struct FrameComposer: Sendable {
    /// The picture mode frames are drawn in.
    public var mode: GraphicsMode
    /// Wrap frames in `ESC[?2026h` ... `ESC[?2026l` (never under tmux with graphics, where a
    /// frame is sent in two parts).
    public var synchronized: Bool
    /// Split graphics frames for tmux passthrough (see the type's documentation).
    public var tmux: Bool

    /// A composer for `mode`.
    public init(mode: GraphicsMode, synchronized: Bool, tmux: Bool = false) {
        self.mode = mode
        self.synchronized = synchronized
        self.tmux = tmux
    }

    /// True when the mode may write escape sequences (every mode except ASCII and none).
    public var escapesAllowed: Bool { mode != .ascii && mode != .none }

    /// A picture shown once: drawn below the cursor, the cursor then at the start of the line
    /// under it.
    public func still(_ picture: EncodedPicture) -> [[UInt8]] {
        switch picture {
        case .text(let lines):
            return [Array(lines.map { $0 + "\n" }.joined().utf8)]
        case .placeholders(let transmit, let lines):
            return [transmit + Array(lines.map { $0 + "\n" }.joined().utf8)]
        case .graphics(let bytes, let rows):
            let place = String(repeating: "\n", count: rows) + EscapeSequence.cursorUp(rows)
                + EscapeSequence.saveCursor
            let after = EscapeSequence.restoreCursor + EscapeSequence.cursorDown(rows) + "\r"
            return parts(place, bytes, after)
        }
    }

    /// The first frame of a live region: reserves the picture's rows and the status line,
    /// hides the cursor and draws.
    public func firstFrame(_ picture: EncodedPicture, status: String?) -> [[UInt8]] {
        switch picture {
        case .text(let lines):
            let text = EscapeSequence.hideCursor
                + lines.map { $0 + EscapeSequence.eraseToEndOfLine + "\n" }.joined()
                + statusLine(status)
            return [wrapped(Array(text.utf8))]
        case .placeholders(let transmit, let lines):
            let text = EscapeSequence.hideCursor
                + lines.map { $0 + EscapeSequence.eraseToEndOfLine + "\n" }.joined()
                + statusLine(status)
            return [wrapped(transmit + Array(text.utf8))]
        case .graphics(let bytes, let rows):
            let place = EscapeSequence.hideCursor + String(repeating: "\n", count: rows + 1)
                + EscapeSequence.cursorUp(rows + 1) + EscapeSequence.saveCursor
            let after = EscapeSequence.restoreCursor + EscapeSequence.cursorDown(rows)
                + statusLine(status)
            return parts(place, bytes, after)
        }
    }

    /// A later frame of the same region: `previousRows` is the number of rows the previous
    /// frame covered (the display keeps every frame of a region the same size).
    public func nextFrame(_ picture: EncodedPicture, status: String?, previousRows: Int) -> [[UInt8]] {
        switch picture {
        case .text(let lines):
            let text = "\r" + EscapeSequence.cursorUp(previousRows)
                + lines.map { $0 + EscapeSequence.eraseToEndOfLine + "\n" }.joined()
                + statusLine(status)
            return [wrapped(Array(text.utf8))]
        case .placeholders(let transmit, _):
            return [wrapped(transmit + Array(statusLine(status).utf8))]
        case .graphics(let bytes, let rows):
            let after = EscapeSequence.restoreCursor + EscapeSequence.cursorDown(rows)
                + statusLine(status)
            return parts(EscapeSequence.restoreCursor, bytes, after)
        }
    }

    /// Rewrites only the status line of a live region (the cursor is on it).
    public func statusUpdate(_ status: String) -> [UInt8] {
        wrapped(Array(statusLine(status).utf8))
    }

    /// Ends a live region: the cursor shows again and goes under the status line when one was
    /// written, else it stays at the start of the blank line reserved for it, right under the
    /// picture.
    public func finish(statusShown: Bool) -> [UInt8] {
        Array(((statusShown ? "\n" : "\r") + EscapeSequence.showCursor).utf8)
    }

    private func statusLine(_ status: String?) -> String {
        "\r" + EscapeSequence.eraseLine + (status ?? "")
    }

    /// `place`, the picture, then `after`: one part, or two under tmux (split before the picture).
    private func parts(_ place: String, _ picture: [UInt8], _ after: String) -> [[UInt8]] {
        if tmux { return [Array(place.utf8), picture + Array(after.utf8)] }
        return [wrapped(Array(place.utf8) + picture + Array(after.utf8))]
    }

    private func wrapped(_ bytes: [UInt8]) -> [UInt8] {
        guard synchronized, escapesAllowed else { return bytes }
        return Array(EscapeSequence.beginSync.utf8) + bytes + Array(EscapeSequence.endSync.utf8)
    }
}
