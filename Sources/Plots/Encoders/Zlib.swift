import CZlib
import Dispatch
import Foundation

/// The zlib compression level and strategy used for PNG and kitty payloads.
///
/// Plot images are large flat areas with thin lines, so a low level (1–3) already finds most of the
/// redundancy; `nv-bench-plots` measures the trade-off between bytes and milliseconds.
public struct DeflateSettings: Equatable, Sendable {
    /// The matching strategy handed to zlib.
    public enum Strategy: Equatable, Sendable {
        /// zlib's default: LZ77 matches plus Huffman coding.
        case standard
        /// Only runs (distance 1): fast, and good on filtered images with flat areas.
        case runLength
        /// Favours Huffman coding over short matches, zlib's choice for filtered image data.
        case filtered
        /// Not zlib: nv's `RunDeflate`, which only matches the previous pixel and the pixel
        /// above, with fixed Huffman codes. Much faster, larger output; `level` is ignored.
        case imageRuns
    }

    /// 0 (store) to 9 (smallest, slowest); clamped into that range.
    public var level: Int
    /// How zlib looks for repeats.
    public var strategy: Strategy
    /// Compress large inputs in pieces on several cores (see `Zlib.deflate`).
    public var parallel: Bool

    /// Settings with the given level (clamped to 0...9), strategy and parallelism.
    public init(level: Int = 2, strategy: Strategy = .standard, parallel: Bool = true) {
        self.level = min(max(level, 0), 9)
        self.strategy = strategy
        self.parallel = parallel
    }
}

/// Thin wrappers over the system zlib: one-shot deflate into a zlib stream, inflate of a zlib
/// stream whose decompressed size is known or bounded, and CRC-32.
public enum Zlib {
    /// The CRC-32 (as used by PNG chunks) of `bytes`, continuing from `crc` (0 to start).
    public static func crc32(_ bytes: UnsafeRawBufferPointer, continuing crc: UInt32 = 0) -> UInt32 {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return crc }
        var result = UInt(crc)
        var offset = 0
        // zlib takes a 32-bit length: feed very large buffers in pieces.
        while offset < bytes.count {
            let piece = min(bytes.count - offset, Int(Int32.max))
            result = CZlib.crc32(result, base.advanced(by: offset).assumingMemoryBound(to: Bytef.self),
                                 uInt(piece))
            offset += piece
        }
        return UInt32(truncatingIfNeeded: result)
    }

    /// The CRC-32 of a byte array.
    public static func crc32(_ bytes: [UInt8], continuing crc: UInt32 = 0) -> UInt32 {
        bytes.withUnsafeBytes { crc32($0, continuing: crc) }
    }

    /// Inputs at least this large are split over cores when `settings.parallel` is on.
    public static let parallelThreshold = 1 << 19

    /// The cores a large input is split over (at most 4), read once: Foundation reads the
    /// cgroup files on every `activeProcessorCount`, which cost more than deflating a small
    /// box of a live frame's edit.
    static let cores = min(ProcessInfo.processInfo.activeProcessorCount, 4)

    /// Compresses `input` into a zlib stream (2-byte header, deflate data, Adler-32) and appends it
    /// to `output`. Returns false only if zlib itself fails (out of memory).
    ///
    /// With `settings.parallel` and a large input, the input is cut into one piece per core (at
    /// most 4), each piece is deflated on its own core as raw deflate data ending on a byte
    /// boundary (`Z_SYNC_FLUSH`), and the pieces are joined into one stream whose Adler-32 is
    /// combined from the pieces' (`adler32_combine`), the way pigz does it. A piece cannot refer
    /// back into the previous one, which costs about a percent in size on plots.
    ///
    /// `pixelBytes` and `rowBytes` describe image data for the `.imageRuns` strategy (the
    /// distances to the pixel to the left and above); other strategies ignore them.
    @discardableResult
    public static func deflate(_ input: UnsafeRawBufferPointer, settings: DeflateSettings,
                               pixelBytes: Int = 1, rowBytes: Int = 0,
                               appendingTo output: inout [UInt8]) -> Bool {
        if settings.strategy == .imageRuns {
            RunDeflate.compress(input, pixelBytes: pixelBytes, rowBytes: rowBytes, parallel: settings.parallel,
                                appendingTo: &output)
            return true
        }
        let pieces = settings.parallel ? min(cores, input.count / (parallelThreshold / 2)) : 1
        return deflate(input, settings: settings, pieces: pieces, appendingTo: &output)
    }

    /// `deflate` cut into exactly `pieces` pieces (1 = one plain stream); tests use it directly.
    static func deflate(_ input: UnsafeRawBufferPointer, settings: DeflateSettings, pieces: Int,
                        appendingTo output: inout [UInt8]) -> Bool {
        let pieces = min(pieces, input.count)
        guard pieces > 1, let base = input.baseAddress else {
            return deflateStream(input, settings: settings, raw: false, last: true, appendingTo: &output)
        }
        let pieceSize = (input.count + pieces - 1) / pieces
        // results: [pieces] the raw deflate data and Adler-32 of each piece, filled concurrently.
        let results = UnsafeMutableBufferPointer<(bytes: [UInt8], adler: UInt, ok: Bool)>.allocate(capacity: pieces)
        results.initialize(repeating: ([], 0, false))
        defer { results.deinitialize(); results.deallocate() }
        nonisolated(unsafe) let shared = results
        nonisolated(unsafe) let source = base
        let total = input.count
        DispatchQueue.concurrentPerform(iterations: pieces) { n in
            let start = n * pieceSize, end = min(start + pieceSize, total)
            let piece = UnsafeRawBufferPointer(start: source + start, count: end - start)
            var bytes: [UInt8] = []
            let ok = deflateStream(piece, settings: settings, raw: true, last: n == pieces - 1, appendingTo: &bytes)
            let adler = adler32(1, piece.baseAddress?.assumingMemoryBound(to: Bytef.self), uInt(piece.count))
            shared[n] = (bytes, adler, ok)
        }
        guard results.allSatisfy(\.ok) else { return false }
        // 0x78 0x01: deflate with a 32K window, no dictionary (header check bits make it a multiple of 31).
        output.reserveCapacity(output.count + results.reduce(6) { $0 + $1.bytes.count })
        output += [0x78, 0x01]
        var adler = results[0].adler
        for n in 0..<pieces {
            output += results[n].bytes
            if n > 0 {
                let length = min(pieceSize, input.count - n * pieceSize)
                adler = adler32_combine(adler, results[n].adler, off_t(length))
            }
        }
        output += [UInt8((adler >> 24) & 0xFF), UInt8((adler >> 16) & 0xFF), UInt8((adler >> 8) & 0xFF), UInt8(adler & 0xFF)]
        return true
    }

    /// One deflate call over the whole input: a zlib stream, or raw deflate data (`raw`) that ends
    /// the stream (`last`) or stops on a byte boundary so another piece can follow.
    static func deflateStream(_ input: UnsafeRawBufferPointer, settings: DeflateSettings, raw: Bool, last: Bool,
                              appendingTo output: inout [UInt8]) -> Bool {
        var stream = z_stream()
        let strategy: Int32
        switch settings.strategy {
        case .standard: strategy = Z_DEFAULT_STRATEGY
        case .runLength: strategy = Z_RLE
        case .filtered: strategy = Z_FILTERED
        case .imageRuns: strategy = Z_DEFAULT_STRATEGY // handled by RunDeflate before we get here
        }
        // deflateInit2 is a C macro; call the function it expands to. Negative window bits = raw.
        let initResult = deflateInit2_(&stream, Int32(settings.level), Z_DEFLATED, raw ? -15 : 15, 8, strategy,
                                       zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard initResult == Z_OK else { return false }
        defer { deflateEnd(&stream) }

        // deflateBound covers Z_FINISH; a sync flush adds at most a few bytes (an empty stored block).
        let bound = Int(deflateBound(&stream, uLong(input.count))) + 16
        let start = output.count
        output.reserveCapacity(start + bound)
        output.append(contentsOf: repeatElement(0, count: bound))
        var status: Int32 = Z_OK
        output.withUnsafeMutableBytes { out in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?
                .assumingMemoryBound(to: Bytef.self))
            stream.avail_in = uInt(input.count)
            stream.next_out = out.baseAddress!.advanced(by: start).assumingMemoryBound(to: Bytef.self)
            stream.avail_out = uInt(bound)
            status = CZlib.deflate(&stream, last ? Z_FINISH : Z_SYNC_FLUSH)
        }
        let done = last ? status == Z_STREAM_END : (status == Z_OK && stream.avail_in == 0)
        guard done else {
            output.removeSubrange(start...)
            return false
        }
        output.removeSubrange((start + Int(stream.total_out))...)
        return true
    }

    /// Compresses a byte array into a new zlib stream.
    public static func deflate(_ input: [UInt8], settings: DeflateSettings = DeflateSettings()) -> [UInt8] {
        var output: [UInt8] = []
        input.withUnsafeBytes { _ = deflate($0, settings: settings, appendingTo: &output) }
        return output
    }

    /// Why inflating failed.
    public enum InflateError: Error, Equatable, CustomStringConvertible {
        /// The data is not a valid zlib stream (zlib's message, if any).
        case corrupt(String)
        /// The data would inflate to more than the allowed number of bytes.
        case tooLarge(limit: Int)
        /// The stream ends before its end marker.
        case truncated

        public var description: String {
            switch self {
            case .corrupt(let why): return "corrupt zlib data (\(why))"
            case .tooLarge(let limit): return "zlib data inflates to more than \(limit) bytes"
            case .truncated: return "zlib data ends early"
            }
        }
    }

    /// Inflates a complete zlib stream. `limit` bounds the output so that a malicious or broken
    /// file cannot make us allocate without end; `expected` (if known) sizes the buffer up front.
    public static func inflate(_ input: [UInt8], expected: Int? = nil, limit: Int = 1 << 30)
        throws(InflateError) -> [UInt8] {
        var stream = z_stream()
        guard inflateInit_(&stream, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .corrupt("cannot initialise zlib")
        }
        defer { inflateEnd(&stream) }
        // One byte of room past the limit lets zlib reach its end marker when the output is exactly
        // `limit` bytes; producing that extra byte means the data is too large.
        let capacity = limit + 1
        var output = [UInt8](repeating: 0, count: min(max(expected ?? input.count * 4, 64), limit) + 1)
        var produced = 0
        var status: Int32 = Z_OK
        var failure: InflateError?
        input.withUnsafeBytes { inBytes in
            stream.next_in = UnsafeMutablePointer(mutating: inBytes.baseAddress?
                .assumingMemoryBound(to: Bytef.self))
            stream.avail_in = uInt(inBytes.count)
            while true {
                if produced == output.count {
                    guard output.count < capacity else { failure = .tooLarge(limit: limit); return }
                    output.append(contentsOf: repeatElement(0, count: min(output.count, capacity - output.count)))
                }
                let room = output.count - produced
                status = output.withUnsafeMutableBytes { out in
                    stream.next_out = out.baseAddress!.advanced(by: produced).assumingMemoryBound(to: Bytef.self)
                    stream.avail_out = uInt(min(room, Int(UInt32.max)))
                    let before = Int(stream.avail_out)
                    let result = CZlib.inflate(&stream, Z_NO_FLUSH)
                    produced += before - Int(stream.avail_out)
                    return result
                }
                if status == Z_STREAM_END { return }
                if status == Z_BUF_ERROR && stream.avail_in == 0 { failure = .truncated; return }
                guard status == Z_OK || status == Z_BUF_ERROR else {
                    let message = stream.msg.map { String(cString: $0) } ?? "zlib status \(status)"
                    failure = .corrupt(message)
                    return
                }
            }
        }
        if let failure { throw failure }
        if produced > limit { throw .tooLarge(limit: limit) }
        output.removeSubrange(produced...)
        return output
    }
}
