import Foundation
import Plots

// Encoder benchmark: milliseconds per encode (median of N runs) and bytes per frame for every
// encoder and its variants, on a 1200x700 plot-like raster.
// Run: swift run -c release nv-bench-plots [runs]   (default 21 runs per line)
//      swift run -c release nv-bench-plots --write DIR [FILE W H]   writes one output of each encoder to DIR
//      (plot.png, plot.sixel, plot.kitty, plot.iterm, plot-*.txt, sweep.gif, sweep.apng) for checking with
//      other decoders.
//      swift run -c release nv-bench-plots --figure [runs]   render + encode of a real 4-panel figure
//      swift run -c release nv-bench-plots --cnn [runs]   CNN training per batch, detail snapshot and dashboard render
//      swift run -c release nv-bench-plots --run [frames]   bytes and ms per live frame over a whole XOR run
//      (400 frames) and a CNN epoch, per protocol, whole frames (before) against changes (now)
//      swift run -c release nv-bench-plots --sixel-cells [frames]   the same runs' Sixel frames sent as changed
//      cells (what terminals that paint Sixel into their cell grid would allow) against whole frames
//      swift run -c release nv-bench-plots --rgba FILE WIDTH HEIGHT [runs]   benchmarks a raw RGBA8
//      dump of a real figure instead of the synthetic images.

let width = 1200, height = 700
let arguments = Array(CommandLine.arguments.dropFirst())

if arguments.first == "--write", arguments.count == 2 || arguments.count == 5 {
    let directory = URL(fileURLWithPath: arguments[1])
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    func write(_ name: String, _ bytes: [UInt8]) throws {
        try Data(bytes).write(to: directory.appendingPathComponent(name))
        print("wrote \(directory.appendingPathComponent(name).path) (\(bytes.count) bytes)")
    }
    var samples: [(String, Raster)] = [
        ("plot", TestPattern.plot(width: width, height: height, antialiased: true)),
        ("plot-few", TestPattern.plot(width: 301, height: 203, antialiased: false)),
        ("gradient", TestPattern.gradient(width: 256, height: 131)),
        ("noise", TestPattern.noise(width: 97, height: 61, seed: 1)),
    ]
    // An optional raw RGBA dump of a real figure: --write DIR FILE WIDTH HEIGHT.
    if arguments.count == 5, let w = Int(arguments[3]), let h = Int(arguments[4]),
       let bytes = try? [UInt8](Data(contentsOf: URL(fileURLWithPath: arguments[2]))), bytes.count == w * h * 4 {
        var raster = Raster(width: w, height: h)
        raster.pixels = bytes
        samples.append(("figure", raster))
    }
    for (name, raster) in samples {
        try write("\(name).rgba", raster.pixels)
        try write("\(name).png", PNGEncoder.encode(raster))
        try write("\(name).sixel", SixelEncoder.encode(raster))
        try write("\(name).kitty", KittyEncoder.encode(raster))
        try write("\(name).iterm", ITermEncoder.encode(raster))
        let text = [("blocks", HalfBlockEncoder.encode(raster, columns: 100)),
                    ("blocks256", HalfBlockEncoder.encode(raster, columns: 100, palette: .xterm256)),
                    ("braille", BrailleEncoder.encode(raster, columns: 100, colored: true)),
                    ("ascii", AsciiEncoder.encode(raster, columns: 100))]
        for (mode, lines) in text { try write("\(name)-\(mode).txt", Array((lines.joined(separator: "\n") + "\n").utf8)) }
    }
    // Two animations of 24 frames (a marker sweeping over the anti-aliased plot, the last frame
    // repeated once), for tools/reference/check_animation.py and a browser.
    let plot = TestPattern.plot(width: 600, height: 350, antialiased: true)
    var gif = GIFEncoder(width: plot.width, height: plot.height)
    var apng = APNGEncoder(width: plot.width, height: plot.height)
    var frame = plot
    for step in 0..<24 {
        frame = plot
        let cx = 40 + step * 22, cy = 175 + Int(100 * sin(Double(step) / 3))
        for y in (cy - 12)...(cy + 12) {
            for x in (cx - 12)...(cx + 12) where (x - cx) * (x - cx) + (y - cy) * (y - cy) <= 144 {
                frame[x, y] = RGBA(214, 39, 40)
            }
        }
        gif.add(frame, delay: 8)
        apng.add(frame, milliseconds: 80)
    }
    gif.add(frame, delay: 200)
    apng.add(frame, milliseconds: 2000)
    try write("sweep.gif", gif.finished()!)
    try write("sweep.apng", apng.finished()!)
    exit(0)
}

let external: (path: String, width: Int, height: Int)? =
    arguments.first == "--rgba" && arguments.count >= 4
        ? (arguments[1], Int(arguments[2]) ?? 0, Int(arguments[3]) ?? 0) : nil
let runs = (arguments.first == "--figure" || arguments.first == "--cnn" ? arguments.dropFirst().first
    : external != nil ? arguments.dropFirst(4).first : arguments.first).flatMap(Int.init) ?? 21

if arguments.first == "--figure" {
    FigureBenchmark.run(runs: runs)
    exit(0)
}

if arguments.first == "--run" {
    do { try LiveRunBenchmark.run(frameLimit: arguments.dropFirst().first.flatMap(Int.init)) } catch {
        print("nv-bench-plots: \(error)"); exit(1)
    }
    exit(0)
}

if arguments.first == "--sixel-cells" {
    do { try SixelCellUpdates.run(frameLimit: arguments.dropFirst().first.flatMap(Int.init)) } catch {
        print("nv-bench-plots: \(error)"); exit(1)
    }
    exit(0)
}

if arguments.first == "--cnn" {
    do { try CNNDashboardBenchmark.run(runs: runs) } catch { print("nv-bench-plots: \(error)"); exit(1) }
    exit(0)
}


/// CPU time of the whole process (all threads), in milliseconds.
func processCPUMilliseconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) * 1e3 + Double(time.tv_nsec) / 1e6
}

/// One measured encoder: the median and minimum wall time of `runs` calls, the median CPU time
/// (all threads: above the wall time when the encoder uses several cores, and not inflated when
/// other processes share the machine), and the bytes of the last call.
func measure(_ name: String, _ encode: () -> Int) {
    var wall: [Double] = [], cpu: [Double] = []
    var bytes = encode() // warm-up (first-touch page faults, lazy tables)
    for _ in 0..<runs {
        let cpuStart = processCPUMilliseconds()
        let start = ContinuousClock.now
        bytes = encode()
        let elapsed = ContinuousClock.now - start
        cpu.append(processCPUMilliseconds() - cpuStart)
        wall.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1e3)
    }
    wall.sort(); cpu.sort()
    let name = name.padding(toLength: 40, withPad: " ", startingAt: 0)
    print(name, String(format: "%8.2f %8.2f %8.2f %10d", wall[wall.count / 2], wall[0], cpu[cpu.count / 2], bytes))
}

func section(_ title: String, raster: Raster) {
    print("\n== \(title) (\(raster.width)x\(raster.height)), median of \(runs) ==")
    print("encoder".padding(toLength: 40, withPad: " ", startingAt: 0), "wall ms   min ms   cpu ms      bytes")

    var filters: [(String, PNGEncoder.FilterChoice)] = PNGFilter.allCases.map { ("\($0)", .fixed($0)) }
    filters.append(("adaptive sub/up/paeth", .adaptive([.sub, .up, .paeth])))
    filters.append(("adaptive all", .adaptiveAll))
    for (label, filter) in filters {
        for level in [1, 2, 6] {
            let options = PNGEncoder.Options(filter: filter, deflate: DeflateSettings(level: level))
            measure("png \(label) level \(level)") { PNGEncoder.encode(raster, options: options).count }
        }
        let rle = PNGEncoder.Options(filter: filter, deflate: DeflateSettings(level: 6, strategy: .runLength))
        measure("png \(label) rle") { PNGEncoder.encode(raster, options: rle).count }
        let runs = PNGEncoder.Options(filter: filter, deflate: DeflateSettings(strategy: .imageRuns))
        measure("png \(label) imageRuns") { PNGEncoder.encode(raster, options: runs).count }
    }
    measure("png default") { PNGEncoder.encode(raster).count }

    for level in [1, 2, 6] {
        let options = KittyEncoder.Options(format: .zlib(DeflateSettings(level: level)))
        measure("kitty f=24/32 o=z level \(level)") { KittyEncoder.encode(raster, options: options).count }
    }
    let kittyRLE = KittyEncoder.Options(format: .zlib(DeflateSettings(level: 6, strategy: .runLength)))
    measure("kitty f=24/32 o=z rle") { KittyEncoder.encode(raster, options: kittyRLE).count }
    let kittyRuns = KittyEncoder.Options(format: .zlib(DeflateSettings(strategy: .imageRuns)))
    measure("kitty f=24/32 o=z imageRuns") { KittyEncoder.encode(raster, options: kittyRuns).count }
    let serial = KittyEncoder.Options(format: .zlib(DeflateSettings(level: 2, parallel: false)))
    measure("kitty f=24/32 o=z level 2, one core") { KittyEncoder.encode(raster, options: serial).count }
    let kittyPNG = KittyEncoder.Options(format: .png(PNGEncoder.Options()))
    measure("kitty f=100 (png default)") { KittyEncoder.encode(raster, options: kittyPNG).count }
    measure("kitty default") { KittyEncoder.encode(raster).count }
    measure("kitty default, tmux") { KittyEncoder.encode(raster, options: .init(tmux: true)).count }

    measure("sixel: palette only") { IndexedImage(raster).palette.count }
    let indexed = IndexedImage(raster)
    print("  (\(indexed.isExact ? "exact" : "quantised") palette of \(indexed.palette.count) colours)")
    measure("sixel: bands only") { SixelEncoder.encode(indexed).count }
    measure("sixel") { SixelEncoder.encode(raster).count }
    measure("sixel 16 registers") { SixelEncoder.encode(raster, options: .init(maxColors: 16)).count }

    measure("iterm2") { ITermEncoder.encode(raster).count }
    func textBytes(_ lines: [String]) -> Int { lines.reduce(0) { $0 + $1.utf8.count + 1 } }
    measure("blocks 24-bit, 120 columns") { textBytes(HalfBlockEncoder.encode(raster, columns: 120)) }
    measure("blocks 256, 120 columns") { textBytes(HalfBlockEncoder.encode(raster, columns: 120, palette: .xterm256)) }
    measure("braille, 120 columns") { textBytes(BrailleEncoder.encode(raster, columns: 120)) }
    measure("braille coloured, 120 columns") { textBytes(BrailleEncoder.encode(raster, columns: 120, colored: true)) }
    measure("ascii, 120 columns") { textBytes(AsciiEncoder.encode(raster, columns: 120)) }
}

if let external {
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: external.path)))
    guard external.width > 0, external.height > 0, bytes.count == external.width * external.height * 4 else {
        print("--rgba: \(external.path) has \(bytes.count) bytes, not \(external.width)x\(external.height)x4")
        exit(1)
    }
    var raster = Raster(width: external.width, height: external.height)
    raster.pixels = bytes
    section(external.path, raster: raster)
    exit(0)
}

section("synthetic anti-aliased plot", raster: TestPattern.plot(width: width, height: height, antialiased: true))
section("synthetic plot, few colours", raster: TestPattern.plot(width: width, height: height, antialiased: false))
section("noise (worst case)", raster: TestPattern.noise(width: width, height: height, seed: 1))
