import Foundation
import Plots

/// What live Sixel frames would cost sent as their changed cells instead of whole
/// (`--sixel-cells`): the measurement behind keeping Sixel frames whole.
///
/// Terminals that paint a Sixel image into their cell grid replace exactly the cells a new image
/// covers and keep the rest of an older image (seen in mlterm 3.9 under Xvfb; foot's source cuts
/// older images around the new one's cells). There a frame could be updated with opaque images
/// of its changed cells, each placed by a cursor move at a cell's top-left corner. The estimate
/// cuts every frame of the `--run` runs into cells of `cellWidth` x `cellHeight` pixels (mlterm's
/// 10x19 here), marks the cells holding a pixel that differs from what is on screen, joins them
/// into rectangles (a cell row's runs joined across gaps of up to `gap` cells, a run joined to
/// the rectangle above when its ends are within `slack` cells of it), Sixel-encodes each
/// rectangle with `SixelEncoder` and adds 12 bytes of cursor moves per rectangle. Lines:
/// - whole frames: what the display sends;
/// - palette per image: every rectangle an image with its own colour definitions;
/// - palette per frame: the frame indexed once, its colours defined once and each rectangle a
///   crop of it (needs colour registers that outlive an image: mlterm's do; foot's only after
///   DECRST 1070, xterm's not by default);
/// - best rectangles: per frame the cheapest of eight (gap, slack) choices, with no colour
///   definitions at all: a bound on what a better choice of rectangles could give;
/// - tolerance 1 and 2: palette per frame, a cell re-sent only when a channel moved by more
///   than 1 (2) of 255 from what is on screen. Not exact (the screen lags the frame by up to
///   that many levels, and neighbouring cells may show different frames' quantisations),
///   measured for reference only.
/// The heatmaps of a dashboard change in every pixel from one frame to the next (the network's
/// output moves a little everywhere) and carry over half of a Sixel frame's bytes (56% of the
/// XOR frames at 735 px, on a fifth of their area: smooth ramps quantise into many thin bands),
/// so changed cells save at most what the static parts cost.
enum SixelCellUpdates {
    static let cellWidth = 10, cellHeight = 19

    static func run(frameLimit: Int?) throws {
        let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?
            .split(separator: " ").prefix(3).joined(separator: " ") ?? "unknown"
        print("== live Sixel frames as changed \(cellWidth)x\(cellHeight) cells (load average \(load)) ==")
        let snapshots = LiveRunBenchmark.xorSnapshots(limit: frameLimit ?? 400)
        measure("XOR 400 frames, 80 columns", snapshots.map { XORViews.dashboard($0) }, width: 735, height: 441,
                bound: true)
        measure("XOR 400 frames, 1200x720", snapshots.map { XORViews.dashboard($0) }, width: 1200, height: 720,
                bound: false)
        measure("CNN one epoch, 1280x800", try LiveRunBenchmark.cnnStates(limit: frameLimit).map { CNNViews.dashboard($0) },
                width: 1280, height: 800, bound: true)
    }

    /// One way of sending the frames: bytes of a frame given what is on screen (updated).
    struct Line {
        var label: String
        var send: (Raster, inout Raster?) -> Int
        var bytes = 0
        var times: [Double] = []
    }

    static func measure(_ name: String, _ figures: [Figure], width: Int, height: Int, bound: Bool) {
        var lines = [
            Line(label: "sixel, whole frames") { frame, shown in
                shown = frame
                return SixelEncoder.encode(frame).count
            },
            Line(label: "cells, palette per image") { cells($0, shown: &$1, gap: 4, slack: 2, framePalette: false) },
            Line(label: "cells, palette per frame") { cells($0, shown: &$1, gap: 4, slack: 2, framePalette: true) },
            Line(label: "cells, tolerance 1 (not exact)") {
                cells($0, shown: &$1, gap: 4, slack: 2, framePalette: true, tolerance: 1)
            },
            Line(label: "cells, tolerance 2 (not exact)") {
                cells($0, shown: &$1, gap: 4, slack: 2, framePalette: true, tolerance: 2)
            },
        ]
        if bound {
            lines.append(Line(label: "cells, best rectangles, no palette") { frame, shown in
                guard let previous = shown else { shown = frame; return SixelEncoder.encode(frame).count }
                let choices = [(0, 0), (2, 0), (2, 1), (4, 2), (8, 4), (16, 8), (1000, 0), (1000, 1000)]
                let best = choices.map { gap, slack in
                    var copy: Raster? = previous
                    return cells(frame, shown: &copy, gap: gap, slack: slack, framePalette: true, palette: false)
                }.min()!
                shown = frame
                return best
            })
        }
        var shown = [Raster?](repeating: nil, count: lines.count)
        for figure in figures {
            let frame = figure.render(width: width, height: height)
            for index in lines.indices {
                let start = ContinuousClock.now
                lines[index].bytes += lines[index].send(frame, &shown[index])
                lines[index].times.append(LiveRunBenchmark.milliseconds(ContinuousClock.now - start))
            }
        }
        guard !figures.isEmpty else { return }
        print("\n-- \(name) (\(width)x\(height)): \(figures.count) frames --")
        print("updates".padding(toLength: 36, withPad: " ", startingAt: 0), "bytes/frame  vs whole  encode ms (median)")
        let whole = Double(lines[0].bytes)
        for line in lines {
            print(line.label.padding(toLength: 36, withPad: " ", startingAt: 0),
                  String(format: "%11.0f %8.2f %12.2f", Double(line.bytes) / Double(figures.count),
                         Double(line.bytes) / whole, LiveRunBenchmark.median(line.times)))
        }
    }

    /// The bytes of the images that bring `shown` to `frame` (the whole frame when nothing is on
    /// screen yet), and `shown` updated with the cells sent. With `tolerance` 0 the screen then
    /// equals the frame (checked).
    static func cells(_ frame: Raster, shown: inout Raster?, gap: Int, slack: Int, framePalette: Bool,
                      tolerance: Int = 0, palette: Bool = true) -> Int {
        guard var screen = shown else { shown = frame; return SixelEncoder.encode(frame).count }
        let boxes = rectangles(changedCells(screen, frame, tolerance: tolerance), frame: frame, gap: gap, slack: slack)
        let indexed = framePalette ? IndexedImage(frame) : nil
        var total = indexed.map { palette ? definitionBytes(SixelEncoder.encode($0)) : 0 } ?? 0
        for box in boxes {
            let sixel = indexed.map { SixelEncoder.encode(crop($0, to: box)) }
                ?? SixelEncoder.encode(FrameDifference.crop(frame, to: box))
            total += sixel.count - (indexed != nil || !palette ? definitionBytes(sixel) : 0) + 12
            for y in box.minY..<box.maxY {
                for x in box.minX..<box.maxX { screen[x, y] = frame[x, y] }
            }
        }
        precondition(tolerance > 0 || screen.pixels == frame.pixels, "changed cells missed a changed pixel")
        shown = screen
        return total
    }

    /// changed: [rows, columns] the cells holding a pixel of `frame` with a channel more than
    /// `tolerance` away from `screen`.
    static func changedCells(_ screen: Raster, _ frame: Raster, tolerance: Int) -> (cells: [Bool], columns: Int) {
        let width = frame.width, height = frame.height
        let columns = (width + cellWidth - 1) / cellWidth, rows = (height + cellHeight - 1) / cellHeight
        var cells = [Bool](repeating: false, count: rows * columns)
        screen.pixels.withUnsafeBufferPointer { a in
            frame.pixels.withUnsafeBufferPointer { b in
                for y in 0..<height {
                    for x in 0..<width where !cells[y / cellHeight * columns + x / cellWidth] {
                        let i = 4 * (y * width + x)
                        for c in 0..<3 where abs(Int(a[i + c]) - Int(b[i + c])) > tolerance {
                            cells[y / cellHeight * columns + x / cellWidth] = true
                            break
                        }
                    }
                }
            }
        }
        return (cells, columns)
    }

    /// The changed cells as pixel rectangles (see the type's documentation for `gap`, `slack`).
    static func rectangles(_ changed: (cells: [Bool], columns: Int), frame: Raster, gap: Int, slack: Int) -> [PixelBox] {
        let columns = changed.columns, rows = changed.cells.count / max(columns, 1)
        // boxes: (first column, first row, end column, end row) in cells.
        var boxes: [(c0: Int, r0: Int, c1: Int, r1: Int)] = []
        var open: [Int] = []
        for r in 0..<rows {
            var runs: [(Int, Int)] = []
            var c = 0
            while c < columns {
                guard changed.cells[r * columns + c] else { c += 1; continue }
                let start = c
                while c < columns && changed.cells[r * columns + c] { c += 1 }
                if let last = runs.last, start - last.1 <= gap { runs[runs.count - 1].1 = c } else { runs.append((start, c)) }
            }
            var next: [Int] = []
            for (c0, c1) in runs {
                if let i = open.first(where: { abs(boxes[$0].c0 - c0) <= slack && abs(boxes[$0].c1 - c1) <= slack }) {
                    boxes[i].c0 = min(boxes[i].c0, c0); boxes[i].c1 = max(boxes[i].c1, c1); boxes[i].r1 = r + 1
                    open.removeAll { $0 == i }
                    next.append(i)
                } else {
                    next.append(boxes.count)
                    boxes.append((c0, r, c1, r + 1))
                }
            }
            open = next
        }
        return boxes.map {
            PixelBox(minX: $0.c0 * cellWidth, minY: $0.r0 * cellHeight,
                     maxX: min($0.c1 * cellWidth, frame.width), maxY: min($0.r1 * cellHeight, frame.height))
        }
    }

    /// The part of an indexed frame inside `box`, with the frame's whole palette.
    static func crop(_ image: IndexedImage, to box: PixelBox) -> IndexedImage {
        var part = IndexedImage(Raster(width: box.maxX - box.minX, height: box.maxY - box.minY))
        part.palette = image.palette
        part.indices = (box.minY..<box.maxY).flatMap {
            image.indices[($0 * image.width + box.minX)..<($0 * image.width + box.maxX)]
        }
        return part
    }

    /// Bytes of the colour definitions (`#n;2;r;g;b`) at the start of a Sixel sequence.
    static func definitionBytes(_ sixel: [UInt8]) -> Int {
        var i = 0, start = -1
        while i < sixel.count {
            guard sixel[i] == UInt8(ascii: "#") else { i += 1; continue }
            var j = i + 1
            while j < sixel.count, (48...57).contains(sixel[j]) { j += 1 }
            guard j < sixel.count, sixel[j] == UInt8(ascii: ";") else { return start < 0 ? 0 : i - start }
            if start < 0 { start = i }
            i = j
        }
        return 0
    }
}
