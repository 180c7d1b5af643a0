import Plots

/// A picture already encoded for the terminal.
public enum EncodedPicture: Equatable, Sendable {
    /// Graphics protocol bytes (kitty, Sixel, iTerm2) covering `rows` text rows.
    case graphics(bytes: [UInt8], rows: Int)
    /// Text lines (half blocks, braille, ASCII), without newlines.
    case text(lines: [String])

    /// Text rows the picture covers.
    public var rows: Int {
        switch self {
        case .graphics(_, let rows): return rows
        case .text(let lines): return lines.count
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
/// - ASCII writes no escape sequence at all, so it cannot replace a frame: the display draws only
///   forced frames in that mode.
/// Frames are wrapped in synchronized output when the terminal supports mode 2026, so it paints
/// a whole frame at once.
public struct FrameComposer: Sendable {
    public var mode: GraphicsMode
    /// Wrap frames in `ESC[?2026h` ... `ESC[?2026l`.
    public var synchronized: Bool

    public init(mode: GraphicsMode, synchronized: Bool) {
        self.mode = mode
        self.synchronized = synchronized
    }

    /// True when the mode may write escape sequences (every mode except ASCII and none).
    public var escapesAllowed: Bool { mode != .ascii && mode != .none }

    /// A picture shown once: drawn below the cursor, the cursor then at the start of the line
    /// under it.
    public func still(_ picture: EncodedPicture) -> [UInt8] {
        switch picture {
        case .text(let lines):
            return Array(lines.map { $0 + "\n" }.joined().utf8)
        case .graphics(let bytes, let rows):
            var out = Array(String(repeating: "\n", count: rows).utf8)
            out += Array((EscapeSequence.cursorUp(rows) + EscapeSequence.saveCursor).utf8)
            out += bytes
            out += Array((EscapeSequence.restoreCursor + EscapeSequence.cursorDown(rows) + "\r").utf8)
            return wrapped(out)
        }
    }

    /// The first frame of a live region: reserves the picture's rows and the status line,
    /// hides the cursor and draws.
    public func firstFrame(_ picture: EncodedPicture, status: String?) -> [UInt8] {
        var out: [UInt8] = Array(EscapeSequence.hideCursor.utf8)
        switch picture {
        case .text(let lines):
            out += Array(lines.map { $0 + EscapeSequence.eraseToEndOfLine + "\n" }.joined().utf8)
            out += statusLine(status)
        case .graphics(let bytes, let rows):
            out += Array(String(repeating: "\n", count: rows + 1).utf8)
            out += Array((EscapeSequence.cursorUp(rows + 1) + EscapeSequence.saveCursor).utf8)
            out += bytes
            out += Array((EscapeSequence.restoreCursor + EscapeSequence.cursorDown(rows)).utf8)
            out += statusLine(status)
        }
        return wrapped(out)
    }

    /// A later frame of the same region: `previousRows` is the picture height the region was
    /// reserved with (the display keeps every frame of a region the same size).
    public func nextFrame(_ picture: EncodedPicture, status: String?, previousRows: Int) -> [UInt8] {
        var out: [UInt8] = []
        switch picture {
        case .text(let lines):
            out += Array(("\r" + EscapeSequence.cursorUp(previousRows)).utf8)
            out += Array(lines.map { $0 + EscapeSequence.eraseToEndOfLine + "\n" }.joined().utf8)
            out += statusLine(status)
        case .graphics(let bytes, let rows):
            out += Array(EscapeSequence.restoreCursor.utf8)
            out += bytes
            out += Array((EscapeSequence.restoreCursor + EscapeSequence.cursorDown(rows)).utf8)
            out += statusLine(status)
        }
        return wrapped(out)
    }

    /// Rewrites only the status line of a live region (the cursor is on it).
    public func statusUpdate(_ status: String) -> [UInt8] {
        wrapped(statusLine(status))
    }

    /// Ends a live region: the cursor shows again and goes under the status line when one was
    /// written, else it stays at the start of the blank line reserved for it, right under the
    /// picture.
    public func finish(statusShown: Bool) -> [UInt8] {
        Array(((statusShown ? "\n" : "\r") + EscapeSequence.showCursor).utf8)
    }

    private func statusLine(_ status: String?) -> [UInt8] {
        Array(("\r" + EscapeSequence.eraseLine + (status ?? "")).utf8)
    }

    private func wrapped(_ bytes: [UInt8]) -> [UInt8] {
        guard synchronized, escapesAllowed else { return bytes }
        return Array(EscapeSequence.beginSync.utf8) + bytes + Array(EscapeSequence.endSync.utf8)
    }
}
