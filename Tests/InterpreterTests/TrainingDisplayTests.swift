import Foundation
import Plots
import Runtime
import Testing
@testable import Interpreter

/// A display that records the order of live calls, so a test can check how `train` drives it.
final class LiveRecordingDisplay: Display {
    enum Event: Equatable {
        case begin, frame(forced: Bool), end, status(forced: Bool), shown
    }
    var events: [Event] = []
    var text = ""
    var statuses: [String] = []
    /// `stopRequested` answers true from this many calls on (nil: never).
    var stopAfterPolls: Int?
    private(set) var polls = 0
    /// Epoch counts seen by a callback when frames are offered, via `onFrame`.
    var onFrame: (() -> Void)?

    func write(_ text: String) { self.text += text }
    func show(_ figure: Figure) { events.append(.shown) }
    func beginLive() { events.append(.begin) }
    func updateLive(_ figure: Figure, force: Bool) -> Bool {
        events.append(.frame(forced: force))
        onFrame?()
        return true
    }
    func endLive() { events.append(.end) }
    func stopRequested() -> Bool {
        polls += 1
        // The first poll comes at the first report; pausing there lets the first-frame delay
        // (one frame interval) pass, so even a run that is fast in release offers a frame.
        if polls == 1 { Thread.sleep(forTimeInterval: 0.05) }
        if let stopAfterPolls { return polls >= stopAfterPolls }
        return false
    }
    func setStatus(_ line: String, force: Bool) {
        statuses.append(line)
        events.append(.status(forced: force))
    }

    var frames: [Event] { events.filter { if case .frame = $0 { true } else { false } } }
}

@Suite struct TrainingDisplayTests {
    func session(_ display: LiveRecordingDisplay, live: Bool = true) -> Session {
        Session(display: display, options: SessionOptions(graphics: .none, seed: 3, live: live))
    }

    func run(_ session: Session, _ source: String) throws {
        if case .failure(let error) = session.run(source, name: "test") {
            Issue.record("unexpected error: \(error.message)")
            throw error
        }
    }

    @Test func xorTrainingOffersFramesForcesTheLastAndEnds() throws {
        let display = LiveRecordingDisplay()
        let session = session(display)
        try run(session, "net = xor(hidden: 2); train(net, epochs: 3000, every: 100)")
        #expect(display.events.first == .begin)
        #expect(display.events.last == .end)
        // A frame is offered once the first frame interval has passed; the last frame is forced
        // and comes just before endLive.
        #expect(display.frames.first == .frame(forced: false))
        #expect(display.frames.last == .frame(forced: true))
        #expect(display.frames.filter { $0 == .frame(forced: true) }.count == 1)
        let endIndex = display.events.lastIndex(of: .end) ?? 0
        #expect(display.events[endIndex - 1] == .frame(forced: true))
        // The final status is forced, names the epoch, and comes before the last frame.
        #expect(display.statuses.last?.hasPrefix("epoch 3000/3000") == true)
        #expect(display.events.contains(.status(forced: true)))
        // The predictions table follows: four rows with a mark each.
        let rows = display.text.split(separator: "\n").filter { $0.hasPrefix("[") }
        #expect(rows.count == 4)
        #expect(rows.allSatisfy { $0.hasSuffix("✓") || $0.hasSuffix("✗") })
    }

    @Test func stopRequestedEndsTrainingKeepingTheWeights() throws {
        let display = LiveRecordingDisplay()
        display.stopAfterPolls = 2
        let session = session(display)
        try run(session, "net = xor(hidden: 2); train(net, epochs: 10000000, every: 100)")
        guard case .object(let object)? = session.value(of: "net"), let model = object as? XORModel else {
            Issue.record("net is not an xor model"); return
        }
        // q is polled at most every 20 ms, at a report: the run stops on a report's epoch.
        let epoch = model.network.epoch
        #expect(epoch > 0 && epoch < 10_000_000 && epoch % 100 == 0)
        #expect(display.polls == 2)
        #expect(display.text.contains("stopped at epoch \(epoch) (q)"))
        #expect(display.text.contains("input   target  output  right"))
        #expect(display.events.last == .end)
        #expect(display.frames.last == .frame(forced: true))
        // The kept weights are the trained ones: training again continues from there.
        display.stopAfterPolls = nil
        try run(session, "train(net, epochs: 100)")
        #expect(model.network.epoch == epoch + 100)
    }

    @Test func ctrlCStopsTrainingAndTheSessionStaysUsable() throws {
        let display = LiveRecordingDisplay()
        let session = session(display)
        display.onFrame = { session.interrupt.raise() }
        let outcome = session.run("net = xor(hidden: 3); train(net, epochs: 50000, every: 10)", name: "test")
        if case .failure(let error) = outcome { Issue.record("unexpected error: \(error.message)") }
        #expect(display.text.contains("stopped at epoch"))
        #expect(display.text.contains("(Ctrl-C)"))
        #expect(!display.text.contains("stopped at epoch 50000"))
        try run(session, "print(net.epoch < 50000)")
        #expect(display.text.hasSuffix("true\n"))
    }

    @Test func noLiveOffersOnlyTheForcedFrame() throws {
        let display = LiveRecordingDisplay()
        let session = session(display, live: false)
        try run(session, "net = xor(hidden: 2); train(net, epochs: 2000, every: 10)")
        #expect(display.frames == [.frame(forced: true)])
        #expect(display.events.first == .begin && display.events.last == .end)
    }

    @Test func mlpTrainingOffersFramesAndReportsAccuracy() throws {
        let display = LiveRecordingDisplay()
        let session = session(display)
        try run(session, "m = mlp(layers: [2, 4, 1], optimizer: adam(lr: 0.03)); train(m, split(circle(n: 80), 0.5), epochs: 5, every: 1)")
        #expect(display.frames.first == .frame(forced: false))
        #expect(display.frames.last == .frame(forced: true))
        #expect(display.events.last == .end)
        #expect(display.text.contains("train accuracy"))
        #expect(display.text.contains("test accuracy"))
        #expect(display.statuses.last?.contains("test") == true)
    }

    @Test func hugeLearningRateGivesAMessageAndEndsTheLiveFigure() throws {
        let display = LiveRecordingDisplay()
        let session = session(display)
        let outcome = session.run("m = mlp(loss: \"mse\", activation: \"linear\"); train(m, circle(), lr: 1e30, epochs: 50)", name: "test")
        guard case .failure(let error) = outcome else { Issue.record("huge lr trained without complaint"); return }
        #expect(error.message.hasPrefix("train: the loss became"))
        #expect(display.events.last == .end)
        try run(session, "print(1 + 1)")
    }

    @Test(arguments: ["show(xor(hidden: 2))", "show(circle(n: 20))", "show(mlp())",
                      "m = mlp(); train(m, circle(n: 20), epochs: 1); show(m)"])
    func showDrawsModelsAndDatasets(_ source: String) throws {
        let display = LiveRecordingDisplay()
        let session = session(display)
        try run(session, source)
        #expect(display.events.filter { $0 == .shown }.count == 1)
    }

    @Test func saveAndLoadRoundTrip() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nv-models-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let display = LiveRecordingDisplay()
        let session = session(display)
        session.define("xorPath", .string(directory.appendingPathComponent("xor.safetensors").path))
        session.define("mlpPath", .string(directory.appendingPathComponent("mlp.safetensors").path))
        try run(session, """
            net = xor(hidden: 3)
            net.layers[0].weight[1][0] = 0.25
            save(net, xorPath)
            back = load(xorPath)
            points = [[0, 0], [0, 1], [1, 0], [1, 1], [0.3, 0.7]]
            a = predict(net, points)
            b = predict(back, points)
            m = mlp(layers: [2, 5, 1], activation: "relu")
            save(m, mlpPath)
            m2 = load(mlpPath)
            c = predict(m, points)
            d = predict(m2, points)
            """)
        func numbers(_ name: String) -> [Double] {
            guard case .list(let list)? = session.value(of: name) else { return [] }
            return list.elements.compactMap { if case .number(let x) = $0 { x } else { nil } }
        }
        #expect(numbers("a").count == 5)
        // Saved as Float32: the reloaded xor network agrees to Float precision.
        for (x, y) in zip(numbers("a"), numbers("b")) { #expect(abs(x - y) < 1e-6) }
        #expect(numbers("c") == numbers("d"))
        #expect(numbers("c").count == 5)
        try run(session, "print(back.layers[0].weight[1][0])")
        #expect(display.text.hasSuffix("0.25\n"))
    }
}
