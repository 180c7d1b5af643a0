import Foundation
import Plots
import Runtime

/// Bytes and milliseconds per live frame over whole runs, per protocol: what a live dashboard
/// sends through the terminal (or an SSH link) and what each frame costs to draw.
///
/// The runs are the README's XOR run (`xor(hidden: 2)`, seed 42, 40,000 epochs, a frame every
/// 100: 400 frames) at the 80-column size (735 px, as kitty in an 80-column window draws it) and
/// at full size (1200x720), and one epoch of the default CNN on 1,600 shipped 14x14 digits (a
/// frame every batch: 50 frames at 1280x800). Each frame is rendered (timed), then every
/// protocol encodes it (timed), each protocol seeing the frames in order:
/// - kitty "whole frames": what nv sent before live frames were sent as changes;
/// - kitty "changes": `LiveFrameEncoder`, what the display sends now in kitty (the first frame
///   whole, then the changed boxes, editing the image in place);
/// - Sixel "pass per colour": the encoding before colours shared passes (`SixelOnePassPerColour`);
///   Sixel "shared passes": `SixelEncoder`, what the display sends now;
/// - Sixel, iTerm2 and the text modes: whole frames (no partial update), as the display sends them.
/// Each line gives the mean bytes per frame, the rate at 30 frames a second, and the median and
/// maximum encode time per frame; render + encode adds the median render time.
enum LiveRunBenchmark {
    static func run(frameLimit: Int?) throws {
        let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?
            .split(separator: " ").prefix(3).joined(separator: " ") ?? "unknown"
        print("== live frames over a run: bytes and ms per frame (load average \(load)) ==")
        let snapshots = xorSnapshots(limit: frameLimit ?? 400)
        measure("XOR 400 frames, 80 columns", snapshots.map { XORViews.dashboard($0) }, width: 735, height: 441)
        measure("XOR 400 frames, 1200x720", snapshots.map { XORViews.dashboard($0) }, width: 1200, height: 720)
        measure("CNN one epoch, 1280x800", try cnnStates(limit: frameLimit).map { CNNViews.dashboard($0) },
                width: 1280, height: 800)
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

    /// One protocol's encoder and its totals over the run.
    struct Line {
        var label: String
        var encode: (Raster) -> Int
        var bytes = 0
        var times: [Double] = []
    }

    /// Renders each frame (timed) and has every protocol encode it (timed) before the next
    /// frame is drawn, as a live display does: only the frame on screen is alive, so the
    /// renders reuse memory instead of touching gigabytes of fresh pages (keeping 400 frames
    /// of 1200x720 made each render page-fault its 3.5 MB, tripling its time on this machine).
    static func measure(_ name: String, _ figures: [Figure], width: Int, height: Int) {
        var kitty = LiveFrameEncoder(KittyEncoder.Options())
        let columns = min(120, width / 8)
        func textBytes(_ lines: [String]) -> Int { lines.reduce(0) { $0 + $1.utf8.count + 1 } }
        var lines = [
            Line(label: "kitty, whole frames (before)") { KittyEncoder.encode($0).count },
            Line(label: "kitty, changes (now)") { kitty.encode($0).bytes.count },
            Line(label: "sixel, pass per colour (before)") { SixelOnePassPerColour.encode($0) },
            Line(label: "sixel, shared passes (now)") { SixelEncoder.encode($0).count },
            Line(label: "iterm2, whole frames") { ITermEncoder.encode($0).count },
            Line(label: "blocks 24-bit, \(columns) columns") { textBytes(HalfBlockEncoder.encode($0, columns: columns)) },
            Line(label: "braille coloured, \(columns) columns") {
                textBytes(BrailleEncoder.encode($0, columns: columns, colored: true))
            },
        ]
        var renderTimes: [Double] = []
        for figure in figures {
            let start = ContinuousClock.now
            let frame = figure.render(width: width, height: height)
            renderTimes.append(milliseconds(ContinuousClock.now - start))
            for index in lines.indices {
                let start = ContinuousClock.now
                lines[index].bytes += lines[index].encode(frame)
                lines[index].times.append(milliseconds(ContinuousClock.now - start))
            }
        }
        guard !figures.isEmpty else { return }
        let renderMs = median(renderTimes)
        print("\n-- \(name) (\(width)x\(height)): \(figures.count) frames, render median \(String(format: "%.2f", renderMs)) ms --")
        print("protocol".padding(toLength: 34, withPad: " ", startingAt: 0),
              "bytes/frame  MB/s@30fps  encode ms (median  max)  render+encode ms")
        for line in lines {
            let perFrame = Double(line.bytes) / Double(figures.count)
            print(line.label.padding(toLength: 34, withPad: " ", startingAt: 0),
                  String(format: "%11.0f %11.2f %10.2f %6.2f %17.2f", perFrame, perFrame * 30 / 1e6,
                         median(line.times), line.times.max() ?? 0, renderMs + median(line.times)))
        }
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
