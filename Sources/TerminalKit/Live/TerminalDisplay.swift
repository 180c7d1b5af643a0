import Interpreter
import Plots

/// The terminal's `Display`: text to stdout, figures sized to the window and encoded for the
/// detected protocol, live figures replaced in place, `q` read without blocking.
///
/// A live figure animates only when stdout is a terminal, `--no-live` is off and the mode can
/// move the cursor (not ASCII, whose output holds no escape sequence). Otherwise only forced
/// frames (a run's last) are printed, as a still picture, and other frames are only written to
/// `--frames` when they pass the rate limit.
public final class TerminalDisplay: Display {
    /// What was detected about the terminal (or decided from the options).
    public let capabilities: TerminalCapabilities
    private let port: TerminalPort
    private let encoders: PictureEncoders
    private let maxWidth: Int?
    public let animates: Bool
    private let recorder: FrameRecorder?
    private let composer: FrameComposer
    private var limiter: FrameRateLimiter
    private var nextImageID: UInt32
    private var atLineStart = true

    private struct Region {
        var layout: ImageLayout
        var imageID: UInt32
        /// The window the layout was fitted to: a frame in a resized window starts over.
        var window: WindowSize?
        /// `port.resumeCount()` when the region started: after a Ctrl-Z and `fg` the shell's
        /// lines stand below the region, so the next frame starts a new one under them.
        var resumes: Int
        /// Text rows the last frame covered (what the next frame moves up over).
        var drawnRows = 0
        /// Characters of the status line last drawn under it.
        var statusLength = 0
        /// Sends the frames after the first as changes, when the terminal allows it (nil: whole).
        var frames: LiveFrameEncoder?
    }
    private var liveActive = false
    private var region: Region?
    private var status: String?
    private var statusDrawnAt = -Double.infinity
    private var stopLatched = false
    /// True while a status line stands on its own, with no live picture above it (a run that
    /// draws no figure, such as a CNN's epochs): the cursor is at its end, and other output
    /// first erases it (the next status redraws it below that output).
    private var bareStatus = false
    /// `port.resumeCount()` when the bare status line was started.
    private var bareStatusResumes = 0

    /// - Parameters:
    ///   - live: false for `--no-live`: live figures show only their forced (last) frame.
    ///   - framesDirectory: `--frames DIR`; `reportError` gets its one error message if any.
    ///   - firstImageID: the kitty image id of the first picture; each later picture or live
    ///     region takes the next one, so a new picture never replaces an older one.
    public init(capabilities: TerminalCapabilities, port: TerminalPort, encoders: PictureEncoders,
                maxWidth: Int?, live: Bool, framesDirectory: String?,
                firstImageID: UInt32 = 1, maxFramesPerSecond: Double = 30,
                reportError: @escaping (String) -> Void) {
        self.capabilities = capabilities
        self.port = port
        self.encoders = encoders
        self.maxWidth = maxWidth
        composer = FrameComposer(mode: capabilities.mode,
                                 synchronized: capabilities.synchronizedOutput,
                                 tmux: capabilities.tmux)
        animates = capabilities.interactive && live && composer.escapesAllowed
        recorder = framesDirectory.map {
            FrameRecorder(directory: $0, png: encoders.png, reportError: reportError)
        }
        limiter = FrameRateLimiter(maxFramesPerSecond: maxFramesPerSecond)
        nextImageID = max(1, firstImageID)
    }

    public func write(_ text: String) {
        guard !text.isEmpty else { return }
        eraseBareStatus()
        closeRegion()
        port.write(Array(text.utf8))
        atLineStart = text.hasSuffix("\n")
    }

    public func show(_ figure: Figure) {
        eraseBareStatus()
        closeRegion()
        let layout = fitted(figure, reservedRows: 1)
        if let text = textPicture(figure, layout: layout) {
            startLine()
            send(composer.still(text))
            atLineStart = true
            record(figure, displayed: nil)
            return
        }
        let raster = figure.render(width: layout.pixelWidth, height: layout.pixelHeight)
        if capabilities.mode != .none {
            startLine()
            send(composer.still(encode(raster, layout: layout, imageID: takeImageID())))
            atLineStart = true
        }
        record(figure, displayed: raster)
    }

    public func beginLive() {
        closeRegion()
        liveActive = true
        limiter.reset()
        status = nil
        statusDrawnAt = -Double.infinity
        stopLatched = false
        if capabilities.interactive { port.enterKeyMode() }
    }

    @discardableResult
    public func updateLive(_ figure: Figure, force: Bool) -> Bool {
        let start = port.now()
        guard limiter.allows(at: start, force: force) else { return false }
        guard animates, liveActive else {
            if force {
                show(figure)
            } else {
                guard recorder != nil else { return false }
                record(figure, displayed: nil)
            }
            limiter.recordFrame(start: start, end: port.now())
            return true
        }
        leaveOutdatedRegion()
        var current: Region
        let isFirst: Bool
        if let region {
            current = region
            isFirst = false
        } else {
            let imageID = takeImageID()
            current = Region(layout: fitted(figure, reservedRows: 2), imageID: imageID,
                             window: port.windowSize(), resumes: port.resumeCount(),
                             frames: encoders.liveFrames(capabilities.mode, imageID))
            isFirst = true
        }
        let layout = current.layout
        var raster: Raster?
        let picture: EncodedPicture
        if let text = textPicture(figure, layout: layout) {
            picture = text
        } else {
            let drawn = figure.render(width: layout.pixelWidth, height: layout.pixelHeight)
            if let update = current.frames?.encode(drawn) {
                // An edit of the image on screen needs no cursor: it goes where a frame would.
                picture = .graphics(bytes: update.bytes, rows: layout.rows)
            } else {
                picture = encode(drawn, layout: layout, imageID: current.imageID)
            }
            raster = drawn
        }
        let shownStatus = status.map(clipped)
        if isFirst {
            eraseBareStatus()
            startLine()
            send(composer.firstFrame(picture, status: shownStatus))
        } else {
            send(composer.nextFrame(picture, status: shownStatus, previousRows: current.drawnRows))
        }
        region = current
        region?.drawnRows = picture.rows
        region?.statusLength = shownStatus?.count ?? 0
        record(figure, displayed: raster)
        limiter.recordFrame(start: start, end: port.now())
        return true
    }

    public func endLive() {
        if bareStatus {
            // The last status stays as the run's closing line.
            port.write(Array("\n".utf8))
            bareStatus = false
            atLineStart = true
        }
        closeRegion()
        if !animates, let status, !status.isEmpty {
            write(status + "\n")
        }
        if capabilities.interactive { port.leaveKeyMode() }
        liveActive = false
        status = nil
        stopLatched = false
    }

    public func stopRequested() -> Bool {
        guard !stopLatched, liveActive, capabilities.interactive else { return stopLatched }
        let typed = port.readAvailableInput()
        if typed.contains(UInt8(ascii: "q")) || typed.contains(UInt8(ascii: "Q")) {
            stopLatched = true
        }
        return stopLatched
    }

    /// Sets the text line shown under the live picture (epoch, loss, rate, ETA). While frames
    /// animate it is redrawn in place, at most 15 times a second unless `force` (on a row of its
    /// own when no picture was drawn yet: see `bareStatus`); otherwise the
    /// last status is printed once when the live figure ends. A line wider than the window is
    /// cut, since a wrapped line would break in-place replacement.
    public func setStatus(_ line: String, force: Bool = false) {
        status = line
        guard animates, liveActive else { return }
        let now = port.now()
        guard force || now - statusDrawnAt >= 1.0 / 15 else { return }
        statusDrawnAt = now
        if bareStatus, port.resumeCount() != bareStatusResumes {
            // The shell wrote its lines after the status: start a new one below them.
            bareStatus = false
            atLineStart = true
        }
        if region == nil {
            if !bareStatus {
                startLine()
                bareStatusResumes = port.resumeCount()
            }
            bareStatus = true
            atLineStart = false
        }
        let shown = clipped(line)
        region?.statusLength = shown.count
        port.write(composer.statusUpdate(shown))
    }

    /// Ends the live region when the frame drawn there no longer fits what is on screen:
    /// - after Ctrl-Z and `fg`, the shell's "Stopped" and command lines stand below it: the
    ///   old frame stays as it was and the next frame starts below the cursor;
    /// - after the window was resized, the old frame is erased (the rows from its top to the
    ///   end of the screen, and a kitty picture by its id) and the next frame is fitted to
    ///   the new size from where the old one began.
    private func leaveOutdatedRegion() {
        guard let current = region else { return }
        if port.resumeCount() != current.resumes {
            port.write(Array(EscapeSequence.showCursor.utf8))
            region = nil
            atLineStart = true
            return
        }
        let window = port.windowSize()
        guard let old = current.window, let window, window.columns > 0, window.rows > 0,
              old.columns != window.columns || old.rows != window.rows else { return }
        var erase: [UInt8] = []
        if capabilities.mode == .kitty && !capabilities.kittyPlaceholders {
            let delete = EscapeSequence.kittyDeletePlacements(imageID: current.imageID)
            erase += Array((capabilities.tmux ? EscapeSequence.tmuxPassthrough(delete) : delete).utf8)
        }
        // The cursor is at the end of the status line, under the picture's rows. A terminal
        // that re-wraps lines on resize (kitty) moves it down by the rows the status now wraps to.
        let wrapped = capabilities.mode == .kitty ? current.statusLength / window.columns : 0
        erase += Array(("\r" + EscapeSequence.cursorUp(current.drawnRows + wrapped)
                        + EscapeSequence.eraseBelow).utf8)
        port.write(erase)
        region = nil
        atLineStart = true
    }

    /// Removes a status line that stands on its own, leaving the cursor at the start of its row.
    private func eraseBareStatus() {
        guard bareStatus else { return }
        port.write(Array(("\r" + EscapeSequence.eraseLine).utf8))
        bareStatus = false
        atLineStart = true
    }

    /// Ends the current live region so that what follows is written below it. The next live
    /// frame starts a new region (and, for kitty, a new image id).
    private func closeRegion() {
        guard region != nil else { return }
        port.write(composer.finish(statusShown: !(status ?? "").isEmpty))
        region = nil
        atLineStart = true
    }

    /// Writes a frame's parts; between parts (graphics under tmux), gives tmux time to process
    /// the first part, so the picture lands where that part left the cursor.
    private func send(_ parts: [[UInt8]]) {
        for (index, part) in parts.enumerated() {
            if index > 0 { port.pause(seconds: Self.tmuxSettleTime) }
            port.write(part)
        }
    }

    /// How long tmux gets to catch up before a picture goes through passthrough: measured
    /// enough in kitty under tmux 3.3a with 10 ms; 15 ms leaves a margin on a loaded machine.
    static let tmuxSettleTime = 0.015

    private func startLine() {
        if !atLineStart { port.write(Array("\n".utf8)) }
        atLineStart = true
    }

    private func fitted(_ figure: Figure, reservedRows: Int) -> ImageLayout {
        var capabilities = capabilities
        if let window = port.windowSize(), window.columns > 0, window.rows > 0 {
            capabilities.columns = window.columns
            capabilities.rows = window.rows
        }
        if figure.drawText != nil, ImageSizing.isText(capabilities.mode) {
            return ImageSizing.fitText(preferredColumns: figure.preferredColumns, preferredRows: figure.preferredRows,
                                       capabilities: capabilities, maxWidth: maxWidth, reservedRows: reservedRows)
        }
        return ImageSizing.fit(preferredWidth: figure.preferredWidth,
                               preferredHeight: figure.preferredHeight,
                               capabilities: capabilities, maxWidth: maxWidth,
                               reservedRows: reservedRows)
    }

    /// The figure drawn with characters (titles, ticks and values as text), for a text mode and
    /// a figure that has a text form; nil otherwise (the raster is encoded instead).
    private func textPicture(_ figure: Figure, layout: ImageLayout) -> EncodedPicture? {
        guard figure.drawText != nil, ImageSizing.isText(capabilities.mode) else { return nil }
        let (style, colors) = ImageSizing.textStyle(capabilities)
        return .text(lines: figure.renderText(columns: layout.columns, rows: layout.rows, style: style).lines(colors: colors))
    }

    private func encode(_ raster: Raster, layout: ImageLayout, imageID: UInt32) -> EncodedPicture {
        let bytes: [UInt8]
        switch capabilities.mode {
        case .kitty where capabilities.kittyPlaceholders:
            return .placeholders(
                transmit: encoders.kittyVirtual(raster, imageID, layout.columns, layout.rows),
                lines: KittyPlaceholders.lines(imageID: imageID, columns: layout.columns, rows: layout.rows))
        case .kitty: bytes = encoders.kitty(raster, imageID)
        case .sixel: bytes = encoders.sixel(raster)
        case .iterm: bytes = encoders.iterm(raster)
        case .blocks, .braille:
            return .text(lines: encoders.text(raster, capabilities.mode, capabilities.colors,
                                              layout.columns))
        case .ascii, .auto, .none:
            return .text(lines: encoders.text(raster, .ascii, .none, layout.columns))
        }
        return .graphics(bytes: bytes, rows: layout.rows)
    }

    /// Writes the frame to `--frames`: the displayed raster for graphics modes; for text modes
    /// (whose raster is only as detailed as the characters) a render at the figure's own size.
    private func record(_ figure: Figure, displayed: Raster?) {
        guard let recorder, !recorder.failed else { return }
        if let displayed, !ImageSizing.isText(capabilities.mode) {
            recorder.record(displayed)
            return
        }
        var width = max(1, figure.preferredWidth)
        var height = max(1, figure.preferredHeight)
        if let maxWidth, maxWidth > 0, width > maxWidth {
            height = max(1, height * maxWidth / width)
            width = maxWidth
        }
        recorder.record(figure.render(width: width, height: height))
    }

    /// The next kitty image id; with Unicode placeholders, one whose bytes the placeholder
    /// cells can name (`KittyPlaceholders.imageID(sequence:)`).
    private func takeImageID() -> UInt32 {
        let id = nextImageID
        nextImageID = nextImageID == UInt32.max ? 1 : nextImageID + 1
        return capabilities.kittyPlaceholders ? KittyPlaceholders.imageID(sequence: Int(id)) : id
    }

    /// `line` shortened to the window's width minus one column (so it never wraps), leaving
    /// out its least important parts first (`StatusLineFit`).
    private func clipped(_ line: String) -> String {
        let columns = port.windowSize()?.columns ?? capabilities.columns
        let firstLine = line.split(separator: "\n", omittingEmptySubsequences: false).first ?? ""
        return StatusLineFit.fit(String(firstLine), columns: max(1, columns - 1))
    }
}
