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
    /// Files larger than this (decompressed) are refused rather than read into memory.
    static let maximumSize = 1 << 31

    /// Parses IDX bytes; `source` names them in messages and `magic` is the expected magic number.
    /// - Throws: `RuntimeError` for a wrong magic number, a truncated file or trailing bytes.
    public static func parse(_ data: [UInt8], expectedMagic magic: UInt32, source: String) throws -> IDXFile {
        func u32(_ at: Int) -> UInt32 {
            UInt32(data[at]) << 24 | UInt32(data[at + 1]) << 16 | UInt32(data[at + 2]) << 8 | UInt32(data[at + 3])
        }
        guard data.count >= 4 else {
            throw RuntimeError("\(source): truncated IDX file (\(data.count) bytes, no magic number)")
        }
        let found = u32(0)
        guard found == magic else {
            let kind = magic == imagesMagic ? "an image file (magic 2051)" : magic == labelsMagic ? "a label file (magic 2049)" : "magic \(magic)"
            throw RuntimeError("\(source): wrong magic number \(found); expected \(kind)")
        }
        let rank = Int(found & 0xFF)
        guard data.count >= 4 + 4 * rank else {
            throw RuntimeError("\(source): truncated IDX header (\(data.count) bytes for \(rank) dimensions)")
        }
        let dims = (0..<rank).map { Int(u32(4 + 4 * $0)) }
        let start = 4 + 4 * rank
        var total = 1
        for d in dims {
            let (p, overflow) = total.multipliedReportingOverflow(by: d)
            guard !overflow, p <= maximumSize else {
                throw RuntimeError("\(source): IDX dimensions \(dims) are too large")
            }
            total = p
        }
        guard data.count - start >= total else {
            throw RuntimeError("\(source): truncated: dimensions \(dims) need \(total) data bytes, the file has \(data.count - start)")
        }
        guard data.count - start == total else {
            throw RuntimeError("\(source): \(data.count - start - total) unexpected bytes after the \(total) data bytes of dimensions \(dims)")
        }
        return IDXFile(dimensions: dims, bytes: Array(data[start...]))
    }

    /// Reads and parses the file at `path` (gzip or plain).
    /// - Throws: `RuntimeError` naming the path when it is missing, not valid gzip, or not IDX.
    public static func read(path: String, expectedMagic: UInt32) throws -> IDXFile {
        try parse(readMaybeCompressed(path: path), expectedMagic: expectedMagic, source: path)
    }

    /// The bytes of a file, decompressed when it is gzip.
    /// - Throws: `RuntimeError` naming the path when it cannot be opened or inflated.
    static func readMaybeCompressed(path: String) throws -> [UInt8] {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw RuntimeError("\(path): missing file or no permission to read it")
        }
        guard let file = gzopen(path, "rb") else {
            throw RuntimeError("\(path): cannot open the file")
        }
        defer { gzclose(file) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = chunk.withUnsafeMutableBytes { gzread(file, $0.baseAddress, UInt32($0.count)) }
            if n < 0 {
                var code: Int32 = 0
                let message = gzerror(file, &code).map { String(cString: $0) } ?? "unknown error"
                throw RuntimeError("\(path): corrupt or truncated gzip data (\(message))")
            }
            if n == 0 {
                var code: Int32 = 0
                let message = gzerror(file, &code).map { String(cString: $0) } ?? ""
                if code != Z_OK { throw RuntimeError("\(path): corrupt or truncated gzip data (\(message))") }
                break
            }
            out.append(contentsOf: chunk[0..<Int(n)])
            guard out.count <= maximumSize else { throw RuntimeError("\(path): larger than \(maximumSize) bytes; not an IDX file nv can read") }
        }
        return out
    }
}
