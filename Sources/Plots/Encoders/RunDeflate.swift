import CZlib
import Dispatch
import Foundation

/// A deflate compressor specialised for images, written for speed: at each position it looks
/// for only two matches, with the pixel to the left (distance = bytes per pixel) and with the
/// pixel above (distance = bytes per row), and codes the result with deflate's fixed Huffman
/// codes (RFC 1951, 3.2.6). No hash chains, no Huffman tables to build.
///
/// Plots are flat backgrounds, straight lines and repeated rows, which these two matches capture;
/// anti-aliased edges become literals. Output is a standard zlib stream, larger than zlib's at
/// level 1–2 but produced several times faster (see `nv-bench-plots`).
enum RunDeflate {
    /// Bit-reversed fixed Huffman code and its length, for literal/length symbols 0...287.
    static let literalCodes: [(code: UInt32, length: UInt32)] = (0..<288).map { symbol in
        let (code, length): (Int, Int) = switch symbol {
        case 0..<144: (0x30 + symbol, 8)
        case 144..<256: (0x190 + symbol - 144, 9)
        case 256..<280: (symbol - 256, 7)
        default: (0xC0 + symbol - 280, 8)
        }
        return (reversed(UInt32(code), bits: length), UInt32(length))
    }

    /// For each match length 3...258: the length symbol's code and its extra bits, packed
    /// into one bit string (code first), and the total bit count.
    static let lengthCodes: [(bits: UInt32, count: UInt32)] = (0...258).map { length in
        guard length >= 3 else { return (0, 0) }
        let bases = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99,
                     115, 131, 163, 195, 227, 258]
        let extras = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
        let index = bases.lastIndex { $0 <= length }!
        let code = literalCodes[257 + index]
        let extra = UInt32(length - bases[index])
        return (code.code | extra << code.length, code.length + UInt32(extras[index]))
    }

    /// The distance symbol (5-bit fixed code, reversed) and extra bits for a distance 1...32768,
    /// packed like `lengthCodes`.
    static func distanceCode(_ distance: Int) -> (bits: UInt32, count: UInt32) {
        let bases = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
                 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
        let extras = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
        let index = bases.lastIndex { $0 <= distance }!
        let code = reversed(UInt32(index), bits: 5)
        return (code | UInt32(distance - bases[index]) << 5, 5 + UInt32(extras[index]))
    }

    /// How many bytes from `a` equal those from `b`, up to `limit`, compared 8 at a time.
    /// (The ranges may overlap: `b` is earlier in the same buffer, as deflate's copies are.)
    @inline(__always)
    static func matchLength(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, limit: Int) -> Int {
        var n = 0
        while n + 8 <= limit {
            let difference = UnsafeRawPointer(a + n).loadUnaligned(as: UInt64.self)
                ^ UnsafeRawPointer(b + n).loadUnaligned(as: UInt64.self)
            if difference != 0 { return n + difference.trailingZeroBitCount / 8 }
            n += 8
        }
        while n < limit && a[n] == b[n] { n += 1 }
        return n
    }

    static func reversed(_ value: UInt32, bits: Int) -> UInt32 {
        var result: UInt32 = 0
        for i in 0..<bits where value & (1 << UInt32(i)) != 0 { result |= 1 << UInt32(bits - 1 - i) }
        return result
    }

    /// Appends a zlib stream of `input` to `output`. `pixelBytes` and `rowBytes` are the two
    /// match distances (each used only when 1...32768). Large inputs are cut into one piece per
    /// core, each coded as its own block ending on a byte boundary (an empty stored block, as
    /// zlib's sync flush does); matches may still reach back across pieces, since the decoder has
    /// all earlier output.
    static func compress(_ input: UnsafeRawBufferPointer, pixelBytes: Int, rowBytes: Int, parallel: Bool,
                         appendingTo output: inout [UInt8]) {
        let pieces = parallel ? min(Zlib.cores, input.count / (Zlib.parallelThreshold / 2)) : 1
        compress(input, pixelBytes: pixelBytes, rowBytes: rowBytes, pieces: pieces, appendingTo: &output)
    }

    /// `compress` cut into exactly `pieces` pieces (at least 1, at most one per byte).
    static func compress(_ input: UnsafeRawBufferPointer, pixelBytes: Int, rowBytes: Int, pieces requested: Int,
                         appendingTo output: inout [UInt8]) {
        let count = input.count
        let near = (1...32768).contains(pixelBytes) ? pixelBytes : 0
        let far = (1...32768).contains(rowBytes) && rowBytes != near ? rowBytes : 0
        let pieces = max(min(requested, count), 1)
        let pieceSize = (count + pieces - 1) / max(pieces, 1)
        // blocks: [pieces] the coded bytes of each piece and the Adler-32 of its input.
        let blocks = UnsafeMutableBufferPointer<(bytes: [UInt8], adler: UInt)>.allocate(capacity: pieces)
        blocks.initialize(repeating: ([], 1))
        defer { blocks.deinitialize(); blocks.deallocate() }
        nonisolated(unsafe) let shared = blocks
        nonisolated(unsafe) let source = input.baseAddress?.assumingMemoryBound(to: UInt8.self)
        let work: @Sendable (Int) -> Void = { n in
            guard let source else {
                shared[n] = ([0x03, 0x00], 1) // no input: one final fixed block holding only its end code
                return
            }
            let start = n * pieceSize, end = min(start + pieceSize, count)
            let coded = [UInt8](unsafeUninitializedCapacity: (end - start) * 9 / 8 + 32) { buffer, initialized in
                initialized = codeBlock(source, from: start, to: end, near: near, far: far, final: n == pieces - 1,
                                        into: buffer.baseAddress!)
            }
            shared[n] = (coded, adler32(1, source + start, uInt(end - start)))
        }
        if pieces > 1 { DispatchQueue.concurrentPerform(iterations: pieces, execute: work) } else { work(0) }

        output.reserveCapacity(output.count + blocks.reduce(6) { $0 + $1.bytes.count })
        output += [0x78, 0x01]
        var adler = blocks[0].adler
        for n in 0..<pieces {
            output += blocks[n].bytes
            if n > 0 { adler = adler32_combine(adler, blocks[n].adler, off_t(min(pieceSize, count - n * pieceSize))) }
        }
        output += [UInt8((adler >> 24) & 0xFF), UInt8((adler >> 16) & 0xFF), UInt8((adler >> 8) & 0xFF), UInt8(adler & 0xFF)]
    }

    /// Codes `src[from..<to]` as one fixed-Huffman block into `dst` and returns the bytes written.
    /// A final block is padded to a byte; another is followed by an empty stored block, so the
    /// next piece starts on a byte boundary.
    static func codeBlock(_ src: UnsafePointer<UInt8>, from: Int, to: Int, near: Int, far: Int, final: Bool,
                          into dst: UnsafeMutablePointer<UInt8>) -> Int {
        let nearCode = near > 0 ? distanceCode(near) : (0, 0)
        let farCode = far > 0 ? distanceCode(far) : (0, 0)
        return literalCodes.withUnsafeBufferPointer { literals in
            lengthCodes.withUnsafeBufferPointer { lengths in
                var o = 0
                var bitBuffer: UInt64 = 0, bitCount: UInt32 = 0
                @inline(__always) func put(_ bits: UInt32, _ n: UInt32) {
                    bitBuffer |= UInt64(bits) << UInt64(bitCount)
                    bitCount += n
                    if bitCount >= 32 {
                        dst[o] = UInt8(truncatingIfNeeded: bitBuffer)
                        dst[o + 1] = UInt8(truncatingIfNeeded: bitBuffer >> 8)
                        dst[o + 2] = UInt8(truncatingIfNeeded: bitBuffer >> 16)
                        dst[o + 3] = UInt8(truncatingIfNeeded: bitBuffer >> 24)
                        o += 4
                        bitBuffer >>= 32
                        bitCount -= 32
                    }
                }
                put(final ? 0b011 : 0b010, 3) // BFINAL, then BTYPE = 01 (fixed Huffman codes)
                var i = from
                while i < to {
                    let limit = min(258, to - i)
                    let nearLength = near > 0 && i >= near ? matchLength(src + i, src + i - near, limit: limit) : 0
                    let farLength = far > 0 && i >= far && nearLength < limit
                        ? matchLength(src + i, src + i - far, limit: limit) : 0
                    if nearLength >= 3 || farLength >= 3 {
                        let useFar = farLength > nearLength
                        let length = useFar ? farLength : nearLength
                        let lengthCode = lengths[length]
                        put(lengthCode.bits, lengthCode.count)
                        let distance = useFar ? farCode : nearCode
                        put(distance.0, distance.1)
                        i += length
                    } else {
                        let literal = literals[Int(src[i])]
                        put(literal.code, literal.length)
                        i += 1
                    }
                }
                put(literals[256].code, literals[256].length) // end of block
                if !final { put(0, 3) } // empty stored block header: BFINAL = 0, BTYPE = 00
                while bitCount > 0 {
                    dst[o] = UInt8(truncatingIfNeeded: bitBuffer)
                    o += 1
                    bitBuffer >>= 8
                    bitCount = bitCount >= 8 ? bitCount - 8 : 0
                }
                if !final { dst[o] = 0; dst[o + 1] = 0; dst[o + 2] = 0xFF; dst[o + 3] = 0xFF; o += 4 }
                return o
            }
        }
    }
}
