import Foundation
import Testing
@testable import Plots

/// Replays kitty output on a canvas as kitty does: `a=T` replaces the image, `a=f,r=1` pastes a
/// box of pixels over it at `x=`,`y=`. Each transmission goes through `KittyDecoder`, which checks
/// the chunking rules.
struct KittyCanvas {
    var image: Raster?
    /// The keys of every transmission replayed, in order.
    var transmissions: [KittyDecoder] = []

    mutating func apply(_ bytes: [UInt8]) throws {
        for part in try Self.transmissions(KittyDecoder.unwrapTmux(bytes)) {
            let decoded = try KittyDecoder(part)
            transmissions.append(decoded)
            switch decoded.keys["a"] {
            case "T":
                image = decoded.raster
            case "f":
                guard var canvas = image else { throw KittyDecoder.Failure(description: "an edit before any image") }
                guard decoded.keys["r"] == "1", decoded.keys["X"] == "1",
                      let x = decoded.keys["x"].flatMap(Int.init), let y = decoded.keys["y"].flatMap(Int.init) else {
                    throw KittyDecoder.Failure(description: "an edit without r=1, X=1, x= and y=")
                }
                let patch = decoded.raster
                guard x >= 0, y >= 0, x + patch.width <= canvas.width, y + patch.height <= canvas.height else {
                    throw KittyDecoder.Failure(description: "an edit outside the image")
                }
                for py in 0..<patch.height {
                    for px in 0..<patch.width { canvas[x + px, y + py] = patch[px, py] }
                }
                image = canvas
            default:
                throw KittyDecoder.Failure(description: "unexpected action \(decoded.keys["a"] ?? "-")")
            }
        }
    }

    /// The bytes split into transmissions: a chunk with an action key starts one.
    static func transmissions(_ bytes: [UInt8]) -> [[UInt8]] {
        var parts: [[UInt8]] = []
        var index = 0
        while index + 3 < bytes.count {
            guard let end = (index..<(bytes.count - 1)).first(where: { bytes[$0] == 0x1B && bytes[$0 + 1] == UInt8(ascii: "\\") }) else { break }
            let chunk = Array(bytes[index...(end + 1)])
            if chunk.starts(with: Array("\u{1B}_Ga=".utf8)) || parts.isEmpty { parts.append(chunk) } else { parts[parts.count - 1] += chunk }
            index = end + 2
        }
        return parts
    }
}

@Suite struct LiveFrameEncoderTests {
    /// A plot with a marker moving over it and a counter block that changes every frame.
    static func frame(_ step: Int, width: Int = 300, height: Int = 180) -> Raster {
        var raster = TestPattern.plot(width: width, height: height, antialiased: true)
        let cx = 30 + step * 17 % (width - 60), cy = 90 + Int(50 * sin(Double(step) / 2))
        for y in (cy - 9)...(cy + 9) {
            for x in (cx - 9)...(cx + 9) where (x - cx) * (x - cx) + (y - cy) * (y - cy) <= 81 {
                raster[x, y] = RGBA(214, 39, 40)
            }
        }
        for y in 4..<12 {
            for x in 200..<(200 + step % 40) { raster[x, y] = RGBA(UInt8(step * 9 % 256), 20, 90) }
        }
        return raster
    }

    @Test(arguments: [false, true])
    func everyUpdateLeavesTheCanvasShowingExactlyItsFrame(tmux: Bool) throws {
        var encoder = LiveFrameEncoder(KittyEncoder.Options(imageID: 7), tmux: tmux)
        var canvas = KittyCanvas()
        var partial = 0
        for step in 0..<12 {
            let frame = Self.frame(step)
            let update = encoder.encode(frame)
            try canvas.apply(update.bytes)
            #expect(canvas.image == frame, "frame \(step)")
            #expect(update.isFull == (step == 0))
            if !update.isFull { partial += 1 }
        }
        #expect(partial == 11)
        #expect(canvas.transmissions.allSatisfy { $0.keys["i"] == "7" && $0.keys["q"] == "2" })
        #expect(canvas.transmissions.filter { $0.keys["a"] == "T" }.count == 1)
    }

    @Test func editsAreSmallerThanWholeFramesAndEachFitsInOneChunk() throws {
        var encoder = LiveFrameEncoder(KittyEncoder.Options())
        var canvas = KittyCanvas()
        try canvas.apply(encoder.encode(Self.frame(0)).bytes)
        let update = encoder.encode(Self.frame(1))
        try canvas.apply(update.bytes)
        #expect(update.bytes.count * 3 < KittyEncoder.encode(Self.frame(1)).count)
        // kitty 0.26 takes a chunked edit's later chunks as a new image.
        #expect(canvas.transmissions.dropFirst().allSatisfy { $0.keys["a"] == "f" && $0.chunkKeys.count == 1 })
    }

    @Test func aBigNoisyEditIsSplitIntoOneChunkEdits() throws {
        let base = Raster(width: 200, height: 120, fill: .white)
        var next = base
        let noise = TestPattern.noise(width: 100, height: 60, seed: 5)
        for y in 0..<60 { for x in 0..<100 { next[50 + x, 30 + y] = noise[x, y] } }
        var canvas = KittyCanvas()
        try canvas.apply(KittyEncoder.encode(base))
        try canvas.apply(KittyEncoder.encodeUpdate(next, box: PixelBox(minX: 50, minY: 30, maxX: 150, maxY: 90)))
        #expect(canvas.image == next)
        let edits = canvas.transmissions.dropFirst()
        #expect(edits.count > 1)
        #expect(edits.allSatisfy { $0.chunkKeys.count == 1 && $0.chunkLengths[0] <= 4096 })
    }

    @Test func anUnchangedFrameSendsNothing() {
        var encoder = LiveFrameEncoder(KittyEncoder.Options())
        _ = encoder.encode(Self.frame(3))
        let update = encoder.encode(Self.frame(3))
        #expect(update.bytes.isEmpty && update.boxes.isEmpty && !update.isFull)
    }

    @Test func aFrameOfAnotherSizeOrMostlyChangedIsSentWhole() throws {
        var encoder = LiveFrameEncoder(KittyEncoder.Options())
        _ = encoder.encode(Self.frame(1))
        let resized = encoder.encode(Self.frame(1, width: 240, height: 150))
        #expect(resized.isFull)
        #expect(try KittyDecoder(resized.bytes).raster == Self.frame(1, width: 240, height: 150))
        let inverted = Raster(width: 240, height: 150, fill: .black)
        let changed = encoder.encode(inverted)
        #expect(changed.isFull)
        #expect(try KittyDecoder(changed.bytes).keys["a"] == "T")
    }

    @Test func changedBoxesCoverEveryChangedPixelAndOnlyChangedTiles() {
        let old = TestPattern.plot(width: 130, height: 75, antialiased: true)
        var new = old
        let changedPixels = [(3, 2), (64, 5), (65, 40), (129, 74), (10, 70)]
        for (x, y) in changedPixels { new[x, y] = RGBA(1, 2, 3) }
        let boxes = FrameDifference.changedBoxes(from: old, to: new, tileWidth: 16, tileHeight: 16)
        for (x, y) in changedPixels {
            #expect(boxes.contains { $0.minX <= x && x < $0.maxX && $0.minY <= y && y < $0.maxY }, "(\(x), \(y))")
        }
        for box in boxes {
            #expect(box.minX >= 0 && box.minY >= 0 && box.maxX <= 130 && box.maxY <= 75)
            #expect(box.minX % 16 == 0 && box.minY % 16 == 0)
        }
        // Each changed pixel lies in its own tile here: five tiles, none joined.
        #expect(boxes.reduce(0) { $0 + ($1.maxX - $1.minX) * ($1.maxY - $1.minY) } <= 5 * 16 * 16)
        #expect(FrameDifference.changedBoxes(from: old, to: old, tileWidth: 16, tileHeight: 16).isEmpty)
    }

    @Test func neighbouringChangedTilesJoinIntoOneBox() {
        let old = Raster(width: 64, height: 64, fill: .white)
        var new = old
        for y in 0..<40 { for x in 8..<40 { new[x, y] = .black } }
        let boxes = FrameDifference.changedBoxes(from: old, to: new, tileWidth: 16, tileHeight: 16)
        #expect(boxes == [PixelBox(minX: 0, minY: 0, maxX: 48, maxY: 48)])
    }
}
