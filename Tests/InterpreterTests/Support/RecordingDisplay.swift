import Plots
@testable import Interpreter

/// A display that records what the interpreter sends to it.
final class RecordingDisplay: Display {
    var text = ""
    var shown: [Figure] = []
    var liveFrames = 0
    /// The last live frame offered (drawn or not).
    var lastLive: Figure?

    func write(_ text: String) { self.text += text }
    func show(_ figure: Figure) { shown.append(figure) }
    func beginLive() {}
    func updateLive(_ figure: Figure, force: Bool) -> Bool { liveFrames += 1; lastLive = figure; return true }
    func endLive() {}
    func stopRequested() -> Bool { false }
}

/// A fresh session with a recording display.
func makeSession(seed: UInt64? = nil) -> (Session, RecordingDisplay) {
    let display = RecordingDisplay()
    return (Session(display: display, options: SessionOptions(graphics: .none, seed: seed)), display)
}

/// Runs `source` in a fresh session and returns what it printed, or the error's message.
func output(of source: String) -> String {
    let (session, display) = makeSession()
    switch session.run(source, name: "test") {
    case .success: return display.text
    case .failure(let error): return display.text + "error: " + error.message
    }
}

/// The error a program fails with (nil when it succeeds).
func failure(of source: String, in session: Session? = nil) -> NVError? {
    let session = session ?? makeSession().0
    if case .failure(let error) = session.run(source, name: "test") { return error }
    return nil
}
