import Foundation
import Testing
@testable import Plots

@Suite struct KittyTests {
    static let formats: [KittyEncoder.Format] = [
        .zlib(DeflateSettings(level: 1)), .zlib(DeflateSettings(level: 6, strategy: .runLength)),
        .zlib(DeflateSettings(strategy: .imageRuns)), .png(PNGEncoder.Options()),
        .png(PNGEncoder.Options(deflate: DeflateSettings(strategy: .imageRuns))),
    ]

    @Test(arguments: TestImages.names)
    func payloadDecodesToTheSourcePixels(name: String) throws {
        let raster = TestImages.named(name)
        for format in KittyTests.formats {
            let decoded = try KittyDecoder(KittyEncoder.encode(raster, options: .init(format: format)))
            #expect(decoded.raster == raster)
        }
    }

    @Test func rawPayloadIsExactlyTheSourceBytes() throws {
        let opaque = TestPattern.plot(width: 90, height: 40)
        let decodedOpaque = try KittyDecoder(KittyEncoder.encode(opaque))
        #expect(decodedOpaque.keys["f"] == "24")
        #expect(try Zlib.inflate(decodedOpaque.payload) == KittyEncoder.rgbBytes(opaque))
        let translucent = TestImages.withTransparency()
        let decoded = try KittyDecoder(KittyEncoder.encode(translucent))
        #expect(decoded.keys["f"] == "32")
        #expect(try Zlib.inflate(decoded.payload) == translucent.pixels)
    }

    @Test func pngPayloadIsExactlyOurPNG() throws {
        let raster = TestPattern.gradient(width: 70, height: 50)
        let decoded = try KittyDecoder(KittyEncoder.encode(raster, options: .init(format: .png(.init()))))
        #expect(decoded.payload == PNGEncoder.encode(raster))
    }

    @Test func controlKeysForInPlaceAnimation() throws {
        let raster = TestPattern.noise(width: 120, height: 80, seed: 3) // large enough for many chunks
        let bytes = KittyEncoder.encode(raster, options: .init(imageID: 42, placementID: 1, columns: 60, rows: 20))
        let decoded = try KittyDecoder(bytes)
        #expect(decoded.chunkKeys.count > 2)
        #expect(decoded.keys["a"] == "T")
        #expect(decoded.keys["i"] == "42")
        #expect(decoded.keys["p"] == "1")
        #expect(decoded.keys["q"] == "2")
        #expect(decoded.keys["C"] == "1")
        #expect(decoded.keys["c"] == "60")
        #expect(decoded.keys["r"] == "20")
        #expect(decoded.chunkLengths.dropLast().allSatisfy { $0 == 4096 })
        #expect(bytes.starts(with: Array("\u{1B}_Ga=T,f=24,".utf8)))
    }

    @Test func optionalKeysAreLeftOut() throws {
        let bytes = KittyEncoder.encode(TestImages.onePixel(), options: .init(placementID: nil, keepCursor: false))
        let decoded = try KittyDecoder(bytes)
        #expect(decoded.chunkKeys.count == 1)
        #expect(decoded.keys["p"] == nil && decoded.keys["C"] == nil && decoded.keys["c"] == nil)
    }

    @Test func tmuxPassthroughDoublesEveryEscape() throws {
        let raster = TestPattern.noise(width: 60, height: 60, seed: 5)
        let plain = KittyEncoder.encode(raster)
        let wrapped = KittyEncoder.encode(raster, options: .init(tmux: true))
        #expect(wrapped.starts(with: Array("\u{1B}Ptmux;\u{1B}\u{1B}_G".utf8)))
        #expect(try KittyDecoder.unwrapTmux(wrapped) == plain)
        #expect(try KittyDecoder(wrapped).raster == raster)
        let escapes = { (bytes: [UInt8]) in bytes.filter { $0 == 0x1B }.count }
        let chunks = try KittyDecoder(plain).chunkKeys.count
        // Each chunk has 2 escapes, doubled, plus the wrapper's own 2.
        #expect(escapes(wrapped) == chunks * 6)
    }

    @Test func base64MatchesFoundation() {
        for length in 0..<20 {
            let bytes = (0..<length).map { UInt8(($0 * 37 + 11) % 256) }
            #expect(Base64.encode(bytes) == Array(Data(bytes).base64EncodedString().utf8))
        }
    }
}

@Suite struct ITermTests {
    /// Splits the OSC 1337 sequence into its arguments and decoded PNG.
    static func parse(_ bytes: [UInt8]) throws -> (arguments: [String: String], png: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let prefix = "\u{1B}]1337;File="
        try #require(text.hasPrefix(prefix) && text.hasSuffix("\u{07}"))
        let body = text.dropFirst(prefix.count).dropLast()
        let colon = try #require(body.firstIndex(of: ":"))
        var arguments: [String: String] = [:]
        for pair in body[..<colon].split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            arguments[String(parts[0])] = String(parts[1])
        }
        let data = try #require(Data(base64Encoded: String(body[body.index(after: colon)...])))
        return (arguments, [UInt8](data))
    }

    @Test(arguments: TestImages.names)
    func decodesToTheSourcePixels(name: String) throws {
        let raster = TestImages.named(name)
        let (arguments, png) = try ITermTests.parse(ITermEncoder.encode(raster))
        #expect(try PNGDecoder.decode(png) == raster)
        #expect(arguments["inline"] == "1")
        #expect(arguments["size"] == "\(png.count)")
        #expect(arguments["width"] == "\(raster.width)px")
        #expect(arguments["height"] == "\(raster.height)px")
        #expect(arguments["preserveAspectRatio"] == "1")
    }

    @Test func displaySizeAndTmux() throws {
        let raster = TestPattern.gradient(width: 10, height: 10)
        let (arguments, _) = try ITermTests.parse(ITermEncoder.encode(raster, options: .init(width: "40", height: "auto")))
        #expect(arguments["width"] == "40" && arguments["height"] == "auto")
        let wrapped = ITermEncoder.encode(raster, options: .init(tmux: true))
        #expect(try KittyDecoder.unwrapTmux(wrapped) == ITermEncoder.encode(raster))
    }
}
