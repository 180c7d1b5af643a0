import Plots

/// How many colours text output may use.
public enum ColorDepth: String, Sendable {
    /// 24-bit RGB escape sequences (`COLORTERM=truecolor` or `24bit`).
    case trueColor = "24-bit"
    /// The xterm 256-colour palette.
    case palette256 = "256 colours"
    /// No colour escape sequences at all (`NO_COLOR`, a dumb terminal, or not a terminal).
    case none = "no colour"
}

/// The size of a terminal window: columns and rows of cells, and the pixel size if the kernel
/// knows it (0 when it does not, which is common).
public struct WindowSize: Equatable, Sendable {
    /// Size in cells.
    public var columns: Int
    public var rows: Int
    /// Size in pixels, 0 when unknown.
    public var pixelWidth: Int
    public var pixelHeight: Int

    /// A window of `columns` x `rows` cells, with its pixel size if known.
    public init(columns: Int, rows: Int, pixelWidth: Int = 0, pixelHeight: Int = 0) {
        self.columns = columns
        self.rows = rows
        self.pixelWidth = pixelWidth
        self.pixelHeight = pixelHeight
    }
}

/// What nv decided about the terminal: how pictures are shown and how big a cell is.
/// Each decision carries the reason, so `nv --doctor` can explain it.
public struct TerminalCapabilities: Equatable, Sendable {
    /// The resolved picture mode; never `.auto`.
    public var mode: GraphicsMode
    /// Why `mode` was chosen ("kitty replied OK to the graphics query", "--graphics sixel"...).
    public var modeReason: String
    /// Colours available to text output.
    public var colors: ColorDepth
    /// Why `colors` was chosen.
    public var colorsReason: String
    /// Cell size in pixels.
    public var cellWidth: Int
    public var cellHeight: Int
    /// Where the cell size came from.
    public var cellSizeSource: String
    /// Window size in cells.
    public var columns: Int
    public var rows: Int
    /// The largest Sixel image the terminal shows, in pixels (nil when it did not say). xterm
    /// drops a bigger image entirely rather than clipping it.
    public var maxSixelWidth: Int?
    public var maxSixelHeight: Int?
    /// The Sixel colour registers a picture may use, 2...256: the terminal's last successful
    /// XTSMGRAPHICS answer, 256 when it gave none. A picture with more colours than registers
    /// is quantised to them; one that used more would show wrong colours (xterm's VT340 mode
    /// has 16 registers by default and takes register numbers modulo 16).
    public var sixelColorRegisters: Int
    /// True when frames may be wrapped in synchronized output (mode 2026).
    public var synchronizedOutput: Bool
    /// True inside tmux: graphics go through tmux passthrough and pixel sizes are guessed.
    public var tmux: Bool
    /// True when kitty pictures are drawn with Unicode placeholders (`KittyPlaceholders`):
    /// kitty mode inside tmux, and the outer terminal accepted the placeholder query (kitty
    /// 0.28 and later). The cells are text, so pictures survive tmux's scrolling and panes.
    public var kittyPlaceholders: Bool
    /// True when kitty pictures may be edited in place (`a=f`, kitty's animation commands, since
    /// 0.20), so a live frame sends only its changed rectangle: kitty mode in kitty itself
    /// (`TERM` xterm-kitty, outside tmux, without placeholders). Other terminals that answer the
    /// graphics query may not implement frame edits, and under tmux `TERM` is tmux's: there
    /// every frame is sent whole.
    public var kittyFrameEdits: Bool
    /// True when stdout is a terminal: live figures animate and the keyboard can stop work.
    public var interactive: Bool
    /// `TERM` and `TERM_PROGRAM` as found in the environment (empty when unset).
    public var term: String
    public var termProgram: String
    /// The replies the terminal sent to the detection queries (empty when none were sent).
    public var replies: [TerminalReply]

    /// Capabilities with every decision given (tests, and the doctor's per-mode variations).
    public init(mode: GraphicsMode, modeReason: String, colors: ColorDepth, colorsReason: String,
                cellWidth: Int, cellHeight: Int, cellSizeSource: String, columns: Int, rows: Int,
                synchronizedOutput: Bool, tmux: Bool, interactive: Bool, term: String,
                termProgram: String, replies: [TerminalReply]) {
        self.mode = mode
        self.modeReason = modeReason
        self.colors = colors
        self.colorsReason = colorsReason
        self.cellWidth = cellWidth
        self.cellHeight = cellHeight
        self.cellSizeSource = cellSizeSource
        self.columns = columns
        self.rows = rows
        self.synchronizedOutput = synchronizedOutput
        self.tmux = tmux
        self.interactive = interactive
        self.term = term
        self.termProgram = termProgram
        self.replies = replies
        (maxSixelWidth, maxSixelHeight) = Self.sixelLimit(replies)
        sixelColorRegisters = min(Self.colorRegisterAnswers(replies).last ?? 256, 256)
        kittyPlaceholders = mode == .kitty && tmux && Self.acceptsPlaceholders(replies)
        kittyFrameEdits = mode == .kitty && !tmux && term == "xterm-kitty"
    }

    /// True when the terminal answered OK to the placeholder query (`U=1`): a kitty older than
    /// 0.28 rejects the unknown key and sends nothing back.
    static func acceptsPlaceholders(_ replies: [TerminalReply]) -> Bool {
        replies.contains { reply in
            if case .kittyGraphics(let id, let message) = reply {
                return id == EscapeSequence.kittyPlaceholderQueryID && message == "OK"
            }
            return false
        }
    }

    /// The colour-register counts of the successful XTSMGRAPHICS answers, in order: the read,
    /// then perhaps the answer to `TerminalProbe`'s request for more.
    static func colorRegisterAnswers(_ replies: [TerminalReply]) -> [Int] {
        replies.compactMap { reply in
            guard case .graphicsAttribute(1, 0, let values) = reply, let count = values.first, count > 1 else { return nil }
            return count
        }
    }

    /// The count the terminal had before nv asked it for more (for the doctor); nil when nv
    /// did not ask.
    public var sixelColorRegistersBefore: Int? {
        let answers = Self.colorRegisterAnswers(replies)
        return answers.count >= 2 ? answers.first : nil
    }

    /// The smallest Sixel size among successful XTSMGRAPHICS answers (current and maximum).
    static func sixelLimit(_ replies: [TerminalReply]) -> (Int?, Int?) {
        var width: Int?
        var height: Int?
        for reply in replies {
            guard case .graphicsAttribute(2, 0, let values) = reply, values.count == 2,
                  values[0] > 0, values[1] > 0 else { continue }
            width = min(width ?? values[0], values[0])
            height = min(height ?? values[1], values[1])
        }
        return (width, height)
    }
}
