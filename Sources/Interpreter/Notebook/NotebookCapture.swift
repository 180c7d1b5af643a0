import Plots

/// A `Display` that keeps what each entry shows, for a notebook, and passes everything on to the
/// display the user sees (or to none, when exporting).
///
/// Text is kept as written; a figure shown is kept as a PNG rendered at its own size (capped at
/// `maxWidth`, like `--frames`), at once, since a figure may draw a model that later entries
/// change. Of a live run only the last frame offered is kept, rendered when the run ends. Status
/// lines are not kept: they hold timings (epochs per second, seconds taken), and a notebook's
/// output must read the same when it is replayed.
public final class NotebookCapture: Display {
    /// The display passed through to; nil shows nothing.
    public let base: Display?
    /// Largest picture width in pixels (`--width`); nil for the figure's own size.
    public let maxWidth: Int?
    /// The entry being recorded.
    public private(set) var current = NotebookEntry(code: "")
    private var liveFigure: Figure?
    /// Renders a figure to PNG; a parameter so that tests can count renders.
    private let png: (Raster) -> [UInt8]

    public init(base: Display?, maxWidth: Int? = nil,
                png: @escaping (Raster) -> [UInt8] = { PNGEncoder.encode($0, options: .compact) }) {
        self.base = base
        self.maxWidth = maxWidth
        self.png = png
    }

    /// Starts recording an entry with `code`.
    public func begin(_ code: String) {
        current = NotebookEntry(code: code)
        liveFigure = nil
    }

    /// Ends the entry (with the message of its error, if it failed) and returns it.
    public func end(error: String? = nil) -> NotebookEntry {
        finishLive()
        var entry = current
        entry.error = error
        current = NotebookEntry(code: "")
        return entry
    }

    /// A figure rendered as the notebook keeps it: its own size, no wider than `maxWidth`.
    public func picture(_ figure: Figure) -> [UInt8] {
        var width = max(1, figure.preferredWidth), height = max(1, figure.preferredHeight)
        if let maxWidth, maxWidth > 0, width > maxWidth {
            height = max(1, height * maxWidth / width)
            width = maxWidth
        }
        return png(figure.render(width: width, height: height))
    }

    private func finishLive() {
        if let figure = liveFigure { current.pictures.append(picture(figure)) }
        liveFigure = nil
    }

    public func write(_ text: String) {
        current.output += text
        base?.write(text)
    }

    public func show(_ figure: Figure) {
        current.pictures.append(picture(figure))
        base?.show(figure)
    }

    public func beginLive() {
        finishLive()
        base?.beginLive()
    }

    @discardableResult
    public func updateLive(_ figure: Figure, force: Bool) -> Bool {
        liveFigure = figure
        return base?.updateLive(figure, force: force) ?? true
    }

    public func endLive() {
        base?.endLive()
        finishLive()
    }

    public func stopRequested() -> Bool { base?.stopRequested() ?? false }

    public func setStatus(_ line: String, force: Bool) {
        base?.setStatus(line, force: force)
    }

    public var animates: Bool { base?.animates ?? false }
}
