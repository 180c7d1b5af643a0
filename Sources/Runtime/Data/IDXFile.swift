import CZlib
import Foundation

/// An IDX file (the MNIST format): a big-endian u32 magic `0x0000 TT DD` — TT the element type
/// (0x08 = unsigned byte, the only one nv reads), DD the number of dimensions — then DD
/// big-endian u32 extents, then the elements row-major.
///
/// Files may be gzip-compressed or plain: zlib's `gzread` reads both. The magic numbers MNIST
/// uses are 2051 (images, 3 dimensions) and 2049 (labels, 1 dimension).
public struct IDXFile: Sendable, Equatable {
    /// Extent of each dimension, outermost first.
    public var dimensions: [Int]
    /// The elements, row-major.
    public var bytes: [UInt8]

    /// The magic number of an image file `[count, rows, columns]`.
    public static let imagesMagic: UInt32 = 2051
    /// The magic number of a label file `[count]`.
    public static let labelsMagic: UInt32 = 2049
    /// IDX data larger than this (decompressed) is refused before it is inflated: 128 MiB, over
    /// twice all of MNIST or Fashion-MNIST (70,000 × 28 × 28 bytes = 55 MB). Each byte becomes a
    /// 4-byte Float once loaded, so this also bounds the memory a file can claim.
    static let maximumSize = 1 << 27
    /// Inflating proceeds in steps of this many bytes.
    static let step = 1 << 20

    /// Parses IDX bytes; `source` names them in messages and `magic` is the expected magic number.
    /// - Throws: `RuntimeError` for a wrong magic number, a truncated file or trailing bytes.
    public static func parse(_ data: [UInt8], expectedMagic magic: UInt32, source: String) throws -> IDXFile {
        guard data.count >= 4 else {
            throw RuntimeError("\(source): truncated IDX file (\(data.count) bytes, no magic number)")
        }
        let rank = try checkMagic(Array(data[0..<4]), expected: magic, source: source)
        guard data.count >= 4 + 4 * rank else {
            throw RuntimeError("\(source): truncated IDX header (\(data.count) bytes for \(rank) dimensions)")
        }
        let start = 4 + 4 * rank
        let (dims, total) = try checkDimensions(Array(data[4..<start]), source: source)
        guard data.count - start >= total else {
            throw RuntimeError("\(source): truncated: dimensions \(dims) need \(total) data bytes, the file has \(data.count - start)")
        }
        guard data.count - start == total else {
            throw RuntimeError("\(source): \(data.count - start - total) unexpected bytes after the \(total) data bytes of dimensions \(dims)")
        }
        return IDXFile(dimensions: dims, bytes: Array(data[start...]))
    }

    /// The number of dimensions, once the magic number is the expected one (whose low byte,
    /// the rank, is then also what the caller expects: 3 for images, 1 for labels).
    static func checkMagic(_ bytes: [UInt8], expected magic: UInt32, source: String) throws -> Int {
        let found = bytes.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        guard found == magic else {
            let kind = magic == imagesMagic ? "an image file (magic 2051)" : magic == labelsMagic ? "a label file (magic 2049)" : "magic \(magic)"
            throw RuntimeError("\(source): wrong magic number \(found); expected \(kind)")
        }
        return Int(found & 0xFF)
    }

    /// The extents in the header and their product, refused when over `maximumSize`.
    static func checkDimensions(_ bytes: [UInt8], source: String) throws -> (dims: [Int], total: Int) {
        let dims = stride(from: 0, to: bytes.count, by: 4).map { at in
            Int(bytes[at..<(at + 4)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
        }
        var total = 1
        for d in dims {
            let (p, overflow) = total.multipliedReportingOverflow(by: d)
            guard !overflow, p <= maximumSize else {
                throw RuntimeError("\(source): IDX dimensions \(dims) declare more than the \(maximumSize) bytes nv reads; the file is damaged or not a dataset nv can hold")
            }
            total = p
        }
        return (dims, total)
    }

    /// Reads and parses the file at `path` (gzip or plain). The header is read first and its
    /// declared size checked, then exactly that many bytes are inflated, a step at a time: a
    /// small gzip file that would inflate to gigabytes (a "gzip bomb") is refused from its
    /// header, or stopped one byte past what the header declared.
    /// `expect` sees the declared dimensions before anything is inflated and throws when they are
    /// not what the caller needs (say, an image count that differs from the labels').
    /// - Throws: `RuntimeError` naming the path when it is missing, not a regular file, not
    ///   valid gzip, or not IDX; or what `expect` throws.
    public static func read(path: String, expectedMagic: UInt32, expect: ([Int]) throws -> Void = { _ in }) throws -> IDXFile {
        let source = visible(path, limit: 200)
        let (descriptor, _) = try RegularFile.open(path, what: "mnist", limit: Int.max)
        guard let file = gzdopen(descriptor, "rb") else {
            close(descriptor)
            throw RuntimeError("\(source): cannot open the file")
        }
        defer { gzclose(file) }
        let magic = try inflate(file, count: 4, source: source)
        guard magic.count == 4 else {
            throw RuntimeError("\(source): truncated IDX file (\(magic.count) bytes, no magic number)")
        }
        let rank = try checkMagic(magic, expected: expectedMagic, source: source)
        let header = try inflate(file, count: 4 * rank, source: source)
        guard header.count == 4 * rank else {
            throw RuntimeError("\(source): truncated IDX header (\(4 + header.count) bytes for \(rank) dimensions)")
        }
        let (dims, total) = try checkDimensions(header, source: source)
        try expect(dims)
        let data = try inflate(file, count: total, source: source)
        guard data.count == total else {
            throw RuntimeError("\(source): truncated: dimensions \(dims) need \(total) data bytes, the file has \(data.count)")
        }
        guard try inflate(file, count: 1, source: source).isEmpty else {
            throw RuntimeError("\(source): unexpected bytes after the \(total) data bytes of dimensions \(dims)")
        }
        return IDXFile(dimensions: dims, bytes: data)
    }

    /// Up to `count` more bytes of `file` (fewer only at its end), inflated `step` bytes at a time.
    /// - Throws: `RuntimeError` for corrupt or truncated gzip data.
    static func inflate(_ file: gzFile, count: Int, source: String) throws -> [UInt8] {
        // Grown a step at a time, so a header that lies about the size costs nothing up front.
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: min(step, count))
        while out.count < count {
            let want = min(step, count - out.count)
            let n = chunk.withUnsafeMutableBytes { gzread(file, $0.baseAddress, UInt32(want)) }
            if n < 0 {
                var code: Int32 = 0
                let message = gzerror(file, &code).map { String(cString: $0) } ?? "unknown error"
                throw RuntimeError("\(source): corrupt or truncated gzip data (\(message))")
            }
            if n == 0 {
                var code: Int32 = 0
                let message = gzerror(file, &code).map { String(cString: $0) } ?? ""
                if code != Z_OK { throw RuntimeError("\(source): corrupt or truncated gzip data (\(message))") }
                break
            }
            out.append(contentsOf: chunk[0..<Int(n)])
        }
        return out
    }
}
