import Testing
@testable import Plots

/// GIF and APNG animations decoded by the tests' own decoders and compared with the frames that
/// went in (tools/reference/check_animation.py decodes the same kind of files with Pillow).
@Suite struct AnimationEncoderTests {
    /// A run of frames like a training animation: a plot whose curve panel changes a little each
    /// frame, one frame identical to the one before, and one that changes everywhere.
    static func frames(antialiased: Bool, width: Int = 121, height: Int = 71) -> [Raster] {
        let base = TestPattern.plot(width: width, height: height, antialiased: antialiased)
        var frames: [Raster] = [base]
        for step in 1...4 {
            var next = frames.last!
            for y in (10 + 3 * step)..<(16 + 3 * step) {
                for x in (20 + 5 * step)..<(30 + 5 * step) { next[x, y] = RGBA(UInt8(40 * step), 30, 200) }
            }
            frames.append(next)
        }
        frames.append(frames.last!)
        frames.append(TestPattern.gradient(width: width, height: height))
        return frames
    }

    static func gif(_ frames: [Raster], delay: Int = 5) -> [UInt8] {
        var encoder = GIFEncoder(width: frames[0].width, height: frames[0].height)
        for frame in frames { encoder.add(frame, delay: delay) }
        return encoder.finished()!
    }

    static func apng(_ frames: [Raster], milliseconds: Int = 50) -> [UInt8] {
        var encoder = APNGEncoder(width: frames[0].width, height: frames[0].height)
        for frame in frames { encoder.add(frame, milliseconds: milliseconds) }
        return encoder.finished()!
    }

    @Test(arguments: [2, 3, 4, 5, 6, 7, 8])
    func lzwRoundTripsPastAFullTable(minimumCodeSize: Int) throws {
        // Random indices fill the 4096-entry table quickly, so the clear-and-restart path runs
        // many times; a long run of one index grows long strings.
        var generator = SplitMix(seed: UInt64(minimumCodeSize))
        let alphabet = 1 << minimumCodeSize
        var indices = (0..<20_000).map { _ in UInt8(generator.next() % UInt64(alphabet)) }
        indices += [UInt8](repeating: UInt8(alphabet - 1), count: 5_000)
        indices += (0..<3_000).map { UInt8(($0 / 7) % alphabet) }
        let data = indices.withUnsafeBufferPointer { GIFLZW.compress($0, minimumCodeSize: minimumCodeSize) }
        #expect(try GIFDecoder.lzw(data, minimumCodeSize: minimumCodeSize, count: indices.count) == indices)
    }

    @Test(arguments: [2, 3, 8])
    func lzwRoundTripsAtEveryLength(minimumCodeSize: Int) throws {
        // Every length up to 700 ends the stream at some table size, including the sizes where
        // the decoder widens its codes on the last data code, just before the end code.
        var generator = SplitMix(seed: 11)
        let indices = (0..<700).map { _ in UInt8(generator.next() % UInt64(min(1 << minimumCodeSize, 5))) }
        for length in 1...indices.count {
            let prefix = Array(indices.prefix(length))
            let data = prefix.withUnsafeBufferPointer { GIFLZW.compress($0, minimumCodeSize: minimumCodeSize) }
            #expect(try GIFDecoder.lzw(data, minimumCodeSize: minimumCodeSize, count: length) == prefix, "length \(length)")
        }
    }

    @Test func lzwOfOnePixelAndOfNothing() throws {
        for indices in [[UInt8](), [3]] {
            let data = indices.withUnsafeBufferPointer { GIFLZW.compress($0, minimumCodeSize: 2) }
            #expect(try GIFDecoder.lzw(data, minimumCodeSize: 2, count: indices.count) == indices)
        }
    }

    @Test func gifWithFewColoursIsExactFrameByFrame() throws {
        let frames = Self.frames(antialiased: false)
        let animation = try GIFDecoder.decode(Self.gif(frames, delay: 7))
        #expect(animation.width == 121 && animation.height == 71)
        #expect(animation.loopCount == 0)
        #expect(animation.frames.count == frames.count)
        for (n, (decoded, frame)) in zip(animation.frames, frames).enumerated() {
            // The last frame, a gradient, has more than 256 colours; the others are exact.
            let error = TestImages.maxColorError(decoded.canvas, frame)
            #expect(n == frames.count - 1 ? error <= 24 : error == 0, "frame \(n)")
            #expect(decoded.delay == 7)
        }
    }

    @Test func gifStoresOnlyTheChangedRectangle() throws {
        let frames = Self.frames(antialiased: false)
        let animation = try GIFDecoder.decode(Self.gif(frames))
        #expect(animation.frames[0].box == PixelBox(minX: 0, minY: 0, maxX: 121, maxY: 71))
        #expect(animation.frames[0].transparentIndex == nil)
        // Frame 2 paints rows 16..<22, columns 30..<40 over frame 1's square at 13..<19, 25..<35.
        #expect(animation.frames[2].box == PixelBox(minX: 30, minY: 16, maxX: 40, maxY: 22))
        // Every pixel of that box changed: no transparent index is needed.
        #expect(animation.frames[2].transparentIndex == nil)
        // The repeated frame is one transparent pixel.
        #expect(animation.frames[5].box == PixelBox(minX: 0, minY: 0, maxX: 1, maxY: 1))
        #expect(animation.frames[5].transparentIndex != nil)
        #expect(TestImages.maxColorError(animation.frames[5].canvas, frames[5]) == 0)
    }

    @Test func unchangedPixelsInsideTheBoxAreTransparent() throws {
        let first = TestPattern.plot(width: 60, height: 40, antialiased: false)
        var second = first
        second[3, 20] = RGBA(255, 0, 0)
        second[31, 7] = RGBA(255, 0, 0)
        let animation = try GIFDecoder.decode(Self.gif([first, second]))
        #expect(animation.frames[1].box == PixelBox(minX: 3, minY: 7, maxX: 32, maxY: 21))
        // Two colours: red and the transparent index.
        #expect(animation.frames[1].transparentIndex == 1 && animation.frames[1].paletteCount == 2)
        #expect(TestImages.maxColorError(animation.frames[1].canvas, second) == 0)
    }

    @Test func gifOfManyColoursStaysCloseWithAPalettePerFrame() throws {
        let frames = Self.frames(antialiased: true) + [TestPattern.noise(width: 121, height: 71, seed: 3)]
        let animation = try GIFDecoder.decode(Self.gif(frames))
        #expect(animation.frames.count == frames.count)
        for (n, (decoded, frame)) in zip(animation.frames, frames).enumerated() {
            #expect(decoded.paletteCount <= 256)
            // The frequent colours are exact and the rest share 3/4 of the palette by median cut:
            // an anti-aliased shade may be off by a few tens, noise by more.
            let bound = n == frames.count - 1 ? 48 : 40
            #expect(TestImages.maxColorError(decoded.canvas, frame) <= bound, "frame \(n)")
        }
    }

    @Test func gifFlattensTransparencyOverTheBackground() throws {
        let frame = TestImages.withTransparency()
        var encoder = GIFEncoder(width: frame.width, height: frame.height, background: RGBA(10, 20, 30))
        encoder.add(frame, delay: 10)
        let decoded = try GIFDecoder.decode(encoder.finished()!)
        #expect(TestImages.maxColorError(decoded.frames[0].canvas,
                                         TestImages.flattened(frame, over: RGBA(10, 20, 30))) <= 8)
    }

    @Test func gifDelaysAreClampedToWhatBrowsersShow() throws {
        let frames = Array(Self.frames(antialiased: false).prefix(2))
        var encoder = GIFEncoder(width: 121, height: 71, loopCount: 3)
        encoder.add(frames[0], delay: 0)
        encoder.add(frames[1], delay: 100_000)
        let animation = try GIFDecoder.decode(encoder.finished()!)
        #expect(animation.frames.map(\.delay) == [2, 65535])
        #expect(animation.loopCount == 3)
    }

    @Test func anEmptyAnimationIsNoFile() {
        #expect(GIFEncoder(width: 10, height: 10).finished() == nil)
        #expect(APNGEncoder(width: 10, height: 10).finished() == nil)
    }

    @Test func aFrameOfAnotherSizeIsCutOrPadded() throws {
        var encoder = GIFEncoder(width: 20, height: 10)
        encoder.add(Raster(width: 20, height: 10, fill: .black), delay: 5)
        encoder.add(Raster(width: 30, height: 5, fill: RGBA(200, 0, 0)), delay: 5)
        let last = try GIFDecoder.decode(encoder.finished()!).frames[1].canvas
        #expect(last[19, 4] == RGBA(200, 0, 0))
        #expect(last[0, 5] == .white)
    }

    @Test(arguments: [false, true])
    func apngIsExactFrameByFrame(antialiased: Bool) throws {
        let frames = Self.frames(antialiased: antialiased)
        let animation = try APNGDecoder.decode(Self.apng(frames, milliseconds: 40))
        #expect(animation.declaredFrames == frames.count)
        #expect(animation.loopCount == 0)
        #expect(animation.frames.count == frames.count)
        for (n, (decoded, frame)) in zip(animation.frames, frames).enumerated() {
            #expect(TestImages.maxColorError(decoded.canvas, frame) == 0, "frame \(n)")
            #expect(decoded.milliseconds == 40)
        }
    }

    @Test func apngChunksAndRectangles() throws {
        let frames = Self.frames(antialiased: false)
        let png = Self.apng(frames)
        let animation = try APNGDecoder.decode(png)
        #expect(Array(animation.chunkTypes.prefix(4)) == ["IHDR", "acTL", "fcTL", "IDAT"])
        #expect(animation.chunkTypes.last == "IEND")
        #expect(animation.chunkTypes.filter { $0 == "fdAT" }.count == frames.count - 1)
        #expect(animation.frames[2].box == PixelBox(minX: 30, minY: 16, maxX: 40, maxY: 22))
        #expect(animation.frames[5].box == PixelBox(minX: 0, minY: 0, maxX: 1, maxY: 1))
        // The default image is the first frame: a viewer without APNG support shows it.
        #expect(try PNGDecoder.decode(png) == frames[0])
    }

    @Test func sameFramesGiveTheSameBytes() {
        let frames = Self.frames(antialiased: true)
        #expect(Self.gif(frames) == Self.gif(frames))
        #expect(Self.apng(frames) == Self.apng(frames))
    }

    @Test func changedBoxFindsTheDifference() {
        let a = TestPattern.gradient(width: 40, height: 30)
        var b = a
        #expect(FrameDifference.changedBox(from: a, to: b) == nil)
        b[3, 20] = .black
        b[31, 7] = .black
        #expect(FrameDifference.changedBox(from: a, to: b) == PixelBox(minX: 3, minY: 7, maxX: 32, maxY: 21))
        b[39, 29] = .black
        #expect(FrameDifference.changedBox(from: a, to: b) == PixelBox(minX: 3, minY: 7, maxX: 40, maxY: 30))
    }
}

/// A tiny deterministic generator for test data.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
