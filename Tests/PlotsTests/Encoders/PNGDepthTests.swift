import Testing
@testable import Plots

/// PNGs at every bit depth and Adam7-interlaced, assembled here from the PNG specification
/// (filter type 0), decode to the pixels they were made from.
@Suite struct PNGDepthTests {
    /// A PNG of `width` x rows with the given depth and colour type; each row's samples are
    /// packed big-endian (most significant bits first), one filter byte 0 per row.
    static func png(width: Int, rows: [[Int]], depth: UInt8, colorType: UInt8, interlace: UInt8 = 0,
                    extra: [(String, [UInt8])] = [], data: [UInt8]? = nil) -> [UInt8] {
        var bytes = PNGEncoder.signature
        var header: [UInt8] = []
        PNGEncoder.appendBigEndian(UInt32(width), to: &header)
        PNGEncoder.appendBigEndian(UInt32(rows.count), to: &header)
        header += [depth, colorType, 0, 0, interlace]
        PNGEncoder.appendChunk("IHDR", header, to: &bytes)
        for (type, chunk) in extra { PNGEncoder.appendChunk(type, chunk, to: &bytes) }
        PNGEncoder.appendChunk("IDAT", Zlib.deflate(data ?? rows.flatMap { [0] + pack($0, depth: Int(depth)) }), to: &bytes)
        PNGEncoder.appendChunk("IEND", [], to: &bytes)
        return bytes
    }

    static func pack(_ samples: [Int], depth: Int) -> [UInt8] {
        if depth == 16 { return samples.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] } }
        if depth == 8 { return samples.map { UInt8($0) } }
        var out = [UInt8](repeating: 0, count: (samples.count * depth + 7) / 8)
        for (i, s) in samples.enumerated() { out[i * depth / 8] |= UInt8(s << (8 - depth - (i * depth) % 8)) }
        return out
    }

    static let lowBitRows: [(UInt8, [Int])] = [(1, [0, 1, 1, 0, 1]), (2, [0, 1, 2, 3, 2]), (4, [0, 5, 10, 15, 7])]

    @Test(arguments: lowBitRows)
    func lowBitGrayIsStretched(depth: UInt8, samples: [Int]) throws {
        let raster = try PNGDecoder.decode(Self.png(width: 5, rows: [samples], depth: depth, colorType: 0))
        let maxValue = (1 << Int(depth)) - 1
        for (x, s) in samples.enumerated() {
            let v = UInt8(s * 255 / maxValue)
            #expect(raster[x, 0] == RGBA(v, v, v))
        }
    }

    @Test func sixteenBitKeepsTheHighByte() throws {
        let gray = try PNGDecoder.decode(Self.png(width: 2, rows: [[0x1234, 0xFFEE]], depth: 16, colorType: 0))
        #expect(gray[0, 0] == RGBA(0x12, 0x12, 0x12) && gray[1, 0] == RGBA(0xFF, 0xFF, 0xFF))
        let rgba = try PNGDecoder.decode(Self.png(width: 1, rows: [[0x0102, 0x0304, 0x0506, 0x8000]], depth: 16, colorType: 6))
        #expect(rgba[0, 0] == RGBA(1, 3, 5, 0x80))
    }

    @Test func fourBitPalette() throws {
        let raster = try PNGDecoder.decode(Self.png(width: 3, rows: [[2, 0, 1]], depth: 4, colorType: 3,
                                                    extra: [("PLTE", [10, 11, 12, 20, 21, 22, 30, 31, 32])]))
        #expect(raster[0, 0] == RGBA(30, 31, 32) && raster[1, 0] == RGBA(10, 11, 12) && raster[2, 0] == RGBA(20, 21, 22))
    }

    /// An RGBA image stored as Adam7's seven passes decodes to the same pixels as stored plainly,
    /// for sizes that leave some passes empty.
    @Test(arguments: [(1, 1), (3, 2), (9, 10), (17, 5)])
    func adam7MatchesPlain(width: Int, height: Int) throws {
        // pixel(x, y): RGBA samples.
        func pixel(_ x: Int, _ y: Int) -> [Int] { [x * 13 % 256, y * 29 % 256, (x + y) * 7 % 256, 255 - x] }
        let rows = (0..<height).map { y in (0..<width).flatMap { pixel($0, y) } }
        let plain = try PNGDecoder.decode(Self.png(width: width, rows: rows, depth: 8, colorType: 6))
        var data: [UInt8] = []
        for (x0, y0, dx, dy) in [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)] {
            for y in stride(from: y0, to: height, by: dy) {
                let xs = Array(stride(from: x0, to: width, by: dx))
                guard !xs.isEmpty else { continue }
                data += [0] + xs.flatMap { pixel($0, y).map(UInt8.init) }
            }
        }
        let interlaced = try PNGDecoder.decode(Self.png(width: width, rows: rows, depth: 8, colorType: 6, interlace: 1, data: data))
        #expect(interlaced == plain)
        #expect(plain[width - 1, height - 1] == RGBA(pixel(width - 1, height - 1).map(UInt8.init)[0], UInt8(pixel(width - 1, height - 1)[1]),
                                                     UInt8(pixel(width - 1, height - 1)[2]), UInt8(pixel(width - 1, height - 1)[3])))
    }

    @Test func refusesDepthsTheColourTypeCannotHave() {
        #expect { _ = try PNGDecoder.decode(Self.png(width: 1, rows: [[1, 2, 3]], depth: 4, colorType: 2)) } throws: {
            "\($0)".contains("bit depth 4 is not valid for colour type 2")
        }
        #expect { _ = try PNGDecoder.decode(Self.png(width: 1, rows: [[1]], depth: 16, colorType: 3)) } throws: {
            "\($0)".contains("bit depth 16")
        }
    }
}

/// A user's PNG becomes a model input; broken files are refused with the decoder's message.
@Suite struct UserDigitTests {
    /// A black bar drawn on a transparent 40x40 RGBA canvas (transparent = paper) comes out as a
    /// bright, centred bar; the same bar as a 1-bit gray PNG gives the same input.
    @Test func transparentAndOneBitPicturesAgree() throws {
        var raster = Raster(width: 40, height: 40, fill: .clear)
        raster.fillRect(Rect(x: 5, y: 4, width: 6, height: 24), color: .black)
        let rgba = try UserDigit.modelInput(png: PNGEncoder.encode(raster), side: 28)
        let rows = (0..<40).map { y in (0..<40).map { x in x >= 5 && x < 11 && y >= 4 && y < 28 ? 0 : 1 } }
        let oneBit = try UserDigit.modelInput(png: PNGDepthTests.png(width: 40, rows: rows, depth: 1, colorType: 0), side: 28)
        #expect(rgba == oneBit)
        #expect(rgba[14 * 28 + 14] > 0.9 && rgba[0] == 0)
    }

    @Test func refusesBadFiles() {
        #expect { _ = try UserDigit.modelInput(png: [], side: 28) } throws: { "\($0)".contains("empty") }
        #expect { _ = try UserDigit.modelInput(png: Array("hello".utf8), side: 28) } throws: { "\($0)".contains("not a PNG") }
        let blank = PNGEncoder.encode(Raster(width: 8, height: 8, fill: .white))
        #expect { _ = try UserDigit.modelInput(png: blank, side: 28) } throws: { "\($0)".contains("no ink") }
        let cut = Array(PNGEncoder.encode(Raster(width: 8, height: 8, fill: .black)).prefix(40))
        #expect { _ = try UserDigit.modelInput(png: cut, side: 28) } throws: { "\($0)".contains("truncated") }
    }
}
