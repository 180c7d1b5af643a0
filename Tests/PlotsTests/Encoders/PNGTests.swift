import Testing
@testable import Plots

@Suite struct PNGTests {
    @Test(arguments: TestImages.names)
    func roundTripsExactly(name: String) throws {
        let raster = TestImages.named(name)
        let decoded = try PNGDecoder.decode(PNGEncoder.encode(raster))
        #expect(decoded == raster)
    }

    @Test(arguments: [PNGEncoder.FilterChoice.adaptiveAll, .adaptive([.sub, .up, .paeth])]
          + PNGFilter.allCases.map { .fixed($0) })
    func everyFilterRoundTrips(filter: PNGEncoder.FilterChoice) throws {
        for (_, raster) in TestImages.all {
            let png = PNGEncoder.encode(raster, options: .init(filter: filter))
            #expect(try PNGDecoder.decode(png) == raster)
        }
    }

    @Test func opaqueImagesAreRGBAndTransparentOnesRGBA() {
        let opaque = PNGEncoder.encode(TestPattern.gradient(width: 8, height: 8))
        let translucent = PNGEncoder.encode(TestImages.withTransparency())
        // IHDR data starts at byte 16; the colour type is its 10th byte.
        #expect(opaque[25] == 2)
        #expect(translucent[25] == 6)
        let forcedAlpha = PNGEncoder.encode(TestPattern.gradient(width: 8, height: 8),
                                            options: .init(dropOpaqueAlpha: false))
        #expect(forcedAlpha[25] == 6)
    }

    @Test func chunksAreWellFormed() {
        let png = PNGEncoder.encode(TestPattern.plot(width: 50, height: 30))
        #expect(Array(png[0..<8]) == PNGEncoder.signature)
        var offset = 8
        var types: [String] = []
        while offset < png.count {
            let length = Int(PNGDecoder.readBigEndian(png, offset))
            types.append(String(decoding: png[(offset + 4)..<(offset + 8)], as: UTF8.self))
            let crc = Zlib.crc32(Array(png[(offset + 4)..<(offset + 8 + length)]))
            #expect(crc == PNGDecoder.readBigEndian(png, offset + 8 + length))
            offset += 12 + length
        }
        #expect(offset == png.count)
        #expect(types == ["IHDR", "IDAT", "IEND"])
    }

    @Test(arguments: [1, 2, 3, 4, 7])
    func deflateInPiecesIsOneValidStream(pieces: Int) throws {
        let raster = TestPattern.plot(width: 300, height: 200)
        for level in [0, 1, 6] {
            var stream: [UInt8] = []
            let ok = raster.pixels.withUnsafeBytes {
                Zlib.deflate($0, settings: DeflateSettings(level: level), pieces: pieces, appendingTo: &stream)
            }
            #expect(ok)
            // inflate checks the header and the combined Adler-32.
            #expect(try Zlib.inflate(stream) == raster.pixels)
        }
        var tiny: [UInt8] = []
        _ = [UInt8]([1, 2]).withUnsafeBytes { Zlib.deflate($0, settings: DeflateSettings(), pieces: 5, appendingTo: &tiny) }
        #expect(try Zlib.inflate(tiny) == [1, 2])
    }

    /// RunDeflate's stream is checked by zlib's inflate (an independent decoder), on images that
    /// exercise literals, both match distances, long runs and every length code.
    @Test(arguments: TestImages.names)
    func imageRunsDeflateIsAValidStream(name: String) throws {
        let raster = TestImages.named(name)
        for (pixelBytes, rowBytes) in [(4, raster.width * 4), (3, 7), (1, 0), (0, 40000)] {
            var stream: [UInt8] = []
            raster.pixels.withUnsafeBytes {
                _ = Zlib.deflate($0, settings: DeflateSettings(strategy: .imageRuns), pixelBytes: pixelBytes,
                                 rowBytes: rowBytes, appendingTo: &stream)
            }
            #expect(try Zlib.inflate(stream) == raster.pixels)
        }
    }

    @Test(arguments: [2, 3, 5])
    func imageRunsInPiecesIsOneValidStream(pieces: Int) throws {
        let raster = TestPattern.plot(width: 200, height: 150)
        var stream: [UInt8] = []
        raster.pixels.withUnsafeBytes {
            RunDeflate.compress($0, pixelBytes: 4, rowBytes: 800, pieces: pieces, appendingTo: &stream)
        }
        #expect(try Zlib.inflate(stream) == raster.pixels)
        var empty: [UInt8] = []
        [UInt8]().withUnsafeBytes { RunDeflate.compress($0, pixelBytes: 4, rowBytes: 8, pieces: pieces, appendingTo: &empty) }
        #expect(try Zlib.inflate(empty) == [])
    }

    @Test func imageRunsCoversEveryMatchLength() throws {
        // Runs of every length 1...300 of alternating bytes, so each length code appears.
        var bytes: [UInt8] = []
        for length in 1...300 { bytes += [UInt8](repeating: UInt8(length % 2), count: length) + [9] }
        var stream: [UInt8] = []
        bytes.withUnsafeBytes {
            _ = Zlib.deflate($0, settings: DeflateSettings(strategy: .imageRuns), pixelBytes: 1, rowBytes: 301,
                             appendingTo: &stream)
        }
        #expect(try Zlib.inflate(stream) == bytes)
        #expect(stream.count < bytes.count / 10)
    }

    @Test func inflateRefusesOversizedAndBrokenStreams() {
        let stream = Zlib.deflate([UInt8](repeating: 7, count: 1000))
        #expect(throws: Zlib.InflateError.tooLarge(limit: 999)) { try Zlib.inflate(stream, limit: 999) }
        #expect((try? Zlib.inflate(stream, limit: 1000)) == [UInt8](repeating: 7, count: 1000))
        #expect(throws: Zlib.InflateError.truncated) { try Zlib.inflate(Array(stream.dropLast(6))) }
        #expect { try Zlib.inflate([0x78, 0x01, 0xFF, 0xFF]) } throws: { "\($0)".contains("corrupt") }
    }

    @Test func crcMatchesTheKnownCheckValue() {
        // The CRC-32 of "123456789" is 0xCBF43926 (the standard check value).
        #expect(Zlib.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test func emptyRasterBecomesOneClearPixel() throws {
        let decoded = try PNGDecoder.decode(PNGEncoder.encode(Raster(width: 0, height: 3)))
        #expect(decoded == Raster(width: 1, height: 1, fill: .clear))
    }

    @Test func plotLikeImagesCompressWell() {
        let raster = TestPattern.plot(width: 400, height: 300)
        #expect(PNGEncoder.encode(raster).count < raster.pixels.count / 10)
    }
}

@Suite struct PNGDecoderTests {
    /// A PNG whose IHDR is replaced by `ihdr` (CRC recomputed), to test refusals.
    static func pngWithHeader(width: UInt32, height: UInt32, depth: UInt8, colorType: UInt8,
                              interlace: UInt8 = 0) -> [UInt8] {
        var png = PNGEncoder.encode(TestPattern.gradient(width: 4, height: 4))
        var header: [UInt8] = []
        PNGEncoder.appendBigEndian(width, to: &header)
        PNGEncoder.appendBigEndian(height, to: &header)
        header += [depth, colorType, 0, 0, interlace]
        var chunk: [UInt8] = []
        PNGEncoder.appendChunk("IHDR", header, to: &chunk)
        png.replaceSubrange(8..<(8 + 25), with: chunk)
        return png
    }

    @Test(arguments: [
        (pngWithHeader(width: 4, height: 4, depth: 3, colorType: 0), "bit depth 3"),
        (pngWithHeader(width: 4, height: 4, depth: 8, colorType: 2, interlace: 2), "interlace method 2"),
        (pngWithHeader(width: 4, height: 4, depth: 8, colorType: 5), "colour type 5"),
        (pngWithHeader(width: 1 << 20, height: 1 << 20, depth: 8, colorType: 2), "larger than"),
        (pngWithHeader(width: 0, height: 4, depth: 8, colorType: 2), "empty"),
        (Array("GIF89a".utf8), "not a PNG"),
        (Array(PNGEncoder.encode(TestPattern.gradient(width: 4, height: 4)).dropLast(20)), "past the end"),
    ])
    func refusesWithAClearMessage(bytes: [UInt8], expected: String) {
        #expect {
            _ = try PNGDecoder.decode(bytes)
        } throws: { error in
            "\(error)".contains(expected)
        }
    }

    @Test func detectsDamage() {
        var png = PNGEncoder.encode(TestPattern.gradient(width: 16, height: 16))
        png[png.count / 2] ^= 0x55
        #expect { _ = try PNGDecoder.decode(png) } throws: { "\($0)".contains("CRC") }
    }

    /// Gray, gray+alpha and palette PNGs are not written by nv but users load them; these files are
    /// assembled here from their definition (PNG spec) with filter type 0.
    @Test func readsGrayAndPaletteImages() throws {
        func png(colorType: UInt8, rows: [[UInt8]], extra: [(String, [UInt8])] = []) -> [UInt8] {
            var bytes = PNGEncoder.signature
            var header: [UInt8] = []
            PNGEncoder.appendBigEndian(2, to: &header)
            PNGEncoder.appendBigEndian(UInt32(rows.count), to: &header)
            header += [8, colorType, 0, 0, 0]
            PNGEncoder.appendChunk("IHDR", header, to: &bytes)
            for (type, data) in extra { PNGEncoder.appendChunk(type, data, to: &bytes) }
            PNGEncoder.appendChunk("IDAT", Zlib.deflate(rows.flatMap { [0] + $0 }), to: &bytes)
            PNGEncoder.appendChunk("IEND", [], to: &bytes)
            return bytes
        }
        let gray = try PNGDecoder.decode(png(colorType: 0, rows: [[0, 255]]))
        #expect(gray[0, 0] == RGBA(0, 0, 0) && gray[1, 0] == RGBA(255, 255, 255))
        let grayAlpha = try PNGDecoder.decode(png(colorType: 4, rows: [[10, 20, 30, 40]]))
        #expect(grayAlpha[0, 0] == RGBA(10, 10, 10, 20) && grayAlpha[1, 0] == RGBA(30, 30, 30, 40))
        let palette = try PNGDecoder.decode(png(colorType: 3, rows: [[1, 0]],
                                                extra: [("PLTE", [9, 8, 7, 1, 2, 3]), ("tRNS", [100])]))
        #expect(palette[0, 0] == RGBA(1, 2, 3) && palette[1, 0] == RGBA(9, 8, 7, 100))
        #expect { _ = try PNGDecoder.decode(png(colorType: 3, rows: [[0, 0]])) } throws: {
            "\($0)".contains("PLTE")
        }
    }
}
