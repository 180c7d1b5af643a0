import Foundation
import Plots
import Runtime

/// Bytes and milliseconds per live frame over whole runs, per protocol: what a live dashboard
/// sends through the terminal (or an SSH link) and what each frame costs to draw.
///
/// The runs are the README's XOR run (`xor(hidden: 2)`, seed 42, 40,000 epochs, a frame every
/// 100: 400 frames) at the 80-column size (735 px, as kitty in an 80-column window draws it) and
/// at full size (1200x720), and one epoch of the default CNN on 1,600 shipped 14x14 digits (a
/// frame every batch: 50 frames at 1280x800). Each frame is rendered once (timed), then every
/// protocol encodes the whole sequence in order:
/// - kitty "whole frames": what nv sent before live frames were sent as changes;
/// - kitty "changes": `LiveFrameEncoder`, what the display sends now in kitty (the first frame
///   whole, then the changed boxes, editing the image in place);
/// - Sixel "pass per colour": the encoding before colours shared passes (`SixelOnePassPerColour`);
///   Sixel "shared passes": `SixelEncoder`, what the display sends now;
/// - Sixel, iTerm2 and the text modes: whole frames (no partial update), as the display sends them.
/// Each line gives the mean bytes per frame, the rate at 30 frames a second, and the median and
/// maximum encode time per frame; render + encode adds the median render time.
enum LiveRunBenchmark {
    struct Run {
        var name: String
        var frames: [Raster]
        var renderMs: [Double]
    }

    static func run(frameLimit: Int?) throws {
        let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?
            .split(separator: " ").prefix(3).joined(separator: " ") ?? "unknown"
        print("== live frames over a run: bytes and ms per frame (load average \(load)) ==")
        let snapshots = xorSnapshots(limit: frameLimit ?? 400)
        let runs = [
            render("XOR 400 frames, 80 columns", snapshots.map { XORViews.dashboard($0) }, width: 735, height: 441),
            render("XOR 400 frames, 1200x720", snapshots.map { XORViews.dashboard($0) }, width: 1200, height: 720),
            render("CNN one epoch, 1280x800", try cnnStates(limit: frameLimit).map { CNNViews.dashboard($0) },
                   width: 1280, height: 800),
        ]
        for run in runs { report(run) }
    }

    /// The networks the XOR run shows: one per report (every 100 epochs), the final one left out.
    static func xorSnapshots(limit: Int) -> [XORNetwork] {
        var rng = SeededGenerator(seed: 42)
        guard var network = try? XORNetwork(hidden: 2, rng: &rng) else { return [] }
        var shown: [XORNetwork] = []
        _ = try? network.train(epochs: 40_000, every: 100) { snapshot in
            if !snapshot.isFinal && shown.count < limit { shown.append(snapshot.network) }
        }
        return shown
    }

    /// The CNN dashboard's state after each batch of one epoch.
    static func cnnStates(limit: Int?) throws -> [CNNTrainingState] {
        let data = try MNIST.load(directory: MNIST.locateDirectory(), size: 14, trainFraction: 1,
                                  validationFraction: 0.2, seed: 123)
        let train = data.train.subset(Array(0..<1600))
        var model = try CNN(config: .standard, seed: 1)
        var trainer = CNNTrainer(epochs: 1, patience: 1, batchSize: 32, validationSubsetRatio: 0)
        var rng = SeededGenerator(seed: 2)
        let box = BenchStateBox(CNNTrainingState(model: model, epochs: 1, probeLabel: data.validation.labels[0]))
        let states = StatesBox()
        let observer = CNNTrainingObserver(
            onBatch: { s in box.mutate { $0.record(s) }; states.append(box.value) },
            onEpoch: { e in box.mutate { $0.record(e) } },
            wantsDetail: { _, _ in true }, probe: data.validation.image(0).data)
        _ = try trainer.train(&model, on: train, validation: data.validation.subset([]), rng: &rng, observer: observer)
        let all = states.value
        return limit.map { Array(all.prefix($0)) } ?? all
    }

    static func render(_ name: String, _ figures: [Figure], width: Int, height: Int) -> Run {
        var frames: [Raster] = [], times: [Double] = []
        for figure in figures {
            let start = ContinuousClock.now
            frames.append(figure.render(width: width, height: height))
            times.append(milliseconds(ContinuousClock.now - start))
        }
        return Run(name: "\(name) (\(width)x\(height))", frames: frames, renderMs: times)
    }

    static func report(_ run: Run) {
        guard let first = run.frames.first else { return }
        let renderMs = median(run.renderMs)
        print("\n-- \(run.name): \(run.frames.count) frames, render median \(String(format: "%.2f", renderMs)) ms --")
        print("protocol".padding(toLength: 34, withPad: " ", startingAt: 0),
              "bytes/frame  MB/s@30fps  encode ms (median  max)  render+encode ms")
        func line(_ label: String, _ encodeFrame: (Raster) -> Int) {
            var bytes = 0, times: [Double] = []
            for frame in run.frames {
                let start = ContinuousClock.now
                bytes += encodeFrame(frame)
                times.append(milliseconds(ContinuousClock.now - start))
            }
            let perFrame = Double(bytes) / Double(run.frames.count)
            print(label.padding(toLength: 34, withPad: " ", startingAt: 0),
                  String(format: "%11.0f %11.2f %10.2f %6.2f %17.2f", perFrame, perFrame * 30 / 1e6,
                         median(times), times.max() ?? 0, renderMs + median(times)))
        }
        line("kitty, whole frames (before)") { KittyEncoder.encode($0).count }
        var kitty = LiveFrameEncoder(KittyEncoder.Options())
        line("kitty, changes (now)") { kitty.encode($0).bytes.count }
        line("sixel, pass per colour (before)") { SixelOnePassPerColour.encode($0) }
        line("sixel, shared passes (now)") { SixelEncoder.encode($0).count }
        line("iterm2, whole frames") { ITermEncoder.encode($0).count }
        let columns = min(120, first.width / 8)
        func textBytes(_ lines: [String]) -> Int { lines.reduce(0) { $0 + $1.utf8.count + 1 } }
        line("blocks 24-bit, \(columns) columns") { textBytes(HalfBlockEncoder.encode($0, columns: columns)) }
        line("braille coloured, \(columns) columns") { textBytes(BrailleEncoder.encode($0, columns: columns, colored: true)) }
    }

    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1e3 + Double(duration.components.attoseconds) / 1e15
    }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        return values.sorted()[values.count / 2]
    }
}

/// The dashboard states collected from the training thread.
final class StatesBox: @unchecked Sendable {
    private let lock = NSLock()
    private var states: [CNNTrainingState] = []
    var value: [CNNTrainingState] { lock.withLock { states } }
    func append(_ state: CNNTrainingState) { lock.withLock { states.append(state) } }
}
