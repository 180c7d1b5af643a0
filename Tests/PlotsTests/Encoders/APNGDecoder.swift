@testable import Plots

/// Reads an APNG for the tests: the chunks in order, checking sequence numbers and CRCs, each
/// frame's data decoded by rebuilding a plain PNG of the frame's size and handing it to
/// `PNGDecoder`, then composited (blend source/over, dispose none/background/previous).
enum APNGDecoder {
    struct DecodingError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    struct Frame {
        var canvas: Raster
        var box: PixelBox
        var milliseconds: Double
    }

    struct Animation {
        var width: Int, height: Int
        var declaredFrames: Int, loopCount: Int
        var frames: [Frame]
        var chunkTypes: [String]
    }

    static func decode(_ png: [UInt8]) throws -> Animation {
        guard png.count > 8, Array(png[0..<8]) == PNGEncoder.signature else { throw DecodingError("no PNG signature") }
        var offset = 8
        var header: [UInt8] = []
        var animation = Animation(width: 0, height: 0, declaredFrames: 0, loopCount: 0, frames: [], chunkTypes: [])
        var expectedSequence: UInt32 = 0
        var pending: (box: PixelBox, ms: Double, dispose: UInt8, blend: UInt8)?
        var data: [UInt8] = []
        var canvas = Raster(width: 0, height: 0)
        func be32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
            bytes.reduce(0) { $0 << 8 | UInt32($1) }
        }
        func finishFrame() throws {
            guard let frame = pending else { return }
            let w = frame.box.maxX - frame.box.minX, h = frame.box.maxY - frame.box.minY
            var frameHeader = header
            frameHeader.replaceSubrange(0..<8, with: [UInt8(w >> 24), UInt8((w >> 16) & 0xFF), UInt8((w >> 8) & 0xFF), UInt8(w & 0xFF),
                                                      UInt8(h >> 24), UInt8((h >> 16) & 0xFF), UInt8((h >> 8) & 0xFF), UInt8(h & 0xFF)])
            var single = PNGEncoder.signature
            PNGEncoder.appendChunk("IHDR", frameHeader, to: &single)
            PNGEncoder.appendChunk("IDAT", data, to: &single)
            PNGEncoder.appendChunk("IEND", [], to: &single)
            let image = try PNGDecoder.decode(single)
            let before = canvas
            for y in 0..<h {
                for x in 0..<w {
                    let pixel = image[x, y]
                    if frame.blend == 1 && pixel.a == 0 { continue }
                    canvas[frame.box.minX + x, frame.box.minY + y] = pixel
                }
            }
            animation.frames.append(Frame(canvas: canvas, box: frame.box, milliseconds: frame.ms))
            if frame.dispose == 1 {
                for y in 0..<h { for x in 0..<w { canvas[frame.box.minX + x, frame.box.minY + y] = .clear } }
            } else if frame.dispose == 2 {
                canvas = before
            }
            pending = nil
            data = []
        }
        while offset + 12 <= png.count {
            let length = Int(be32(png[offset..<(offset + 4)]))
            let type = String(decoding: png[(offset + 4)..<(offset + 8)], as: UTF8.self)
            guard offset + 12 + length <= png.count else { throw DecodingError("\(type) runs past the end") }
            let body = Array(png[(offset + 8)..<(offset + 8 + length)])
            let crc = be32(png[(offset + 8 + length)..<(offset + 12 + length)])
            guard crc == Zlib.crc32(Array(png[(offset + 4)..<(offset + 8 + length)])) else { throw DecodingError("bad CRC in \(type)") }
            animation.chunkTypes.append(type)
            switch type {
            case "IHDR":
                header = body
                animation.width = Int(be32(body[0..<4])); animation.height = Int(be32(body[4..<8]))
                canvas = Raster(width: animation.width, height: animation.height, fill: .clear)
            case "acTL":
                animation.declaredFrames = Int(be32(body[0..<4])); animation.loopCount = Int(be32(body[4..<8]))
            case "fcTL":
                try finishFrame()
                guard be32(body[0..<4]) == expectedSequence else { throw DecodingError("fcTL out of sequence") }
                expectedSequence += 1
                let w = Int(be32(body[4..<8])), h = Int(be32(body[8..<12]))
                let x = Int(be32(body[12..<16])), y = Int(be32(body[16..<20]))
                guard w > 0, h > 0, x + w <= animation.width, y + h <= animation.height else { throw DecodingError("frame outside the canvas") }
                let num = Double(Int(body[20]) << 8 | Int(body[21])), den = Double(Int(body[22]) << 8 | Int(body[23]))
                pending = (PixelBox(minX: x, minY: y, maxX: x + w, maxY: y + h), 1000 * num / (den == 0 ? 100 : den), body[24], body[25])
            case "IDAT":
                data += body
            case "fdAT":
                guard be32(body[0..<4]) == expectedSequence else { throw DecodingError("fdAT out of sequence") }
                expectedSequence += 1
                data += body[4...]
            case "IEND":
                try finishFrame()
            default:
                break
            }
            offset += 12 + length
        }
        return animation
    }
}
