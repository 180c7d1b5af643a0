@testable import Plots

/// A small GIF89a decoder of our own for the tests, written from the specification independently
/// of `GIFEncoder` (Pillow checks the files too, in tools/reference/check_animation.py): it reads
/// the blocks, decodes LZW the way giflib does, and composites the frames (disposal 0/1 and 2).
enum GIFDecoder {
    struct DecodingError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    struct Frame {
        /// The whole canvas after this frame.
        var canvas: Raster
        /// The frame's own rectangle and delay (hundredths of a second).
        var box: PixelBox
        var delay: Int
        var transparentIndex: Int?
        var paletteCount: Int
    }

    struct Animation {
        var width: Int, height: Int
        var loopCount: Int?
        var frames: [Frame]
    }

    static func decode(_ bytes: [UInt8]) throws -> Animation {
        var offset = 0
        func byte() throws -> Int {
            guard offset < bytes.count else { throw DecodingError("truncated at \(offset)") }
            defer { offset += 1 }
            return Int(bytes[offset])
        }
        func u16() throws -> Int { let lo = try byte(); return lo | (try byte()) << 8 }
        func subBlocks() throws -> [UInt8] {
            var data: [UInt8] = []
            while true {
                let length = try byte()
                if length == 0 { return data }
                guard offset + length <= bytes.count else { throw DecodingError("sub-block runs past the end") }
                data += bytes[offset..<(offset + length)]
                offset += length
            }
        }
        func colourTable(_ flags: Int) throws -> [RGBA] {
            guard flags & 0x80 != 0 else { return [] }
            return try (0..<(1 << ((flags & 7) + 1))).map { _ in RGBA(UInt8(try byte()), UInt8(try byte()), UInt8(try byte())) }
        }

        guard bytes.count >= 13, Array(bytes[0..<6]) == Array("GIF89a".utf8) else { throw DecodingError("not a GIF89a") }
        offset = 6
        let width = try u16(), height = try u16()
        let flags = try byte()
        _ = try byte(); _ = try byte()
        let global = try colourTable(flags)
        var canvas = Raster(width: width, height: height, fill: .clear)
        var animation = Animation(width: width, height: height, loopCount: nil, frames: [])
        var delay = 0, disposal = 0
        var transparent: Int?
        while true {
            switch try byte() {
            case 0x3B:
                return animation
            case 0x21:
                let label = try byte()
                let data = try subBlocks()
                if label == 0xF9 {
                    guard data.count == 4 else { throw DecodingError("graphic control extension of \(data.count) bytes") }
                    disposal = Int(data[0] >> 2) & 7
                    transparent = data[0] & 1 != 0 ? Int(data[3]) : nil
                    delay = Int(data[1]) | Int(data[2]) << 8
                } else if label == 0xFF, data.count >= 14, Array(data[0..<11]) == Array("NETSCAPE2.0".utf8) {
                    animation.loopCount = Int(data[12]) | Int(data[13]) << 8
                }
            case 0x2C:
                let x = try u16(), y = try u16(), w = try u16(), h = try u16()
                let imageFlags = try byte()
                guard imageFlags & 0x40 == 0 else { throw DecodingError("interlaced frames are not expected") }
                let local = try colourTable(imageFlags)
                let palette = local.isEmpty ? global : local
                let minimumCodeSize = try byte()
                let indices = try lzw(try subBlocks(), minimumCodeSize: minimumCodeSize, count: w * h)
                guard x + w <= width, y + h <= height else { throw DecodingError("frame outside the canvas") }
                let before = canvas
                for row in 0..<h {
                    for column in 0..<w {
                        let index = Int(indices[row * w + column])
                        if index == transparent { continue }
                        guard index < palette.count else { throw DecodingError("index \(index) past the palette") }
                        canvas[x + column, y + row] = palette[index]
                    }
                }
                animation.frames.append(Frame(canvas: canvas, box: PixelBox(minX: x, minY: y, maxX: x + w, maxY: y + h),
                                              delay: delay, transparentIndex: transparent, paletteCount: palette.count))
                if disposal == 2 {
                    for row in 0..<h { for column in 0..<w { canvas[x + column, y + row] = .clear } }
                } else if disposal == 3 {
                    canvas = before
                }
                transparent = nil; delay = 0; disposal = 0
            case let other:
                throw DecodingError("unknown block 0x\(String(other, radix: 16)) at \(offset - 1)")
            }
        }
    }

    /// Variable-length LZW as giflib decodes it: a code wider after the table reaches 2^size.
    static func lzw(_ data: [UInt8], minimumCodeSize: Int, count: Int) throws -> [UInt8] {
        guard (2...8).contains(minimumCodeSize) else { throw DecodingError("minimum code size \(minimumCodeSize)") }
        let clear = 1 << minimumCodeSize, end = clear + 1
        var prefix = [Int](repeating: -1, count: 4096), suffix = [UInt8](repeating: 0, count: 4096)
        for k in 0..<clear { suffix[k] = UInt8(k) }
        var codeSize = minimumCodeSize + 1, next = clear + 2, previous = -1
        var out: [UInt8] = []
        var bitPosition = 0
        func string(_ code: Int) -> [UInt8] {
            var s: [UInt8] = [], c = code
            while c >= 0 { s.append(suffix[c]); c = c < clear ? -1 : prefix[c] }
            return s.reversed()
        }
        var sawClear = false
        while true {
            guard bitPosition + codeSize <= data.count * 8 else {
                throw DecodingError("code stream ends without EOI (\(out.count) of \(count) indices, \(data.count) bytes, code size \(codeSize), next \(next))")
            }
            var code = 0
            for k in 0..<codeSize {
                let bit = (Int(data[(bitPosition + k) >> 3]) >> ((bitPosition + k) & 7)) & 1
                code |= bit << k
            }
            bitPosition += codeSize
            if code == clear {
                sawClear = true
                codeSize = minimumCodeSize + 1; next = clear + 2; previous = -1
                continue
            }
            guard sawClear else { throw DecodingError("the stream does not start with a clear code") }
            if code == end { break }
            let s: [UInt8]
            if previous < 0 {
                guard code < clear else { throw DecodingError("first code \(code) is not a root") }
                s = [UInt8(code)]
            } else if code < next {
                s = string(code)
                if next < 4096 { prefix[next] = previous; suffix[next] = s[0]; next += 1 }
            } else if code == next {
                let p = string(previous)
                s = p + [p[0]]
                if next < 4096 { prefix[next] = previous; suffix[next] = p[0]; next += 1 }
            } else {
                throw DecodingError("code \(code) beyond the table (\(next))")
            }
            out += s
            previous = code
            if next == 1 << codeSize && codeSize < 12 { codeSize += 1 }
        }
        guard out.count == count else { throw DecodingError("\(out.count) indices for \(count) pixels") }
        return out
    }
}
